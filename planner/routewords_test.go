package planner

import "testing"

// TestRouteWordsSkipFileFormats: the words of the routes' paths name
// business areas; a file's extension names its format and is no such
// word.
func TestRouteWordsSkipFileFormats(t *testing.T) {
	m := newModel(testGraph([]string{"route GET /manifest.json", "route GET /sitemap.xml", "route GET /booking/{id}"}, nil))
	got := routeWords(m)
	for _, w := range []string{"manifest", "sitemap", "booking"} {
		if !got[w] {
			t.Errorf("routeWords lacks %q: %v", w, got)
		}
	}
	for _, w := range []string{"json", "xml"} {
		if got[w] {
			t.Errorf("routeWords has the format %q: %v", w, got)
		}
	}
}
