package analyzer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseConfigHistory(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    HistoryConfig
		wantErr string
	}{
		{name: "absent", yaml: "sql:\n  methods: [Q]\n", want: DefaultHistoryConfig()},
		{name: "some keys keep the other defaults", yaml: "history:\n  since: 1.year.ago\n  max_files: 20\n",
			want: HistoryConfig{Since: "1.year.ago", MaxFiles: 20, HalfLifeDays: 180, MinCommits: 2, MaxEdges: 20000}},
		{name: "exclude", yaml: "history:\n  exclude: [gen/]\n",
			want: HistoryConfig{MaxFiles: 50, HalfLifeDays: 180, MinCommits: 2, MaxEdges: 20000, Exclude: []string{"gen/"}}},
		{name: "bad half-life", yaml: "history:\n  half_life_days: 0\n", wantErr: "history.half_life_days is 0"},
		{name: "bad max_files", yaml: "history:\n  max_files: 1\n", wantErr: "history.max_files is 1"},
		{name: "since like a flag", yaml: "history:\n  since: --all\n", wantErr: "history.since"},
		{name: "unknown key", yaml: "history:\n  window: 3\n", wantErr: "window"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig("ficus.yaml", []byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, cfg.History); d != "" {
				t.Errorf("history config (-want +got):\n%s", d)
			}
		})
	}
}
