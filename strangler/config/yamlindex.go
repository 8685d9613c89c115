package config

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// fileIndex locates the fields of a configuration file. The decoder fills
// the values; the index gives validation and decoding errors their line and
// column, and bounds what aliases may expand to.
type fileIndex struct {
	keys     map[string]position // field path → position of its key (Config.lines)
	keyAt    map[position]string // position of a key → its path
	values   map[position]string // position of a value → the outermost path it starts
	nodes    map[position]ast.Node
	fields   map[string][]string // path of a mapping → the field names its type knows
	anchors  map[string]int      // anchor → values it expands to
	problems []Problem           // problems that leave nothing to decode
	unknown  []Problem           // unknown fields: the rest of the file is still checked
}

// maxWork bounds the values one file may expand to through aliases.
const maxWork = 100000

// maxDepth bounds nesting.
const maxDepth = 64

// indexFile indexes the body of a configuration file against Config.
func indexFile(body ast.Node) *fileIndex {
	x := &fileIndex{
		keys: map[string]position{}, keyAt: map[position]string{}, values: map[position]string{},
		nodes: map[position]ast.Node{}, fields: map[string][]string{}, anchors: map[string]int{},
	}
	if n := x.walk(body, "", reflect.TypeFor[Config](), 0); n > maxWork {
		x.problem(nodePos(body), "", "write the values out instead of nesting aliases", "the file expands to more than %d values", maxWork)
	}
	return x
}

func (x *fileIndex) problem(pos position, path, fix, format string, args ...any) {
	x.problems = append(x.problems, Problem{Line: pos.line, Column: pos.col, Path: path, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// walk records the positions under n, whose field has type t, and returns
// how many values n expands to (saturating above maxWork).
func (x *fileIndex) walk(n ast.Node, path string, t reflect.Type, depth int) int {
	if depth > maxDepth {
		x.problem(nodePos(n), path, "flatten the file", "nesting is deeper than %d levels", maxDepth)
		return 1
	}
	switch a := n.(type) {
	case nil:
		return 0
	case *ast.TagNode:
		return x.walk(a.Value, path, t, depth+1)
	case *ast.AnchorNode:
		size := x.walk(a.Value, path, t, depth+1)
		if name, ok := scalarText(a.Name); ok {
			x.anchors[name] = size
		}
		return size
	case *ast.AliasNode:
		name, _ := scalarText(a.Value)
		size, ok := x.anchors[name]
		if !ok {
			x.problem(nodePos(a), path, "define the anchor (&"+name+") before using it", "unknown alias *%s", name)
		}
		return max(size, 1)
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pos := nodePos(n)
	if _, ok := x.values[pos]; !ok {
		x.values[pos], x.nodes[pos] = path, n
	}
	size := 1
	switch a := n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		if t != nil && t.Kind() == reflect.Struct {
			x.fields[path] = yamlFieldNames(t)
		}
		for _, kv := range pairs(a) {
			kpos := nodePos(kv.Key)
			key, ok := keyOf(kv)
			if !ok {
				x.problem(kpos, path, "write the fields out in full", "merge keys (<<) and complex keys are not supported")
				continue
			}
			p := joinPath(path, key)
			x.keys[p], x.keyAt[kpos] = kpos, p
			if t != nil && t.Kind() == reflect.Struct && fieldType(t, key) == nil {
				x.unknown = append(x.unknown, Problem{Line: kpos.line, Column: kpos.col, Path: p,
					Message: fmt.Sprintf("unknown field %q%s", key, inWhere(path)), Fix: suggestFix(key, x.fields[path])})
				continue
			}
			size = saturate(size + x.walk(kv.Value, p, fieldType(t, key), depth+1))
		}
	case *ast.SequenceNode:
		var elem reflect.Type
		if t != nil && t.Kind() == reflect.Slice {
			elem = t.Elem()
		}
		for i, item := range a.Values {
			p := fmt.Sprintf("%s[%d]", path, i)
			x.keys[p] = nodePos(item)
			size = saturate(size + x.walk(item, p, elem, depth+1))
		}
	}
	return size
}

func saturate(n int) int { return min(n, maxWork+1) }

// pairs returns the key/value pairs of a mapping node.
func pairs(n ast.Node) []*ast.MappingValueNode {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	}
	return nil
}

// keyOf returns a mapping key as text, or false for merge keys and
// non-scalar keys.
func keyOf(kv *ast.MappingValueNode) (string, bool) {
	if kv.Key == nil {
		return "", false
	}
	if _, merge := kv.Key.(*ast.MergeKeyNode); merge {
		return "", false
	}
	return scalarText(kv.Key)
}

// fieldType is the type of key in a value of type t: a struct's field, a
// map's element; nil when t has no such key.
func fieldType(t reflect.Type, key string) reflect.Type {
	switch {
	case t == nil:
		return nil
	case t.Kind() == reflect.Map:
		return t.Elem()
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && yamlName(f) == key {
				return f.Type
			}
		}
	}
	return nil
}

// yamlFieldNames lists the YAML names of a struct's fields, sorted.
func yamlFieldNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && yamlName(f) != "" {
			names = append(names, yamlName(f))
		}
	}
	sort.Strings(names)
	return names
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	return name
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
