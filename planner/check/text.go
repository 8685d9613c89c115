package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the result for a person: each new violation with its
// position, services and what to do, how new units were placed, and a
// closing count.
func WriteText(w io.Writer, r *Result) error {
	var ew bytes.Buffer
	for _, v := range r.Violations {
		fmt.Fprintf(&ew, "%s: %s: %s\n\tfix: %s\n", v.Pos, v.Kind, v.Text(), v.Fix)
	}
	if len(r.Placements) > 0 {
		fmt.Fprintf(&ew, "placed %d units the plan does not know:\n", len(r.Placements))
		for _, p := range r.Placements {
			svc := p.Service
			if svc == "" {
				svc = "(none)"
			}
			fmt.Fprintf(&ew, "\t%s -> %s by %s: %s\n", p.Unit, svc, p.Rule, p.Reason)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&ew, "note: %s\n", strings.ReplaceAll(n, "\n", "\n\t"))
	}
	fmt.Fprintln(&ew, Tally(r))
	return writeAll(w, ew.Bytes())
}

// writeAll writes a rendered document, naming the failure.
func writeAll(w io.Writer, b []byte) error {
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write check result: %w", err)
	}
	return nil
}

// Tally is the one-line count of a result.
func Tally(r *Result) string {
	var b strings.Builder
	switch n := len(r.Violations); n {
	case 0:
		b.WriteString("ficus check: no new violations")
	case 1:
		b.WriteString("ficus check: 1 new violation")
	default:
		fmt.Fprintf(&b, "ficus check: %d new violations", n)
	}
	if n := len(r.Baselined); n > 0 {
		fmt.Fprintf(&b, "; %d accepted by the baseline", n)
	}
	if n := len(r.Fixed); n > 0 {
		fmt.Fprintf(&b, "; %d baseline entries fixed (run with --update-baseline to drop them)", n)
	}
	return b.String()
}

// WriteJSON writes the result as indented JSON.
func (r *Result) WriteJSON(w io.Writer) error {
	return writeJSON(w, r, "check result")
}

// writeJSON writes v as indented JSON, without escaping "<", ">" and "&"
// (they are read in ids and messages, not embedded in HTML).
func writeJSON(w io.Writer, v any, what string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

// WriteGitHub writes GitHub Actions workflow commands: one error
// annotation per new violation, shown on the pull request's diff.
func WriteGitHub(w io.Writer, r *Result) error {
	var ew bytes.Buffer
	for _, v := range r.Violations {
		fmt.Fprintf(&ew, "::error file=%s,line=%d,title=%s::%s\n", ghProperty(v.File()), max(v.Line(), 1),
			ghProperty("ficus "+string(v.Kind)), ghData(v.Text()+"\nfix: "+v.Fix))
	}
	fmt.Fprintln(&ew, Tally(r))
	return writeAll(w, ew.Bytes())
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
