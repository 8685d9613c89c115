package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

const fixture = `package p

import "sync"

var (
	counter int
	byID    = map[string]int{}
	regs    sync.Map
	once    sync.Once
	client  *Client
	lru     = NewCache(10)
	plain   = "x"
)

type Client struct{ n int }

func NewCache(n int) *Client { return &Client{n} }

func Bump() {
	counter++
}

func Read() int {
	x := counter
	return x + byID["a"]
}

func Shadow() {
	counter := 3
	counter = 4
	_ = counter
}

func Put(k string) {
	_ = k
	byID[k] = 1
}

func Register(v any) {
	regs.Store("k", v)
}

func Get() *Client {
	once.Do(func() {
		client = &Client{}
	})
	return client
}

func Field() {
	client.n = 2
}
`

// writeFiles writes source files into a new directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestVarAccess(t *testing.T) {
	ix := New(writeFiles(t, map[string]string{"p.go": fixture}))
	tests := []struct {
		name      string
		span      Span
		v         string
		wantWrite bool
		wantLine  int
		wantOnce  bool
	}{
		{"increment", Span{"p.go", 19, 21}, "counter", true, 20, false},
		{"read", Span{"p.go", 23, 26}, "counter", false, 24, false},
		{"shadowed local", Span{"p.go", 28, 32}, "counter", false, 28, false},
		{"map element", Span{"p.go", 34, 37}, "byID", true, 36, false},
		{"mutating method", Span{"p.go", 39, 41}, "regs", true, 40, false},
		{"built once", Span{"p.go", 43, 48}, "client", true, 45, true},
		{"field", Span{"p.go", 50, 52}, "client", true, 51, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ix.VarAccess(tt.span, tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if a.Write != tt.wantWrite || a.Line != tt.wantLine || a.Once != tt.wantOnce {
				t.Errorf("VarAccess = %+v, want write %v line %d once %v", a, tt.wantWrite, tt.wantLine, tt.wantOnce)
			}
		})
	}
}

func TestVarKind(t *testing.T) {
	ix := New(writeFiles(t, map[string]string{"p.go": fixture}))
	tests := []struct {
		v        string
		line     int
		wantKind string
	}{
		{"counter", 6, ""},
		{"byID", 7, "map"},
		{"regs", 8, "map"},
		{"lru", 11, "cache"},
		{"plain", 12, ""},
	}
	for _, tt := range tests {
		t.Run(tt.v, func(t *testing.T) {
			k, err := ix.VarKind(Span{"p.go", tt.line, tt.line}, tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if k != tt.wantKind {
				t.Errorf("VarKind(%s) = %q, want %q", tt.v, k, tt.wantKind)
			}
		})
	}
}

func TestUseLine(t *testing.T) {
	ix := New(writeFiles(t, map[string]string{"p.go": fixture}))
	if l, err := ix.UseLine(Span{"p.go", 43, 48}, "Client"); err != nil || l != 43 {
		t.Errorf("UseLine(Client) = %d, %v; want 45", l, err)
	}
	if l, err := ix.UseLine(Span{"p.go", 19, 21}, "Nothing"); err != nil || l != 19 {
		t.Errorf("UseLine(Nothing) = %d, %v; want the declaration's line 19", l, err)
	}
	if _, err := ix.UseLine(Span{"missing.go", 1, 1}, "x"); err == nil {
		t.Error("UseLine on a missing file: no error")
	}
}

func TestLiteralLine(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\nfunc Save(db DB) {\n\tdb.Exec(\"SELECT 1 FROM order_items\")\n\tdb.Exec(`INSERT INTO orders (id)\n\t VALUES (1)`)\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := New(dir)
	tests := []struct {
		word     string
		wantLine int
	}{
		{"orders", 5},
		{"ORDER_ITEMS", 4},
		{"order", 0},
		{"items", 0},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if l, err := ix.LiteralLine(Span{"p.go", 3, 7}, tt.word); err != nil || l != tt.wantLine {
				t.Errorf("LiteralLine(%q) = %d, %v; want %d", tt.word, l, err, tt.wantLine)
			}
		})
	}
}

func TestConstLine(t *testing.T) {
	files := map[string]string{
		"repo.go": "package p\n\nfunc Save(db DB) {\n\tx := 1\n\tdb.Exec(insertItem, x)\n\tdb.Exec(other)\n}\n",
		"sql.go":  "package p\n\nconst (\n\tinsertItem = \"INSERT INTO order_items \" +\n\t\t\"(id) VALUES ($1)\"\n\tother = `SELECT 1`\n)\n",
	}
	ix := New(writeFiles(t, files))
	tests := []struct {
		word     string
		wantLine int
	}{
		{"order_items", 5},
		{"orders", 0},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if l, err := ix.ConstLine(Span{"repo.go", 3, 7}, tt.word); err != nil || l != tt.wantLine {
				t.Errorf("ConstLine(%q) = %d, %v; want %d", tt.word, l, err, tt.wantLine)
			}
		})
	}
}

// TestPreload parses files concurrently (run with -race), missing ones
// included, and the answers are those of a lazy parse.
func TestPreload(t *testing.T) {
	files := map[string]string{}
	var names []string
	for i := range 20 {
		name := fmt.Sprintf("f%d.go", i)
		files[name] = fmt.Sprintf("package p\n\nfunc F%d() {\n\tcounter++\n}\n", i)
		names = append(names, name)
	}
	ix := New(writeFiles(t, files))
	ix.Preload(context.Background(), append(names, "missing.go"))
	for _, name := range names {
		if a, err := ix.VarAccess(Span{name, 3, 5}, "counter"); err != nil || !a.Write || a.Line != 4 {
			t.Errorf("%s: VarAccess = %+v, %v; want a write on line 4", name, a, err)
		}
	}
	if _, err := ix.UseLine(Span{"missing.go", 1, 1}, "x"); err == nil {
		t.Error("a missing file preloaded: no error when asked")
	}
}
