package reports

import (
	"fmt"
	"io"
	"strings"
)

// WriteMermaid writes a view as a Mermaid flowchart, for Markdown files and
// pull-request comments.
func WriteMermaid(w io.Writer, v *View) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	ids := map[string]string{}
	for i, n := range v.Nodes {
		ids[n.ID] = fmt.Sprintf("n%d", i)
	}
	node := func(n ViewNode) string {
		open, closing := mermaidShape(n.Kind)
		return fmt.Sprintf("%s%s\"%s\"%s", ids[n.ID], open, mermaidText(n.Label), closing)
	}
	grouped := map[string][]ViewNode{}
	for _, n := range v.Nodes {
		if n.Group != "" {
			grouped[n.Group] = append(grouped[n.Group], n)
		}
	}
	for i, gr := range v.Groups {
		fmt.Fprintf(&b, "  subgraph g%d[\"%s\"]\n", i, mermaidText(gr.Label))
		for _, n := range grouped[gr.ID] {
			fmt.Fprintf(&b, "    %s\n", node(n))
		}
		b.WriteString("  end\n")
	}
	inGroup := map[string]bool{}
	for _, gr := range v.Groups {
		inGroup[gr.ID] = true
	}
	for _, n := range v.Nodes {
		if !inGroup[n.Group] {
			fmt.Fprintf(&b, "  %s\n", node(n))
		}
	}
	var red []string
	for i, e := range v.Edges {
		from, to := ids[e.From], ids[e.To]
		if from == "" || to == "" {
			continue
		}
		arrow := "-->"
		if e.Dashed {
			arrow = "-.->"
		}
		if e.Weight > 1 {
			fmt.Fprintf(&b, "  %s %s|%d| %s\n", from, arrow, e.Weight, to)
		} else {
			fmt.Fprintf(&b, "  %s %s %s\n", from, arrow, to)
		}
		if e.Highlight {
			red = append(red, fmt.Sprint(i))
		}
	}
	for _, n := range v.Nodes {
		if n.Highlight {
			fmt.Fprintf(&b, "  style %s stroke:#cc0000,stroke-width:2px\n", ids[n.ID])
		}
	}
	if len(red) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke:#cc0000\n", strings.Join(red, ","))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write mermaid: %w", err)
	}
	return nil
}

func mermaidShape(kind string) (string, string) {
	switch kind {
	case "table", "store":
		return "[(", ")]"
	case "route":
		return ">", "]"
	case "event":
		return "{{", "}}"
	case "service":
		return "[[", "]]"
	case "func", "method":
		return "(", ")"
	}
	return "[", "]"
}

// mermaidText escapes a label for a quoted Mermaid string.
func mermaidText(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "\n", " ", "<", "#lt;", ">", "#gt;")
	return r.Replace(s)
}
