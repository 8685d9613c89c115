package evidence

import (
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// funcIndex finds a graph function or method by the name a trace or the
// runtime gives it: "pkg/path.Func", "pkg/path.(*T).M", "pkg/path.T.M",
// or a namespace and a name given apart.
type funcIndex map[string]string

func newFuncIndex(nodes []analyzer.Node) funcIndex {
	ix := funcIndex{}
	for _, n := range nodes {
		if n.Kind == analyzer.KindFunc || n.Kind == analyzer.KindMethod {
			ix[canonicalFunc(n.ID)] = n.ID
		}
	}
	return ix
}

// canonicalFunc drops what differs between spellings of one method:
// "(*T).M" and "T.M" are both "T.M", and a closure ("F.func1", "F.func1.2")
// stands for the function that declares it.
func canonicalFunc(name string) string {
	name = strings.ReplaceAll(strings.ReplaceAll(name, "(*", ""), ")", "")
	slash := strings.LastIndexByte(name, '/')
	for {
		i := strings.LastIndexByte(name, '.')
		if i <= slash+1 {
			return name
		}
		last := name[i+1:]
		if strings.Trim(strings.TrimPrefix(last, "func"), "0123456789") != "" {
			return name
		}
		name = name[:i]
	}
}

// lookup returns the node id of namespace+name ("" namespace: name is
// qualified), or "".
func (ix funcIndex) lookup(namespace, name string) string {
	if namespace != "" && !strings.HasPrefix(name, namespace+".") {
		name = namespace + "." + name
	}
	return ix[canonicalFunc(name)]
}
