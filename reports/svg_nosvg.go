//go:build ficus_nosvg

package reports

import (
	"context"
	"errors"
	"io"
)

// ErrNoSVG is returned by WriteSVG in builds without the SVG renderer.
var ErrNoSVG = errors.New("svg: this ficus was built without the SVG renderer (build tag ficus_nosvg, as in the proxy image); use --format dot and render it with graphviz's dot, or a full ficus build")

// WriteSVG is not available in this build: the proxy image leaves out the
// embedded Graphviz, which costs start-up time and memory in every
// process. It returns ErrNoSVG.
func WriteSVG(context.Context, io.Writer, *View) error { return ErrNoSVG }
