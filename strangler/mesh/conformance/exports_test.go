package conformance

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	utiljson "k8s.io/apimachinery/pkg/util/json"
	"sigs.k8s.io/yaml"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/mesh"
)

// export is one target's output for one configuration and option set.
type export struct {
	name string // config/target/options, for messages
	docs []map[string]any
}

// optionSets are the ways the exports are run: as documented (no flags),
// and with every Kubernetes flag.
func optionSets() map[string]mesh.Options {
	return map[string]mesh.Options{
		"plain": {},
		"flags": {Namespace: "shop", Gateway: "public", Hosts: []string{"shop.example"}},
		"any":   {Gateway: "public", Hosts: []string{"*"}},
	}
}

// exports runs target over every configuration in ../testdata/configs
// with every option set.
func exports(t *testing.T, target mesh.Target) []export {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "configs", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no configurations in ../testdata/configs: %v", err)
	}
	var out []export
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Parse(f, data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for oname, o := range optionSets() {
			var buf bytes.Buffer
			if _, err := mesh.Export(&buf, target, cfg, o); err != nil {
				t.Fatalf("%s %s %s: %v", f, target, oname, err)
			}
			e := export{name: filepath.Base(f) + "/" + string(target) + "/" + oname}
			for _, d := range strings.Split(buf.String(), "\n---\n") {
				// Integers stay int64, as the apiserver decodes them.
				var m map[string]any
				j, err := yaml.YAMLToJSON([]byte(d))
				if err == nil {
					err = utiljson.Unmarshal(j, &m)
				}
				if err != nil {
					t.Fatalf("%s: YAML: %v\n%s", e.name, err, d)
				}
				e.docs = append(e.docs, m)
			}
			out = append(out, e)
		}
	}
	return out
}

// str reads a string at a path of map keys.
func str(doc map[string]any, keys ...string) string {
	var v any = doc
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[k]
	}
	s, _ := v.(string)
	return s
}
