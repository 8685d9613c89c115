//go:build ficus_nosvg

package reports

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

// TestWriteSVGWithoutRenderer checks that a build without the SVG renderer
// says so, and what to do instead, rather than writing nothing.
func TestWriteSVGWithoutRenderer(t *testing.T) {
	var out bytes.Buffer
	err := WriteSVG(context.Background(), &out, &View{})
	if !errors.Is(err, ErrNoSVG) || out.Len() != 0 {
		t.Fatalf("WriteSVG = %v with %d bytes, want ErrNoSVG and nothing written", err, out.Len())
	}
}
