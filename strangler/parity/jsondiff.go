package parity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Difference is one place where two JSON documents disagree.
type Difference struct {
	// Path is the JSON path with array indexes written [*], so that the
	// same field in every element counts as one: $.items[*].price. The
	// order of an array's elements is the path $.items[order].
	Path string `json:"path"`
	// At is the concrete path of this occurrence: $.items[2].price, the
	// index being the element's place in the first document (in the second
	// for an element only it has).
	At string `json:"at"`
	// Kind is value, type, missing (only in the first document), extra
	// (only in the second) or order (the same elements in another order).
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
	DiffOrder   = "order"
	// DiffLength was reported for arrays of different lengths before
	// elements were aligned; elements only one side has are now missing or
	// extra. The name stays for readers of older documents.
	DiffLength = "length"
)

// OrderSuffix ends the path of an array's order: $.items[order].
const OrderSuffix = "[order]"

// maxDifferences bounds the differences reported for one pair of
// documents, so that two unrelated documents cost little.
const maxDifferences = 256

// ErrNotJSON is returned by [DiffJSON] when a document is not JSON.
var ErrNotJSON = errors.New("not JSON")

// Options tune a comparison. The zero value is the default.
type Options struct {
	// Keys names, per array path with indexes folded ("$.items",
	// "$.orders[*].lines"), the element field that identifies an element.
	// Arrays not listed are aligned by a detected id-like field (see
	// [DiffJSON]) or, without one, as multisets.
	Keys map[string]string
	// TimeTolerance, when positive, makes two strings that both read as
	// RFC 3339 timestamps equal when they are at most this far apart.
	TimeTolerance time.Duration
	// NumbersAsText compares numbers by their text, so that 2 and 2.0
	// differ; by default they are compared by value.
	NumbersAsText bool
}

// DiffJSON compares two JSON documents with the default [Options].
func DiffJSON(a, b []byte) ([]Difference, error) { return Options{}.Diff(a, b) }

// Diff compares two JSON documents field by field and returns their
// differences. Objects are compared by key whatever the key order; numbers
// by value (2 equals 2.0; integers beyond 2^53 exactly) unless
// NumbersAsText. Array elements are paired by identity, never by position
// alone: by the field Keys names for the array, else by an id-like field
// every element of both arrays has with a value unique on each side (id,
// _id, uuid, key, sku, slug, code, a field ending in "id", name), else
// equal elements with each other and the rest in their order. Differences
// inside paired elements are reported at their path; elements only one
// side has are missing or extra; paired elements in another order are one
// order difference at the array's path with [order] appended.
func (o Options) Diff(a, b []byte) ([]Difference, error) {
	va, err := decodeJSON(a)
	if err != nil {
		return nil, fmt.Errorf("first document: %w", err)
	}
	vb, err := decodeJSON(b)
	if err != nil {
		return nil, fmt.Errorf("second document: %w", err)
	}
	d := &differ{o: o}
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

type differ struct {
	o   Options
	out []Difference
}

func (d *differ) full() bool { return len(d.out) >= maxDifferences }

func (d *differ) add(path, at, kind string, a, b any) {
	if d.full() {
		return
	}
	d.out = append(d.out, Difference{Path: path, At: at, Kind: kind, A: Short(a), B: Short(b)})
}

func (d *differ) walk(path, at string, a, b any) {
	if d.full() {
		return
	}
	if kindOf(a) != kindOf(b) {
		d.add(path, at, DiffType, a, b)
		return
	}
	switch x := a.(type) {
	case map[string]any:
		d.object(path, at, x, b.(map[string]any))
	case []any:
		d.array(path, at, x, b.([]any))
	case json.Number:
		if !d.numEqual(x, b.(json.Number)) {
			d.add(path, at, DiffValue, a, b)
		}
	case string:
		if y := b.(string); x != y && !d.timeEqual(x, y) {
			d.add(path, at, DiffValue, a, b)
		}
	default:
		if a != b {
			d.add(path, at, DiffValue, a, b)
		}
	}
}

func (d *differ) object(path, at string, x, y map[string]any) {
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

// numEqual compares two JSON numbers by value: as float64, and exactly
// for integers too large for one; numbers out of float64's range by text.
func (d *differ) numEqual(a, b json.Number) bool {
	if a == b {
		return true
	}
	if d.o.NumbersAsText {
		return false
	}
	return canonNumber(a) == canonNumber(b)
}

// canonNumber spells a number so that equal values are equal strings.
func canonNumber(n json.Number) string {
	s := string(n)
	if !strings.ContainsAny(s, ".eE") {
		if s == "-0" {
			return "0"
		}
		if len(strings.TrimPrefix(s, "-")) > 15 {
			return s // exact: float64 would merge neighbouring integers
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	if f == 0 {
		f = 0 // -0.0 is 0
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// timeEqual reports whether two RFC 3339 timestamps are within the
// tolerance; it is false when none is set or either is not a timestamp.
func (d *differ) timeEqual(a, b string) bool {
	if d.o.TimeTolerance <= 0 {
		return false
	}
	ta, err := time.Parse(time.RFC3339Nano, a)
	if err != nil {
		return false
	}
	tb, err := time.Parse(time.RFC3339Nano, b)
	if err != nil {
		return false
	}
	delta := ta.Sub(tb)
	return delta.Abs() <= d.o.TimeTolerance
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
