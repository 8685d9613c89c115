package planner

import (
	"io"

	"github.com/ficus-dev/ficus/analyzer"
)

// DecodeGraph reads and checks a ficus.graph/v1 document without building
// the analyzer's graph (see analyzer.DecodeDocument). Schema errors wrap
// analyzer.ErrSchema.
func DecodeGraph(r io.Reader) (analyzer.Document, error) { return analyzer.DecodeDocument(r) }
