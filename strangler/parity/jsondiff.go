package parity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Difference is one place where two JSON documents disagree.
type Difference struct {
	// Path is the JSON path with array indexes written [*], so that the
	// same field in every element counts as one: $.items[*].price.
	Path string `json:"path"`
	// At is the concrete path of this occurrence: $.items[2].price.
	At string `json:"at"`
	// Kind is value, type, missing (only in the first document), extra
	// (only in the second) or length (arrays of different lengths).
	Kind string `json:"kind"`
	// A and B are the two values, shortened.
	A string `json:"a,omitempty"`
	B string `json:"b,omitempty"`
}

// Difference kinds.
const (
	DiffValue   = "value"
	DiffType    = "type"
	DiffMissing = "missing"
	DiffExtra   = "extra"
	DiffLength  = "length"
)

// maxDifferences bounds the differences reported for one pair of
// documents, so that two unrelated documents cost little.
const maxDifferences = 256

// ErrNotJSON is returned by [DiffJSON] when a document is not JSON.
var ErrNotJSON = errors.New("not JSON")

// DiffJSON compares two JSON documents field by field and returns their
// differences in path order. Numbers are compared by their decimal text
// (1 and 1.0 differ), objects by key whatever the key order.
func DiffJSON(a, b []byte) ([]Difference, error) {
	va, err := decodeJSON(a)
	if err != nil {
		return nil, fmt.Errorf("first document: %w", err)
	}
	vb, err := decodeJSON(b)
	if err != nil {
		return nil, fmt.Errorf("second document: %w", err)
	}
	d := &differ{}
	d.walk("$", "$", va, vb)
	return d.out, nil
}

func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotJSON, err)
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("%w: more than one value", ErrNotJSON)
	}
	return v, nil
}

type differ struct{ out []Difference }

func (d *differ) add(path, at, kind string, a, b any) {
	if len(d.out) >= maxDifferences {
		return
	}
	d.out = append(d.out, Difference{Path: path, At: at, Kind: kind, A: Short(a), B: Short(b)})
}

func (d *differ) walk(path, at string, a, b any) {
	if len(d.out) >= maxDifferences {
		return
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			d.add(path, at, DiffType, a, b)
			return
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, q := path+pathKey(k), at+pathKey(k)
			va, inA := x[k]
			vb, inB := y[k]
			switch {
			case !inB:
				d.add(p, q, DiffMissing, va, nil)
			case !inA:
				d.add(p, q, DiffExtra, nil, vb)
			default:
				d.walk(p, q, va, vb)
			}
		}
	case []any:
		y, ok := b.([]any)
		if !ok {
			d.add(path, at, DiffType, a, b)
			return
		}
		if len(x) != len(y) {
			d.add(path, at, DiffLength, len(x), len(y))
		}
		for i := range min(len(x), len(y)) {
			d.walk(path+"[*]", at+"["+strconv.Itoa(i)+"]", x[i], y[i])
		}
	default:
		if kindOf(a) != kindOf(b) {
			d.add(path, at, DiffType, a, b)
			return
		}
		if a != b {
			d.add(path, at, DiffValue, a, b)
		}
	}
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}

// pathKey writes an object key as a path element: .name, or ["odd key"].
func pathKey(k string) string {
	if k != "" && strings.IndexFunc(k, func(r rune) bool {
		return !(r == '_' || r == '-' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}) < 0 {
		return "." + k
	}
	return "[" + strconv.Quote(k) + "]"
}

// Short renders a value for a sample diff, cut to 80 bytes.
func Short(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

// Glob is a JSON path to ignore: it matches the path itself and
// everything under it. [*] and [N] both match any index.
type Glob string

// ParseGlob checks an ignore path and normalises its indexes to [*].
func ParseGlob(s string) (Glob, error) {
	if !strings.HasPrefix(s, "$") {
		return "", fmt.Errorf("JSON path %q must start with $", s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '[' && i+1 < len(s) && s[i+1] != '"' {
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return "", fmt.Errorf("JSON path %q has an unclosed [", s)
			}
			idx := s[i+1 : i+j]
			if _, err := strconv.Atoi(idx); idx != "*" && err != nil {
				return "", fmt.Errorf("JSON path %q: [%s] is not an index or [*]", s, idx)
			}
			b.WriteString("[*]")
			i += j
			continue
		}
		b.WriteByte(c)
	}
	return Glob(b.String()), nil
}

// Covers reports whether the glob matches path or one of its ancestors.
func (g Glob) Covers(path string) bool {
	return underPath(string(g), path)
}

// underPath reports whether path is root or lies under it.
func underPath(root, path string) bool {
	if !strings.HasPrefix(path, root) {
		return false
	}
	rest := path[len(root):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}
