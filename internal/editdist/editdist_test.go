package editdist

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", -1, 0},
		{"orders", "orders", -1, 0},
		{"orders", "ordres", -1, 2},
		{"kitten", "sitting", -1, 3},
		{"", "abc", -1, 3},
		{"héllo", "hello", -1, 1},
		{"kitten", "sitting", 1, 2},
		{"a", "abcdef", 2, 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("orders", "ordres")
	f.Fuzz(func(t *testing.T, a, b string) {
		d := Distance(a, b, -1)
		if d != Distance(b, a, -1) {
			t.Fatalf("not symmetric for %q, %q", a, b)
		}
		if (d == 0) != (string([]rune(a)) == string([]rune(b))) {
			t.Fatalf("zero distance iff equal broken for %q, %q", a, b)
		}
		if lim := Distance(a, b, 1); d <= 1 && lim != d || d > 1 && lim != 2 {
			t.Fatalf("limited distance %d disagrees with %d", lim, d)
		}
	})
}
