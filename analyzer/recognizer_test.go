package analyzer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRecognizersDocumented checks docs/recognizers.md against the
// declared recognizers: each has a row, each row names a declared one,
// and the fixtures a row names exist.
func TestRecognizersDocumented(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "recognizers.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{} // name -> fixtures
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 6 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		name := strings.Trim(strings.TrimSpace(cells[1]), "`")
		var fixtures []string
		for _, f := range strings.Split(cells[3], ",") {
			fixtures = append(fixtures, strings.Trim(strings.TrimSpace(f), "`"))
		}
		rows[name] = fixtures
	}
	declared := map[string]bool{}
	for _, r := range recognizers() {
		declared[r.name()] = true
		t.Run(r.name(), func(t *testing.T) {
			if r.doc() == "" {
				t.Errorf("recognizer %s has no doc line", r.name())
			}
			fixtures, ok := rows[r.name()]
			if !ok {
				t.Fatalf("docs/recognizers.md has no row for recognizer %s: add one", r.name())
			}
			for _, f := range fixtures {
				if _, err := os.Stat(filepath.Join("testdata", "fixtures", f)); err != nil {
					t.Errorf("docs/recognizers.md names fixture %q for %s: %v", f, r.name(), err)
				}
			}
		})
	}
	for name := range rows {
		if !declared[name] {
			t.Errorf("docs/recognizers.md has a row for %s, which recognizers() does not declare", name)
		}
	}
}
