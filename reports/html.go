package reports

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"github.com/ficus-dev/ficus/planner"
	"html"
	"io"
	"strings"
)

//go:embed assets/report.html
var reportTemplate string

//go:embed assets/report.css
var reportCSS string

//go:embed assets/report.js
var reportJS string

// cytoscape.js (MIT, see assets/cytoscape.LICENSE) draws the interactive
// graphs; it is embedded so the report opens offline.
//
//go:embed assets/cytoscape.min.js
var cytoscapeJS string

// ReportSchema versions the data embedded in the HTML report.
const ReportSchema = "ficus.report/v1"

// ReportData is everything the HTML report shows, embedded in the page as
// JSON and drawn by the page's script.
type ReportData struct {
	Schema           string          `json:"schema"`
	Module           string          `json:"module"`
	Generated        string          `json:"generated,omitempty"`
	Overview         []Figure        `json:"overview"`
	Metrics          []Figure        `json:"metrics"`
	Services         []ReportService `json:"services"`
	Kernel           *ReportService  `json:"kernel,omitempty"`
	ContextMap       *View           `json:"contextMap"`
	Packages         ReportPackages  `json:"packages"`
	Order            []ReportStep    `json:"order"`
	SharedTables     []SharedTable   `json:"sharedTables"`
	SharedState      []SharedState   `json:"sharedState,omitempty"`
	SharedTableNames []string        `json:"sharedTableNames"`
	Cycles           []ReportCycle   `json:"cycles"`
	Diagnostics      []ReportDiag    `json:"diagnostics"`
	// Organization is how the planner read the code's folders; Kernel
	// reasons say why units are in the shared kernel.
	Organization  []planner.Organization `json:"organization"`
	KernelReasons []planner.KernelReason `json:"kernelReasons"`
	// Libraries are the generic packages the kernel holds whole.
	Libraries []planner.Library `json:"libraries"`
	// Tools are the programs the plan sets aside: no service, no kernel.
	Tools []ReportTool `json:"tools,omitempty"`
	// HotRoutes are each service's busiest routes, and CoChangePairs the
	// files of different services changed together most; only graphs with
	// evidence (ficus evidence, ficus analyze --history) have them.
	HotRoutes     []HotRoute     `json:"hotRoutes,omitempty"`
	CoChangePairs []CoChangePair `json:"coChangePairs,omitempty"`
}

// Figure is one labelled number.
type Figure struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
	Help  string  `json:"help,omitempty"`
}

// ReportService is one proposed service (or the shared kernel) as the
// report's detail panel shows it.
type ReportService struct {
	Name    string `json:"name"`
	Summary string `json:"summary,omitempty"`
	// Naming is the plan's reason for the service's name, when it is not
	// the word its code repeats most (planner.Service.Naming); NamingNote
	// is the same in a few words.
	Naming     string         `json:"naming,omitempty"`
	NamingNote string         `json:"namingNote,omitempty"`
	Members    []ReportMember `json:"members"`
	Routes     []string       `json:"routes"`
	Writes     []string       `json:"writes"`
	Reads      []string       `json:"reads"`
	API        []ReportAPI    `json:"api"`
	Publishes  []string       `json:"publishes"`
	Subscribes []string       `json:"subscribes"`
	Cost       string         `json:"cost,omitempty"`
	Metrics    []Figure       `json:"metrics"`
	// Rank is the position in the migration order (1 first, 0 when the
	// plan has no order); CostLevel is low, medium or high; Units and
	// Lines size the service. The context map colours and sizes by them.
	Rank      int    `json:"rank,omitempty"`
	CostLevel string `json:"costLevel,omitempty"`
	Units     int    `json:"units,omitempty"`
	Lines     int    `json:"lines,omitempty"`
}

// ReportMember is one symbol (or route, table, job) of a service.
type ReportMember struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"`
	Pkg  string `json:"pkg,omitempty"`
	Pos  string `json:"pos,omitempty"`
}

// ReportAPI is a symbol other services call, with the call sites.
type ReportAPI struct {
	ID      string   `json:"id"`
	Callers []string `json:"callers"`
}

// ReportPackages is the package import graph; the page collapses it by
// top-level directory (group) until a user expands one.
type ReportPackages struct {
	Nodes []ReportPackage `json:"nodes"`
	Edges []ReportEdge    `json:"edges"`
}

// ReportPackage is one package of the package graph.
type ReportPackage struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Group   string `json:"group"`
	Size    int    `json:"size"`
	Cycle   bool   `json:"cycle,omitempty"`
	Service string `json:"service,omitempty"`
}

// ReportEdge is one import edge of the package graph.
type ReportEdge struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Weight int    `json:"weight"`
	Cycle  bool   `json:"cycle,omitempty"`
}

// ReportTool is a program the plan sets aside as a tool, not a service.
type ReportTool struct {
	Name   string `json:"name"`
	Units  int    `json:"units"`
	Reason string `json:"reason"`
}

// ReportStep is one position of the migration order.
type ReportStep struct {
	Rank    int    `json:"rank"`
	Service string `json:"service"`
	Reason  string `json:"reason"`
}

// SharedTable is a table written by more than one service.
type SharedTable struct {
	Table   string   `json:"table"`
	Writers []string `json:"writers"`
	Readers []string `json:"readers"`
}

// ReportCycle is an import cycle between packages or a call cycle between
// services.
type ReportCycle struct {
	Kind    string   `json:"kind"`
	Members []string `json:"members"`
}

// ReportDiag is one load problem.
type ReportDiag struct {
	Kind    string `json:"kind"`
	Package string `json:"package,omitempty"`
	Pos     string `json:"pos,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// WriteHTML writes the self-contained HTML report: styles, scripts and data
// are all in the one file, which opens offline.
func WriteHTML(w io.Writer, d *ReportData) error {
	d.Schema = ReportSchema
	var data bytes.Buffer
	enc := json.NewEncoder(&data)
	enc.SetEscapeHTML(true) // <, > and & become \u003c...: safe inside <script>
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("report data: %w", err)
	}
	page := strings.NewReplacer(
		"{{TITLE}}", html.EscapeString(d.Module),
		"{{CSS}}", reportCSS,
		"{{DATA}}", strings.TrimSpace(data.String()),
		"{{CYTOSCAPE}}", safeScript(cytoscapeJS),
		"{{APP}}", safeScript(reportJS),
	).Replace(reportTemplate)
	if _, err := io.WriteString(w, page); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// safeScript keeps a script from closing its own <script> element.
func safeScript(js string) string { return strings.ReplaceAll(js, "</script", `<\/script`) }
