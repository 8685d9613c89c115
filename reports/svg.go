//go:build !ficus_nosvg

package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"

	graphviz "github.com/goccy/go-graphviz"
)

// WriteSVG lays a view out with Graphviz's dot, compiled into ficus (no
// graphviz install is needed), and writes SVG.
func WriteSVG(ctx context.Context, w io.Writer, v *View) error {
	var src bytes.Buffer
	if err := WriteDOT(&src, v); err != nil {
		return err
	}
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("svg: start graphviz: %w", err)
	}
	defer gv.Close()
	g, err := graphviz.ParseBytes(src.Bytes())
	if err != nil {
		return fmt.Errorf("svg: parse dot: %w", err)
	}
	defer g.Close()
	if err := gv.Render(ctx, g, graphviz.SVG, w); err != nil {
		return fmt.Errorf("svg: render: %w", err)
	}
	return nil
}
