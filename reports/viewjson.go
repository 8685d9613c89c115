package reports

import (
	"encoding/json"
	"fmt"
	"io"
)

// ViewSchema versions the JSON form of a view.
const ViewSchema = "ficus.view/v1"

// WriteViewJSON writes a view as JSON, for scripts and other renderers.
func WriteViewJSON(w io.Writer, v *View) error {
	doc := struct {
		Schema string `json:"schema"`
		*View
	}{ViewSchema, v}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write view json: %w", err)
	}
	return nil
}
