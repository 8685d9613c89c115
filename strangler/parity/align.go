package parity

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// preferredKeys are the element fields tried first as an array's identity,
// in order; after them, any field whose name ends in "id", then "name".
func preferredKeys() []string {
	return []string{"id", "ID", "Id", "_id", "uuid", "key", "sku", "slug", "code"}
}

// pair is an element of the first array matched with one of the second.
type pair struct{ i, j int }

// array compares two arrays element by element, elements paired by
// identity (see [Options.Diff]).
func (d *differ) array(path, at string, x, y []any) {
	elem := path + "[*]"
	var pairs []pair
	var onlyA, onlyB []int
	if k := d.key(path, x, y); k != "" {
		pairs, onlyA, onlyB = alignByKey(k, x, y)
	} else {
		pairs, onlyA, onlyB = alignByValue(x, y)
	}
	if !increasing(pairs) {
		d.add(path+OrderSuffix, at+OrderSuffix, DiffOrder, orderOf(pairs, false), orderOf(pairs, true))
	}
	for _, p := range pairs {
		d.walk(elem, at+"["+strconv.Itoa(p.i)+"]", x[p.i], y[p.j])
	}
	for _, i := range onlyA {
		d.add(elem, at+"["+strconv.Itoa(i)+"]", DiffMissing, x[i], nil)
	}
	for _, j := range onlyB {
		d.add(elem, at+"["+strconv.Itoa(j)+"]", DiffExtra, nil, y[j])
	}
}

// key is the field identifying the elements of the arrays at path: the
// configured one, else the first candidate every element of both arrays
// has with a scalar value unique on its side; "" when there is none.
func (d *differ) key(path string, x, y []any) string {
	if k, ok := d.o.Keys[path]; ok {
		if identifies(k, x) && identifies(k, y) {
			return k
		}
		return ""
	}
	if len(x) == 0 || len(y) == 0 {
		return ""
	}
	first, ok := x[0].(map[string]any)
	if !ok {
		return ""
	}
	var suffixed []string
	for f := range first {
		if l := strings.ToLower(f); strings.HasSuffix(l, "id") && !slices.Contains(preferredKeys(), f) {
			suffixed = append(suffixed, f)
		}
	}
	sort.Strings(suffixed)
	candidates := append(append(preferredKeys(), suffixed...), "name")
	for _, k := range candidates {
		if _, ok := first[k]; ok && identifies(k, x) && identifies(k, y) {
			return k
		}
	}
	return ""
}

// identifies reports whether every element of xs is an object with field k
// holding a string or number, no two alike.
func identifies(k string, xs []any) bool {
	seen := make(map[string]bool, len(xs))
	for _, e := range xs {
		id, ok := idOf(k, e)
		if !ok || seen[id] {
			return false
		}
		seen[id] = true
	}
	return true
}

// idOf is element e's identity under field k.
func idOf(k string, e any) (string, bool) {
	o, ok := e.(map[string]any)
	if !ok {
		return "", false
	}
	switch v := o[k].(type) {
	case string:
		return "s" + v, true
	case json.Number:
		return "n" + canonNumber(v), true
	}
	return "", false
}

// alignByKey pairs elements with the same identity under field k.
func alignByKey(k string, x, y []any) (pairs []pair, onlyA, onlyB []int) {
	at := make(map[string]int, len(y))
	for j, e := range y {
		id, _ := idOf(k, e)
		at[id] = j
	}
	used := make([]bool, len(y))
	for i, e := range x {
		id, _ := idOf(k, e)
		if j, ok := at[id]; ok {
			pairs = append(pairs, pair{i, j})
			used[j] = true
			continue
		}
		onlyA = append(onlyA, i)
	}
	for j := range y {
		if !used[j] {
			onlyB = append(onlyB, j)
		}
	}
	return pairs, onlyA, onlyB
}

// alignByValue pairs equal elements first, then the rest in their order,
// so that a reordered array with one changed element reports that change.
func alignByValue(x, y []any) (pairs []pair, onlyA, onlyB []int) {
	byValue := make(map[string][]int, len(y))
	for j, e := range y {
		c := canonical(e)
		byValue[c] = append(byValue[c], j)
	}
	used := make([]bool, len(y))
	var restA []int
	for i, e := range x {
		c := canonical(e)
		if js := byValue[c]; len(js) > 0 {
			pairs = append(pairs, pair{i, js[0]})
			used[js[0]] = true
			byValue[c] = js[1:]
			continue
		}
		restA = append(restA, i)
	}
	var restB []int
	for j := range y {
		if !used[j] {
			restB = append(restB, j)
		}
	}
	n := min(len(restA), len(restB))
	for k := range n {
		pairs = append(pairs, pair{restA[k], restB[k]})
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a].i < pairs[b].i })
	return pairs, restA[n:], restB[n:]
}

// increasing reports whether pairs, in the first array's order, keep the
// second array's order too.
func increasing(pairs []pair) bool {
	for k := 1; k < len(pairs); k++ {
		if pairs[k].j < pairs[k-1].j {
			return false
		}
	}
	return true
}

// orderOf lists the paired elements' positions in one array, in that
// array's order, as the first array's indexes: [0,1,2] and [1,0,2].
func orderOf(pairs []pair, second bool) []int {
	if !second {
		out := make([]int, len(pairs))
		for k, p := range pairs {
			out[k] = p.i
		}
		return out
	}
	byJ := slices.Clone(pairs)
	sort.Slice(byJ, func(a, b int) bool { return byJ[a].j < byJ[b].j })
	out := make([]int, len(byJ))
	for k, p := range byJ {
		out[k] = p.i
	}
	return out
}

// canonical spells a value so that equal values (keys in any order,
// numbers by value) are equal strings.
func canonical(v any) string {
	var b strings.Builder
	writeCanonical(&b, v)
	return b.String()
}

func writeCanonical(b *strings.Builder, v any) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for n, k := range keys {
			if n > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			writeCanonical(b, x[k])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for n, e := range x {
			if n > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, e)
		}
		b.WriteByte(']')
	case json.Number:
		b.WriteString(canonNumber(x))
	case string:
		b.WriteString(strconv.Quote(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	default:
		b.WriteString("null")
	}
}
