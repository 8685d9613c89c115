package strangler

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/ficus-dev/ficus/strangler/config"
)

// TestDeployManifests keeps deploy/ honest: every manifest parses, and the
// proxy configuration shipped in the ConfigMap is valid.
func TestDeployManifests(t *testing.T) {
	files, err := filepath.Glob("../deploy/kubernetes/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Kind string            `yaml:"kind"`
				Data map[string]string `yaml:"data"`
			}
			if err := yaml.Unmarshal(b, &doc); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if doc.Kind == "" {
				t.Fatalf("%s has no kind", f)
			}
			if doc.Kind != "ConfigMap" {
				return
			}
			y, ok := doc.Data["ficus-proxy.yaml"]
			if !ok {
				t.Fatalf("ConfigMap has no ficus-proxy.yaml")
			}
			cfg, err := config.Parse("configmap:ficus-proxy.yaml", []byte(y))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Admin != "0.0.0.0:9901" {
				t.Errorf("admin %q: the kubelet probes need the pod address", cfg.Admin)
			}
		})
	}
}
