//go:build !ficus_nosvg

package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/ficus-dev/ficus/reports/internal/graphviz/cgraph"
	"github.com/ficus-dev/ficus/reports/internal/graphviz/gvc"
)

// WriteSVG lays a view out with Graphviz's dot, compiled into ficus (no
// graphviz install is needed), and writes SVG.
//
// The embedded Graphviz is a WebAssembly module; it is compiled and
// instantiated by the first call, not when ficus starts, so only the
// commands that render SVG pay for it. There is one instance per process:
// calls must not overlap.
func WriteSVG(ctx context.Context, w io.Writer, v *View) error {
	var src bytes.Buffer
	if err := WriteDOT(&src, v); err != nil {
		return err
	}
	gv, err := gvc.New(ctx)
	if err != nil {
		return fmt.Errorf("svg: start graphviz: %w", err)
	}
	defer gv.Close()
	g, err := cgraph.ParseBytes(src.Bytes())
	if err != nil {
		return fmt.Errorf("svg: parse dot: %w", err)
	}
	defer g.Close()
	if err := render(ctx, gv, g, w); err != nil {
		return fmt.Errorf("svg: render: %w", err)
	}
	return nil
}

// render lays g out with dot and writes it as SVG, freeing the layout after.
func render(ctx context.Context, gv *gvc.Context, g *cgraph.Graph, w io.Writer) (err error) {
	defer func() {
		if ferr := gv.FreeLayout(ctx, g); err == nil {
			err = ferr
		}
	}()
	if err := gv.Layout(ctx, g, "dot"); err != nil {
		return err
	}
	return gv.RenderData(ctx, g, "svg", w)
}
