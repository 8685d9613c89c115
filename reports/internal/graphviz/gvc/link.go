package gvc

import (
	_ "unsafe"

	"github.com/ficus-dev/ficus/reports/internal/graphviz/cdt"
	"github.com/ficus-dev/ficus/reports/internal/graphviz/cgraph"
	"github.com/ficus-dev/ficus/reports/internal/graphviz/internal/wasm"
)

//go:linkname toGraph github.com/ficus-dev/ficus/reports/internal/graphviz/cgraph.toGraph
func toGraph(*wasm.Graph) *cgraph.Graph

//go:linkname toGraphWasm github.com/ficus-dev/ficus/reports/internal/graphviz/cgraph.toGraphWasm
func toGraphWasm(*cgraph.Graph) *wasm.Graph

//go:linkname toNode github.com/ficus-dev/ficus/reports/internal/graphviz/cgraph.toNode
func toNode(*wasm.Node) *cgraph.Node

//go:linkname toEdge github.com/ficus-dev/ficus/reports/internal/graphviz/cgraph.toEdge
func toEdge(*wasm.Edge) *cgraph.Edge

//go:linkname toDictLink github.com/ficus-dev/ficus/reports/internal/graphviz/cdt.toLink
func toDictLink(*wasm.DictLink) *cdt.Link

//go:linkname toDictLinkWasm github.com/ficus-dev/ficus/reports/internal/graphviz/cdt.toLinkWasm
func toDictLinkWasm(*cdt.Link) *wasm.DictLink
