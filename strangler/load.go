package strangler

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/ficus-dev/ficus/internal/editdist"
)

// position is a 1-based line and column in the configuration file.
type position struct{ line, col int }

// Load reads, parses and validates the configuration file at path. Problems
// in the file are returned together as a *ConfigError.
func Load(ctx context.Context, path string) (*Config, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("strangler: read config: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates a configuration file held in memory; file
// names it in messages. Every problem found is reported in one *ConfigError.
func Parse(file string, data []byte) (*Config, error) {
	cfg := &Config{file: file}
	d := &decoder{lines: map[string]position{}, anchors: map[string]ast.Node{}}
	d.decodeFile(data, cfg)
	cfg.lines = d.lines
	if len(d.problems) > 0 && d.problems[0].Path == "" && cfg.Backends == nil && cfg.Routes == nil {
		// Nothing decoded (syntax error, empty file): checking more would
		// only add noise.
		return nil, &ConfigError{File: file, Problems: sortProblems(d.problems)}
	}
	cfg.setDefaults()
	problems := d.problems
	var ce *ConfigError
	if err := cfg.Validate(); errors.As(err, &ce) {
		// Report what the rest of the file gets wrong too, except about
		// fields that could not be decoded.
		for _, p := range ce.Problems {
			if !underAny(p.Path, d.problems) {
				problems = append(problems, p)
			}
		}
	}
	if len(problems) > 0 {
		return nil, &ConfigError{File: file, Problems: sortProblems(problems)}
	}
	return cfg, nil
}

// underAny reports whether path is, or is inside, the path of a problem.
func underAny(path string, ps []Problem) bool {
	for _, p := range ps {
		if p.Path != "" && (path == p.Path || strings.HasPrefix(path, p.Path+".") || strings.HasPrefix(path, p.Path+"[")) {
			return true
		}
	}
	return false
}

// decoder turns a YAML syntax tree into Config values, keeping the line of
// every field and collecting every problem rather than stopping at the first.
type decoder struct {
	lines    map[string]position
	anchors  map[string]ast.Node
	problems []Problem
	depth    int
	work     int // values decoded, aliases expanded; bounded against alias bombs
}

// maxWork bounds the values one file may expand to.
const maxWork = 100000

func (d *decoder) problem(pos position, path, fix, format string, args ...any) {
	d.problems = append(d.problems, Problem{
		Line: pos.line, Column: pos.col, Path: path,
		Message: fmt.Sprintf(format, args...), Fix: fix,
	})
}

func (d *decoder) decodeFile(data []byte, cfg *Config) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		var yerr interface {
			GetToken() *token.Token
			GetMessage() string
		}
		pos := position{}
		msg := err.Error()
		if errors.As(err, &yerr) {
			pos = tokenPos(yerr.GetToken())
			msg = yerr.GetMessage()
		}
		d.problem(pos, "", "check the brackets, quotes and indentation at or just before this line", "invalid YAML: %s", msg)
		return
	}
	var body ast.Node
	docs := 0
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if _, ok := doc.Body.(*ast.CommentGroupNode); ok {
			continue
		}
		docs++
		if body == nil {
			body = doc.Body
		}
	}
	switch {
	case docs == 0:
		d.problem(position{1, 1}, "", "start from the example in docs/proxy.md", "the file is empty")
		return
	case docs > 1:
		d.problem(tokenPos(body.GetToken()), "", "keep one document per file", "the file holds %d YAML documents", docs)
	}
	d.decode(body, reflect.ValueOf(cfg).Elem(), "")
}

func tokenPos(t *token.Token) position {
	if t == nil || t.Position == nil {
		return position{}
	}
	return position{t.Position.Line, t.Position.Column}
}

func nodePos(n ast.Node) position {
	if n == nil {
		return position{}
	}
	return tokenPos(n.GetToken())
}

// maxDepth bounds recursion through aliases and nesting.
const maxDepth = 64

