package planner

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// WriteSummary writes the one-screen, human summary of a plan: the
// services with their size, routes and tables (and, under them, a note
// for each service whose name is not the word its code repeats most), the kernel, the metrics,
// the sweep and the extraction order.
func WriteSummary(w io.Writer, p *Plan) error {
	sw := &errWriter{w: w}
	fmt.Fprintf(sw, "ficus: %s, %s", plural(len(p.Services), "service"), plural(len(p.Shared), "shared unit"))
	if p.Module != "" {
		fmt.Fprintf(sw, " in %s", p.Module)
	}
	fmt.Fprintln(sw)
	if len(p.Sweep) > 0 {
		fmt.Fprintln(sw, "\ngranularity sweep (the chosen point maximises modularity minus inter-service calls):")
		tw := tabwriter.NewWriter(sw, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  resolution\tservices\tmodularity\tinter-service calls\t")
		for _, s := range p.Sweep {
			mark := ""
			if s.Chosen {
				mark = "  <- chosen"
			}
			fmt.Fprintf(tw, "  %.2f\t%d\t%.3f\t%.1f%%\t%s\n", s.Resolution, s.Services, s.Modularity, 100*s.ICP, mark)
		}
		tw.Flush()
		for _, s := range p.Sweep {
			if s.Chosen && s.Reason != "" {
				fmt.Fprintf(sw, "  chosen at %.2f: %s\n", s.Resolution, s.Reason)
			}
		}
	}
	if len(p.Organization) > 0 {
		fmt.Fprintln(sw, "\norganization (read from the folders before clustering):")
		for _, o := range p.Organization {
			line := fmt.Sprintf("  %s: by %s", o.Dir, o.Layout)
			if len(o.Features) > 0 {
				line += " (" + shortList(o.Features, 8) + ")"
			}
			fmt.Fprintf(sw, "%s; %s\n", line, o.Reason)
		}
	}
	fmt.Fprintln(sw, "\nservices:")
	tw := tabwriter.NewWriter(sw, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  name\tunits\tlines\troutes\ttables\tcohesion\tin/out\tcost\t")
	for _, s := range p.Services {
		m := s.Metrics
		if m == nil {
			m = &ServiceMetrics{}
		}
		level := ""
		if s.Cost != nil {
			level = s.Cost.Level
		}
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%s\t%.2f\t%d/%d\t%s\t\n", s.Name, len(s.Members), m.Lines, len(s.Routes),
			shortList(trimPrefix(s.Tables, "table:"), 4), m.Cohesion, m.CouplingIn, m.CouplingOut, level)
	}
	tw.Flush()
	for _, s := range p.Services {
		if s.NamingNote != "" {
			fmt.Fprintf(sw, "  %s: %s\n", s.Name, s.NamingNote)
		}
	}
	fmt.Fprintf(sw, "\nshared kernel: %d units (%s)\n", len(p.Shared), shortList(packagesOf(p.Shared), 5))
	if len(p.Libraries) > 0 {
		libs := make([]string, len(p.Libraries))
		for i, l := range p.Libraries {
			libs[i] = l.Package
		}
		fmt.Fprintf(sw, "  of which %d units are generic libraries in %s (%s); the kernel proper is %d units\n",
			p.LibraryUnits(), plural(len(p.Libraries), "package"), shortList(libs, 5), len(p.Shared)-p.LibraryUnits())
	}
	for _, t := range p.SharedTables {
		fmt.Fprintf(sw, "shared table:  %s written by %s (owner %s): split its data before extracting\n",
			strings.TrimPrefix(t.Table, "table:"), strings.Join(t.Writers, ", "), t.Owner)
	}
	for _, st := range p.SharedState {
		fmt.Fprintf(sw, "shared state:  %s\n", stateLine(st))
	}
	for _, c := range p.Cycles {
		fmt.Fprintf(sw, "cycle:         %s call each other\n", strings.Join(c, ", "))
	}
	for _, t := range p.Tools {
		fmt.Fprintf(sw, "tool:          %s, %d units: %s (see \"tools\")\n", t.Name, len(t.Members), t.Reason)
	}
	if len(p.Unplaced) > 0 {
		fmt.Fprintf(sw, "unplaced:      %d units with no relation to anything (see \"unplaced\")\n", len(p.Unplaced))
	}
	if line := evidenceSummary(p); line != "" {
		fmt.Fprintf(sw, "evidence:      %s\n", line)
	}
	if line := concernSummary(p); line != "" {
		fmt.Fprintf(sw, "concerns:      %s\n", line)
	}
	if line := domainSummary(p); line != "" {
		fmt.Fprintf(sw, "domain files:  %s\n", line)
	}
	if m := p.Metrics; m != nil {
		fmt.Fprintf(sw, "\nmetrics: modularity %.3f, structural modularity %.3f, inter-service calls %.1f%%, IFN %.2f, NED %.2f, TurboMQ %.3f\n",
			m.Modularity, m.StructuralModularity, 100*m.ICP, m.IFN, m.NED, m.TurboMQ)
	}
	if len(p.Order) > 0 {
		fmt.Fprintln(sw, "\nextraction order:")
		for _, s := range p.Order {
			fmt.Fprintf(sw, "  %d. %s: %s\n", s.Rank, s.Service, s.Reason)
		}
	}
	return sw.err
}

// errWriter keeps the first write error, so that printing code stays
// linear.
type errWriter struct {
	w   io.Writer
	err error
}

// Write writes p unless an earlier write failed.
func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, nil
}

func trimPrefix(ids []string, prefix string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strings.TrimPrefix(id, prefix)
	}
	return out
}

// shortList joins up to n items and says how many more there are.
func shortList(items []string, n int) string {
	if len(items) == 0 {
		return "-"
	}
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s, +%d", strings.Join(items[:n], ", "), len(items)-n)
}

// packagesOf returns the distinct packages of symbol ids, most units
// first.
func packagesOf(ids []string) []string {
	count := map[string]int{}
	var order []string
	for _, id := range ids {
		p := id
		if i := strings.Index(id, ":"); i >= 0 && !strings.Contains(id[:i], ".") {
			continue // route:, table:, job:
		}
		if i := strings.LastIndex(id, "/"); i >= 0 {
			if j := strings.Index(id[i:], "."); j >= 0 {
				p = id[:i+j]
			}
		} else if j := strings.Index(id, "."); j >= 0 {
			p = id[:j]
		}
		if count[p] == 0 {
			order = append(order, p)
		}
		count[p]++
	}
	slices.SortFunc(order, func(a, b string) int { return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(a, b)) })
	return order
}
