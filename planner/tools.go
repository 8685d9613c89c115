package planner

import (
	"cmp"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// A program of its own named after a mechanism (a log formatter, a query
// code generator) that serves no route, owns no table and runs no job is
// a developer's tool: it has no traffic to move and no data to own, so
// proposing it as a service only adds a name no team would use. The plan
// lists it apart, under tools. A program named after a purpose (a
// metrics sidecar) stays a service, as does any program with a route,
// a table or a job.

// setAsideTools gives the label labelTool to the units of each service
// naming marks as a tool (see serviceNames) whose units serve no route,
// write no table and run no job, renumbers the other services in order,
// and returns the tools with the names and namings of the services left,
// and the renumbering (old label to new, labelTool for a tool; nil when
// nothing changed) for labels kept elsewhere.
func setAsideTools(m *model, label []int32, names []string, namings []naming) ([]Tool, []string, []naming, []int32) {
	k := len(names)
	tool := make([]bool, k)
	some := false
	for l := range k {
		tool[l] = namings[l].tool != ""
		some = some || tool[l]
	}
	if !some {
		return nil, names, namings, nil
	}
	for u, l := range label {
		if l < 0 || !tool[l] {
			continue
		}
		if n := m.unitNode(int32(u)); n.Kind == analyzer.KindRoute || n.Kind == analyzer.KindTable || n.Kind == analyzer.KindJob || m.writes[u] {
			tool[l] = false
		}
	}
	renumber := make([]int32, k)
	toolOf := make([]int, k) // a tool's index in tools
	var tools []Tool
	var keptNames []string
	var keptNaming []naming
	for l := range k {
		if tool[l] {
			renumber[l] = labelTool
			toolOf[l] = len(tools)
			tools = append(tools, Tool{Name: names[l], Members: []string{},
				Reason: "a program of its own that serves no route, owns no table and runs no job, and " + namings[l].tool + ": a tool, not a service"})
			continue
		}
		renumber[l] = int32(len(keptNames))
		keptNames = append(keptNames, names[l])
		keptNaming = append(keptNaming, namings[l])
	}
	if len(tools) == 0 {
		return nil, names, namings, nil
	}
	for u, l := range label {
		if l < 0 {
			continue
		}
		if tool[l] {
			t := &tools[toolOf[l]]
			t.Members = append(t.Members, m.unitNode(int32(u)).ID)
		}
		label[u] = renumber[l]
	}
	for i := range tools {
		slices.Sort(tools[i].Members)
	}
	slices.SortFunc(tools, func(a, b Tool) int { return cmp.Compare(a.Name, b.Name) })
	return tools, keptNames, keptNaming, renumber
}
