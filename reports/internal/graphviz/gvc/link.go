package gvc

import (
	_ "unsafe"

	"github.com/ficus-dev/ficus/reports/internal/graphviz/cgraph"
	"github.com/ficus-dev/ficus/reports/internal/graphviz/internal/wasm"
)

//go:linkname toGraphWasm github.com/ficus-dev/ficus/reports/internal/graphviz/cgraph.toGraphWasm
func toGraphWasm(*cgraph.Graph) *wasm.Graph