func (d *decoder) decode(n ast.Node, v reflect.Value, path string) {
	n = d.resolve(n, path)
	if n == nil {
		return
	}
	if _, ok := n.(*ast.NullNode); ok {
		return
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.work++; d.work == maxWork {
		d.problem(nodePos(n), path, "write the values out instead of nesting aliases", "the file expands to more than %d values", maxWork)
	}
	if d.work >= maxWork {
		return
	}
	if d.depth > maxDepth {
		d.problem(nodePos(n), path, "flatten the file", "nesting is deeper than %d levels", maxDepth)
		return
	}
	pos := nodePos(n)
	switch {
	case v.Type() == reflect.TypeFor[Duration]():
		s, ok := scalarText(n)
		if !ok {
			d.problem(pos, path, "write a duration like 5s", "%s must be a duration, not %s", fieldName(path), describe(n))
			return
		}
		if _, isInt := n.(*ast.IntegerNode); isInt && s != "0" {
			d.problem(pos, path, fmt.Sprintf("write %ss for seconds", s), "%s: %s has no unit", fieldName(path), s)
			return
		}
		dur, err := parseDuration(s)
		if err != nil {
			d.problem(pos, path, "write a duration like 5s, 250ms or 1m30s", "%s: %v", fieldName(path), err)
			return
		}
		v.SetInt(int64(dur))
		return
	case v.Type() == reflect.TypeFor[ByteSize]():
		s, ok := scalarText(n)
		size, err := parseByteSize(s)
		if !ok || err != nil {
			d.problem(pos, path, "write a size like 65536, 64KiB or 1MiB", "%s must be a size in bytes, not %s", fieldName(path), describe(n))
			return
		}
		v.SetInt(int64(size))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		d.decode(n, elem.Elem(), path)
		v.Set(elem)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Map:
		d.decodeMap(n, v, path)
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.problem(pos, path, "write a list, like [a, b]", "%s must be a list, not %s", fieldName(path), describe(n))
			return
		}
		out := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
		for i, item := range seq.Values {
			p := fmt.Sprintf("%s[%d]", path, i)
			d.lines[p] = nodePos(item)
			d.decode(item, out.Index(i), p)
		}
		v.Set(out)
	case reflect.String:
		s, ok := scalarText(n)
		if !ok {
			d.problem(pos, path, "write a single value", "%s must be a string, not %s", fieldName(path), describe(n))
			return
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			d.problem(pos, path, "write true or false", "%s must be true or false, not %s", fieldName(path), describe(n))
			return
		}
		v.SetBool(b.Value)
	case reflect.Int:
		s, _ := scalarText(n)
		i, err := strconv.ParseInt(s, 0, 32)
		if _, isInt := n.(*ast.IntegerNode); !isInt || err != nil {
			d.problem(pos, path, "write a whole number", "%s must be a whole number, not %s", fieldName(path), describe(n))
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		s, _ := scalarText(n)
		f, err := strconv.ParseFloat(s, 64)
		switch n.(type) {
		case *ast.IntegerNode, *ast.FloatNode:
		default:
			err = errors.New("not a number")
		}
		if err != nil {
			d.problem(pos, path, "write a number", "%s must be a number, not %s", fieldName(path), describe(n))
			return
		}
		v.SetFloat(f)
	default:
		d.problem(pos, path, "", "bug: cannot decode %s into %s", describe(n), v.Type())
	}
}

// resolve follows anchors, aliases and tags to the node holding the value.
func (d *decoder) resolve(n ast.Node, path string) ast.Node {
	for range maxDepth {
		switch t := n.(type) {
		case *ast.AnchorNode:
			if name, ok := scalarText(t.Name); ok {
				d.anchors[name] = t.Value
			}
			n = t.Value
		case *ast.AliasNode:
			name, _ := scalarText(t.Value)
			target, ok := d.anchors[name]
			if !ok {
				d.problem(nodePos(t), path, "define the anchor (&"+name+") before using it", "unknown alias *%s", name)
				return nil
			}
			n = target
		case *ast.TagNode:
			n = t.Value
		default:
			return n
		}
	}
	d.problem(nodePos(n), path, "simplify the anchors", "aliases nest too deeply")
	return nil
}

// pairs returns the key/value pairs of a mapping node.
func pairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
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

func (d *decoder) decodeStruct(n ast.Node, v reflect.Value, path string) {
	fields := yamlFields(v.Type())
	seen := map[string]bool{}
	d.eachPair(n, path, "fields", func(key, p string, kpos position, value ast.Node) {
		idx, known := fields[key]
		switch {
		case !known:
			d.problem(kpos, p, suggestFix(key, sortedKeys(fields)), "unknown field %q%s", key, inWhere(path))
		case seen[key]:
			d.problem(kpos, p, "remove one of them", "field %q appears twice%s", key, inWhere(path))
		default:
			seen[key] = true
			d.lines[p] = kpos
			d.decode(value, v.Field(idx), p)
		}
	})
}

func (d *decoder) decodeMap(n ast.Node, v reflect.Value, path string) {
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	d.eachPair(n, path, "entries", func(key, p string, kpos position, value ast.Node) {
		if v.MapIndex(reflect.ValueOf(key)).IsValid() {
			d.problem(kpos, p, "remove one of them", "%q appears twice%s", key, inWhere(path))
			return
		}
		d.lines[p] = kpos
		elem := reflect.New(v.Type().Elem()).Elem()
		d.decode(value, elem, p)
		v.SetMapIndex(reflect.ValueOf(key), elem)
	})
}

// eachPair calls f for every key of the mapping n, with the key's path and
// position; what names the entries in messages.
func (d *decoder) eachPair(n ast.Node, path, what string, f func(key, p string, kpos position, value ast.Node)) {
	kvs, ok := pairs(n)
	if !ok {
		d.problem(nodePos(n), path, "write a mapping of key: value lines", "%s must be a mapping, not %s", fieldName(path), describe(n))
		return
	}
	for _, kv := range kvs {
		key, ok := keyOf(kv)
		kpos := nodePos(kv.Key)
		if !ok {
			d.problem(kpos, path, "write the "+what+" out in full", "merge keys (<<) and complex keys are not supported")
			continue
		}
		f(key, joinPath(path, key), kpos, kv.Value)
	}
}

// yamlFields maps YAML names to struct field indexes.
func yamlFields(t reflect.Type) map[string]int {
	out := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		out[name] = i
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func inWhere(path string) string {
	if path == "" {
		return " at the top level"
	}
	return " in " + path
}

// fieldName is the last element of path, for messages.
func fieldName(path string) string {
	if path == "" {
		return "the configuration"
	}
	return path
}

// scalarText returns the text of a scalar node.
func scalarText(n ast.Node) (string, bool) {
	switch t := n.(type) {
	case *ast.StringNode:
		return t.Value, true
	case *ast.LiteralNode:
		if t.Value == nil {
			return "", true
		}
		return t.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if tk := n.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

func describe(n ast.Node) string {
	switch t := n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode:
		return "null"
	default:
		if s, ok := scalarText(t); ok {
			return strconv.Quote(s)
		}
		return "a " + strings.ToLower(n.Type().String())
	}
}

// suggestFix proposes the nearest known name for a misspelt one.
func suggestFix(got string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if dist := editdist.Distance(strings.ToLower(got), k, bestDist); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "use one of: " + strings.Join(known, ", ")
}
