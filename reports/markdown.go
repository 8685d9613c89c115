package reports

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteMarkdown writes a summary of the report fit for a pull-request
// comment: figures, the services, the migration order, shared tables and
// cycles, and the context map as a Mermaid diagram.
func WriteMarkdown(w io.Writer, d *ReportData) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "## ficus report: %s\n\n", mdText(orDash(d.Module)))
	var heads, cells []string
	for _, f := range d.Overview {
		heads = append(heads, f.Label)
		cells = append(cells, fmtFigure(f.Value))
	}
	mdTable(&b, heads, [][]string{cells})
	if len(d.Metrics) > 0 {
		var parts []string
		for _, m := range d.Metrics {
			parts = append(parts, fmt.Sprintf("%s **%s**", m.Label, fmtFigure(m.Value)))
		}
		fmt.Fprintf(&b, "\nPlan metrics: %s.\n", strings.Join(parts, ", "))
	}
	if len(d.Services) > 0 {
		b.WriteString("\n### Proposed services\n\n")
		var rows [][]string
		for _, s := range d.Services {
			rows = append(rows, []string{"**" + mdText(s.Name) + "**", fmt.Sprint(len(s.Members)), fmt.Sprint(len(s.Routes)),
				mdList(s.Writes, 4), fmt.Sprint(len(s.API)), mdText(firstWordOf(s.Cost))})
		}
		mdTable(&b, []string{"service", "members", "routes", "writes", "API", "cost"}, rows)
		for _, s := range d.Services {
			if s.NamingNote != "" {
				fmt.Fprintf(&b, "\n- **%s**: %s", mdText(s.Name), mdText(s.NamingNote))
			}
		}
		if slices.ContainsFunc(d.Services, func(s ReportService) bool { return s.NamingNote != "" }) {
			b.WriteString("\n")
		}
		if d.Kernel != nil {
			fmt.Fprintf(&b, "\nShared kernel: %d members (a library, not a service)", len(d.Kernel.Members))
			if len(d.Libraries) > 0 {
				libs, units := make([]string, len(d.Libraries)), 0
				for i, l := range d.Libraries {
					libs[i], units = l.Package, units+l.Units
				}
				fmt.Fprintf(&b, "; %d of them are generic libraries (%s), the kernel proper is %d", units, mdList(libs, 5), len(d.Kernel.Members)-units)
			}
			b.WriteString(".\n")
		}
		for _, t := range d.Tools {
			fmt.Fprintf(&b, "\nTool, not a service: **%s** (%d units): %s.\n", mdText(t.Name), t.Units, mdText(t.Reason))
		}
	}
	if len(d.Organization) > 0 {
		b.WriteString("\n### How the code is organized\n\n")
		var rows [][]string
		for _, o := range d.Organization {
			rows = append(rows, []string{"`" + o.Dir + "`", "by " + o.Layout, mdList(o.Features, 8), mdText(o.Reason)})
		}
		mdTable(&b, []string{"folder", "layout", "features", "why"}, rows)
	}
	if d.ContextMap != nil && len(d.ContextMap.Nodes) > 0 {
		b.WriteString("\n<details><summary>Context map</summary>\n\n```mermaid\n")
		if err := WriteMermaid(&b, d.ContextMap); err != nil {
			return err
		}
		b.WriteString("```\n\n</details>\n")
	}
	if len(d.Order) > 0 {
		b.WriteString("\n### Migration order\n\n")
		for _, o := range d.Order {
			fmt.Fprintf(&b, "%d. **%s**: %s\n", o.Rank, mdText(o.Service), mdText(o.Reason))
		}
	}
	writeEvidenceMarkdown(&b, d)
	if len(d.SharedTables) > 0 {
		b.WriteString("\n### Shared tables (need a data split)\n\n")
		var rows [][]string
		for _, t := range d.SharedTables {
			rows = append(rows, []string{"`" + t.Table + "`", mdList(t.Writers, 0), mdList(t.Readers, 0)})
		}
		mdTable(&b, []string{"table", "written by", "read by"}, rows)
	}
	if len(d.SharedState) > 0 {
		b.WriteString("\n### Shared mutable state (blocks extraction)\n\n")
		var rows [][]string
		for _, st := range d.SharedState {
			rows = append(rows, []string{"`" + st.Var + "`", st.Kind, mdText(st.Owner), mdList(st.Services, 0), mdText(st.Fix)})
		}
		mdTable(&b, []string{"variable", "kind", "owner", "used by", "what to do"}, rows)
	}
	if len(d.Cycles) > 0 {
		b.WriteString("\n### Cycles\n\n")
		for _, c := range d.Cycles {
			fmt.Fprintf(&b, "- %s: %s\n", c.Kind, mdText(strings.Join(c.Members, " ↔ ")))
		}
	}
	if n := len(d.Diagnostics); n > 0 {
		fmt.Fprintf(&b, "\n%d packages had load problems; see `ficus analyze` for details.\n", n)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	return nil
}

func mdTable(b *bytes.Buffer, heads []string, rows [][]string) {
	b.WriteString("| " + strings.Join(heads, " | ") + " |\n|")
	for range heads {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
}

// mdList joins at most n items (all when n is 0) as code spans.
func mdList(items []string, n int) string {
	if len(items) == 0 {
		return "–"
	}
	more := ""
	if n > 0 && len(items) > n {
		more = fmt.Sprintf(" +%d", len(items)-n)
		items = items[:n]
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = "`" + it + "`"
	}
	return strings.Join(parts, ", ") + more
}

// mdText keeps table cells and list items on one line.
func mdText(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func firstWordOf(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

func fmtFigure(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprint(int64(v))
	}
	return fmt.Sprintf("%.3f", v)
}
