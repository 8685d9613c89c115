package config

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
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
// names it in messages. The file is decoded by goccy/go-yaml with unknown
// fields rejected, as every ficus configuration is; a decoding error stops
// decoding, while Validate lists every problem of a decoded file. Every
// problem carries its line and column.
func Parse(file string, data []byte) (*Config, error) {
	body, problems := parseDocument(data)
	if body == nil {
		return nil, &ConfigError{File: file, Problems: sortProblems(problems)}
	}
	x := indexFile(body)
	problems = append(problems, x.problems...)
	if len(x.problems) > 0 {
		return nil, &ConfigError{File: file, Problems: sortProblems(problems)}
	}
	cfg := &Config{file: file, lines: x.keys}
	opts := []yaml.DecodeOption{yaml.DisallowUnknownField()}
	if len(x.unknown) > 0 {
		// The index has named every unknown field; decode the rest so
		// that the rest of the file is checked too.
		problems, opts = append(problems, x.unknown...), nil
	}
	if err := yaml.NodeToValue(body, cfg, opts...); err != nil {
		problems = append(problems, x.decodeProblem(err))
		return nil, &ConfigError{File: file, Problems: sortProblems(problems)}
	}
	cfg.setDefaults()
	var ce *ConfigError
	if err := cfg.Validate(); errors.As(err, &ce) {
		// Say nothing more about fields that were not decoded.
		for _, p := range ce.Problems {
			if !underAny(p.Path, x.unknown) {
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

// parseDocument parses data and returns the body of its one document, or
// nil with the problem that leaves nothing to decode.
func parseDocument(data []byte) (ast.Node, []Problem) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		pos, msg := position{}, err.Error()
		var yerr yaml.Error
		if errors.As(err, &yerr) {
			pos, msg = tokenPos(yerr.GetToken()), yerr.GetMessage()
		}
		fix := "check the brackets, quotes and indentation at or just before this line"
		if strings.Contains(msg, "already defined") {
			fix = "remove one of them"
		}
		return nil, []Problem{{Line: pos.line, Column: pos.col, Message: "invalid YAML: " + msg, Fix: fix}}
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
		return nil, []Problem{{Line: 1, Column: 1, Message: "the file is empty", Fix: "start from the example in docs/proxy.md"}}
	case docs > 1:
		pos := nodePos(body)
		return body, []Problem{{Line: pos.line, Column: pos.col, Message: fmt.Sprintf("the file holds %d YAML documents", docs), Fix: "keep one document per file"}}
	}
	return body, nil
}

// fieldError is a value a field's own decoder refused; Parse names the
// field, which the decoder does not know.
type fieldError struct {
	node    ast.Node
	message func(field string) string
	fix     string
}

func (e *fieldError) Error() string { return e.message("value") }

// decodeProblem turns a decoding error into a problem at the field's line
// and column, worded as ficus words configuration problems.
func (x *fileIndex) decodeProblem(err error) Problem {
	var (
		fe   *fieldError
		unk  *yaml.UnknownFieldError
		te   *yaml.TypeError
		ue   *yaml.UnexpectedNodeTypeError
		oe   *yaml.OverflowError
		yerr yaml.Error
	)
	at := func(pos position, path, fix, format string, args ...any) Problem {
		return Problem{Line: pos.line, Column: pos.col, Path: path, Message: fmt.Sprintf(format, args...), Fix: fix}
	}
	switch {
	case errors.As(err, &fe):
		pos := nodePos(fe.node)
		path := x.values[pos]
		return at(pos, path, fe.fix, "%s", fe.message(fieldName(path)))
	case errors.As(err, &unk):
		pos := tokenPos(unk.Token)
		path := x.keyAt[pos]
		parent, key := splitLast(path)
		return at(pos, path, suggestFix(key, x.fields[parent]), "unknown field %q%s", key, inWhere(parent))
	case errors.As(err, &te):
		pos := tokenPos(te.Token)
		return x.typeProblem(pos, te.DstType)
	case errors.As(err, &ue):
		pos := tokenPos(ue.Token)
		want := reflect.TypeFor[[]string]()
		if ue.Expected == ast.MappingType {
			want = reflect.TypeFor[map[string]string]()
		}
		return x.typeProblem(pos, want)
	case errors.As(err, &oe):
		pos := tokenPos(oe.Token)
		path := x.values[pos]
		return at(pos, path, "write a smaller number", "%s: %s is too large", fieldName(path), oe.SrcNum)
	case errors.As(err, &yerr):
		pos := tokenPos(yerr.GetToken())
		return at(pos, x.values[pos], "check the value at this line against docs/proxy.md", "%s", yerr.GetMessage())
	case errors.Is(err, yaml.ErrExceededMaxDepth):
		return at(position{}, "", "flatten the file", "nesting is too deep")
	}
	return at(position{}, "", "check the file against docs/proxy.md", "%v", err)
}

// typeProblem reports a value of the wrong shape for a field of type want.
func (x *fileIndex) typeProblem(pos position, want reflect.Type) Problem {
	path := x.values[pos]
	for want.Kind() == reflect.Pointer {
		want = want.Elem()
	}
	what, fix := "a single value", "write a single value"
	switch want.Kind() {
	case reflect.Map, reflect.Struct:
		what, fix = "a mapping", "write a mapping of key: value lines"
	case reflect.Slice:
		what, fix = "a list", "write a list, like [a, b]"
	case reflect.String:
		what = "a string"
	case reflect.Bool:
		what, fix = "true or false", "write true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		what, fix = "a whole number", "write a whole number"
	case reflect.Float64, reflect.Float32:
		what, fix = "a number", "write a number"
	}
	return Problem{Line: pos.line, Column: pos.col, Path: path, Fix: fix,
		Message: fmt.Sprintf("%s must be %s, not %s", fieldName(path), what, describe(x.nodes[pos]))}
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

// splitLast splits "routes[0].wieght" into "routes[0]" and "wieght".
func splitLast(path string) (parent, key string) {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i], path[i+1:]
	}
	return "", path
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

// fieldName is path, or what stands for the whole file, for messages.
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
	case nil:
		return "this value"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode:
		return "null"
	default:
		if s, ok := scalarText(t); ok {
			return fmt.Sprintf("%q", s)
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
