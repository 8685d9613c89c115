package analyzer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name        string
		yaml        string
		wantPublish []string
		wantJobs    []string
		wantErr     string
	}{
		{name: "empty", yaml: "", wantPublish: DefaultConfig().Events.Publish, wantJobs: DefaultConfig().Jobs.Schedule},
		{name: "events replaced", yaml: "events:\n  publish: [Dispatch]\n", wantPublish: []string{"Dispatch"}, wantJobs: DefaultConfig().Jobs.Schedule},
		{name: "jobs replaced", yaml: "jobs:\n  schedule: [Cron]\n", wantPublish: DefaultConfig().Events.Publish, wantJobs: []string{"Cron"}},
		{name: "plan section accepted", yaml: "plan:\n  services: 3\n", wantPublish: DefaultConfig().Events.Publish, wantJobs: DefaultConfig().Jobs.Schedule},
		{name: "unknown key", yaml: "events:\n  publsh: [X]\n", wantErr: "publsh"},
		{name: "unknown section", yaml: "evnts: {}\n", wantErr: "evnts"},
		{name: "bad yaml", yaml: "events: [\n", wantErr: "ficus.yaml"},
		{name: "prefixes accepted", yaml: "prefixes:\n  cfg.Root: /api\n", wantPublish: DefaultConfig().Events.Publish, wantJobs: DefaultConfig().Jobs.Schedule},
		{name: "prefixes not a map", yaml: "prefixes: [/api]\n", wantErr: "prefixes"},
		{name: "wrong type", yaml: "events:\n  publish: 3\n", wantErr: "publish"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig("ficus.yaml", []byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseConfig error = %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantPublish, cfg.Events.Publish); diff != "" {
				t.Errorf("publish (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantJobs, cfg.Jobs.Schedule); diff != "" {
				t.Errorf("jobs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	cfg, err := LoadConfig(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultConfig(), cfg); diff != "" {
		t.Errorf("missing ficus.yaml should give the defaults (-want +got):\n%s", diff)
	}
}

func TestLoadConfigErrorNamesLine(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte("events:\n  publish: [A]\n  subscrbe: [B]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadConfig(dir)
	if err == nil || !strings.Contains(err.Error(), "[3:") {
		t.Fatalf("LoadConfig error = %v, want it to name line 3", err)
	}
}

// FuzzParseConfig checks that no ficus.yaml, however broken, panics.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{"", "events:\n  publish: [A]\n", "jobs: {schedule: [x]}", "sql:\n  methods:\n    - q\n", "plan: {services: 3}", "events: [", "&a [*a, *a]", "? : -"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig("ficus.yaml", data)
		if err != nil && !strings.Contains(err.Error(), "ficus.yaml") {
			t.Fatalf("error does not name the file: %v", err)
		}
		_ = cfg
	})
}
