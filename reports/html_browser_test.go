package reports

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// minLabelPx is the smallest label, in CSS pixels, a reader gets at Fit.
const minLabelPx = 11

// TestHTMLInBrowser opens reports of three sizes in headless Chromium: the
// sample, a generated plan of 40 services and 200 tables, and
// GOROOT/src/cmd (skipped with -short). Each must load with no console
// error, show the plan and the migration order first with its first
// service selected, and draw both graphs with no overlapping nodes, every
// node inside the panel and every label at least minLabelPx high at Fit;
// a real mouse click on a service shows its routes.
//
// FICUS_SCREENSHOT_DIR=dir writes a screenshot of each report there; the
// ones in docs/ are made with FICUS_SCREENSHOT_DIR=$PWD/../docs.
func TestHTMLInBrowser(t *testing.T) {
	chrome := needChromium(t)
	cases := []struct {
		name  string
		slow  bool
		build func(t *testing.T) (*ReportData, *planner.Plan)
		// file and shot name the screenshot and what it shows: "" the
		// first screen, or a selector.
		file, shot string
	}{
		{name: "sample", file: "report.png", build: func(t *testing.T) (*ReportData, *planner.Plan) { _, p, d := shopReport(t); return d, p }},
		{name: "synthetic-40", file: "report-map-40-services.png", shot: "#map", build: func(t *testing.T) (*ReportData, *planner.Plan) {
			g, p := synthPlan(7, 40, 200)
			return buildReport(t, g, p), p
		}},
		{name: "sample-evidence", file: "report-evidence.png", shot: "#hot-section", build: func(t *testing.T) (*ReportData, *planner.Plan) {
			doc := loadShop(t).Document()
			addShopEvidence(&doc)
			p, d, _ := reportOf(t, doc)
			return d, p
		}},
		{name: "goroot-cmd", slow: true, file: "report-packages-goroot-cmd.png", shot: "#packages", build: gorootCmdReport},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.slow && testing.Short() {
				t.Skip("analyzes and plans GOROOT/src/cmd (about half a minute); run without -short")
			}
			d, p := c.build(t)
			page := writePage(t, d)
			ctx, cancel := browser(t, chrome)
			defer cancel()
			console := watchConsole(ctx)
			// Start Chromium first, so the time below is the page's own.
			if err := chromedp.Run(ctx, chromedp.EmulateViewport(1400, 1000), chromedp.Navigate("about:blank")); err != nil {
				t.Fatalf("start chromium: %v", err)
			}
			start := time.Now()
			if err := chromedp.Run(ctx,
				chromedp.Navigate("file://"+page),
				chromedp.WaitVisible(`body[data-ready="true"]`, chromedp.ByQuery),
			); err != nil {
				t.Fatalf("open report: %v", err)
			}
			open := time.Since(start)
			t.Logf("%s: report interactive after %v (%d KB)", c.name, open.Round(time.Millisecond), fileKB(t, page))
			// A loose bound: bench/report.sh measures the real figure.
			if open > 15*time.Second {
				t.Errorf("report took %v to become interactive, want well under 15 s", open)
			}
			checkFirstView(t, ctx, p)
			positions := nodePositions(t, ctx)
			checkGraph(t, ctx, "ficusContextMap")
			checkGraph(t, ctx, "ficusPackages")
			checkMapDefaults(t, ctx, p)
			if dir := os.Getenv("FICUS_SCREENSHOT_DIR"); dir != "" {
				screenshot(t, ctx, filepath.Join(dir, c.file), c.shot)
			}
			checkEvidenceTables(t, ctx, d)
			clickService(t, ctx, p)
			// Shared tables on the map: placed again, still legible.
			if err := chromedp.Run(ctx, chromedp.Click("#map-tables", chromedp.ByID)); err != nil {
				t.Fatal(err)
			}
			checkGraph(t, ctx, "ficusContextMap")
			var stores int
			evaluate(t, ctx, `window.ficusContextMap.nodes('[kind = "store"]:visible').length`, &stores)
			if stores != len(p.SharedTables) {
				t.Errorf("with shared tables on, the map shows %d tables, want %d", stores, len(p.SharedTables))
			}
			// Events and calls into the kernel on: links only, still legible.
			if err := chromedp.Run(ctx, chromedp.Click("#map-events", chromedp.ByID), chromedp.Click("#map-kernel", chromedp.ByID)); err != nil {
				t.Fatal(err)
			}
			checkGraph(t, ctx, "ficusContextMap")
			checkCostColours(t, ctx, p)
			// Every directory expanded: still no overlap, still legible.
			if err := chromedp.Run(ctx, chromedp.Click("#expand-pkg", chromedp.ByID)); err != nil {
				t.Fatal(err)
			}
			checkGraph(t, ctx, "ficusPackages")
			// The same report is drawn the same way every time.
			if err := chromedp.Run(ctx, chromedp.Reload(), chromedp.WaitVisible(`body[data-ready="true"]`, chromedp.ByQuery)); err != nil {
				t.Fatalf("reload report: %v", err)
			}
			if again := nodePositions(t, ctx); !slices.Equal(again, positions) {
				t.Errorf("reloaded, the map is drawn differently:\n%v\nthen\n%v", positions, again)
			}
			if problems := console(); len(problems) > 0 {
				t.Errorf("the page reported problems:\n%s", strings.Join(problems, "\n"))
			}
		})
	}
}

// graphState is what the page says of one drawn graph.
type graphState struct {
	Width, Height, Zoom float64
	Nodes               []struct {
		ID             string
		X1, Y1, X2, Y2 float64
	}
	Labels []struct {
		ID string
		Px float64
	}
}

// checkGraph fails on overlapping nodes (labels included), nodes outside
// the panel, and labels under minLabelPx, after the graph's own Fit.
func checkGraph(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var st graphState
	evaluate(t, ctx, fmt.Sprintf(`(function () {
		var cy = window[%q];
		var r = { width: cy.width(), height: cy.height(), zoom: cy.zoom(), nodes: [], labels: [] };
		cy.nodes(":visible").forEach(function (n) { var b = n.renderedBoundingBox({ includeLabels: true }); r.nodes.push({ id: n.id(), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }); });
		cy.elements(":visible").forEach(function (e) { if (e.pstyle("label").strValue) r.labels.push({ id: e.id(), px: parseFloat(e.renderedStyle("font-size")) }); });
		return r;
	})()`, name), &st)
	if len(st.Nodes) == 0 {
		t.Fatalf("%s draws no node", name)
	}
	t.Logf("%s: %d nodes, %d labels, zoom %.2f, panel %.0fx%.0f", name, len(st.Nodes), len(st.Labels), st.Zoom, st.Width, st.Height)
	bad := 0
	for i, a := range st.Nodes {
		if a.X1 < -1 || a.Y1 < -1 || a.X2 > st.Width+1 || a.Y2 > st.Height+1 {
			t.Errorf("%s: node %q at (%.0f,%.0f)-(%.0f,%.0f) lies outside the %.0fx%.0f panel at Fit", name, a.ID, a.X1, a.Y1, a.X2, a.Y2, st.Width, st.Height)
		}
		for _, b := range st.Nodes[i+1:] {
			if a.X1 < b.X2 && b.X1 < a.X2 && a.Y1 < b.Y2 && b.Y1 < a.Y2 {
				if bad++; bad <= 10 {
					t.Errorf("%s: nodes %q and %q overlap", name, a.ID, b.ID)
				}
			}
		}
	}
	for _, l := range st.Labels {
		if l.Px < minLabelPx {
			if bad++; bad <= 20 {
				t.Errorf("%s: label of %q is %.1f px high at Fit, want at least %d", name, l.ID, l.Px, minLabelPx)
			}
		}
	}
}

// checkCostColours: coloured by cost, services of one level share one
// colour and the three levels have three.
func checkCostColours(t *testing.T, ctx context.Context, p *planner.Plan) {
	t.Helper()
	var colours map[string]string
	evaluate(t, ctx, `(function () {
		var s = document.getElementById("map-colour"); s.value = "cost"; s.dispatchEvent(new Event("change"));
		var r = {}; window.ficusContextMap.nodes('[kind = "service"]').forEach(function (n) { r[n.id()] = n.style("background-color"); });
		return r;
	})()`, &colours)
	byLevel := map[string]string{}
	for _, s := range p.Services {
		c := colours[s.Name]
		if prev, ok := byLevel[s.Cost.Level]; ok && prev != c {
			t.Errorf("coloured by cost, %s (%s) is %s but another %s service is %s", s.Name, s.Cost.Level, c, s.Cost.Level, prev)
		}
		byLevel[s.Cost.Level] = c
	}
	seen := map[string]string{}
	for level, c := range byLevel {
		if other, ok := seen[c]; ok {
			t.Errorf("coloured by cost, levels %s and %s share the colour %s", level, other, c)
		}
		seen[c] = level
	}
}

// nodePositions lists where the context map puts each node.
func nodePositions(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var pos []string
	evaluate(t, ctx, `window.ficusContextMap.nodes().map(function (n) { var p = n.position(); return n.id() + "@" + Math.round(p.x) + "," + Math.round(p.y); })`, &pos)
	return pos
}

// checkFirstView: the plan summary, then the migration order with its
// first service selected and shown in the detail panel.
func checkFirstView(t *testing.T, ctx context.Context, p *planner.Plan) {
	t.Helper()
	first := p.Order[0].Service
	var got struct {
		Summary, Detail, Row string
		OrderTop             float64
	}
	evaluate(t, ctx, `({
		summary: document.getElementById("summary").textContent,
		detail: document.getElementById("detail").getAttribute("data-service"),
		row: (document.querySelector("#order tr.sel") || {}).getAttribute ? document.querySelector("#order tr.sel").getAttribute("data-service") : "",
		orderTop: document.getElementById("order").getBoundingClientRect().top
	})`, &got)
	if got.Detail != first || got.Row != first {
		t.Errorf("first view selects %q (panel) and %q (order row), want the first to extract, %q", got.Detail, got.Row, first)
	}
	if !strings.Contains(got.Summary, fmt.Sprintf("%d services", len(p.Services))) || !strings.Contains(got.Summary, "Extract first: "+first) {
		t.Errorf("plan summary %q does not give the number of services and the first to extract", got.Summary)
	}
	if got.OrderTop > 1000 {
		t.Errorf("the migration order starts %.0f px down, below the first screen", got.OrderTop)
	}
}

// checkMapDefaults: tables and events are off the map until asked for,
// and the call links shown are filtered to about two per service.
func checkMapDefaults(t *testing.T, ctx context.Context, p *planner.Plan) {
	t.Helper()
	var got struct{ Services, Stores, Events, Calls, AllCalls int }
	evaluate(t, ctx, `(function () { var cy = window.ficusContextMap; return {
		services: cy.nodes('[kind = "service"]:visible').length, stores: cy.nodes('[kind = "store"]:visible').length,
		events: cy.edges('[kind = "event"]:visible').length, calls: cy.edges('[kind = "calls"]:visible').length,
		allCalls: cy.edges('[kind = "calls"]').length }; })()`, &got)
	if got.Services != len(p.Services) {
		t.Errorf("context map draws %d services, want %d", got.Services, len(p.Services))
	}
	if got.Stores != 0 || got.Events != 0 {
		t.Errorf("by default the map shows %d tables and %d event links, want none (they are in the details panel)", got.Stores, got.Events)
	}
	if budget := max(12, int(math.Round(1.5*float64(len(p.Services))))); got.Calls > budget && got.Calls < got.AllCalls {
		t.Errorf("by default the map shows %d of %d call links, want at most %d", got.Calls, got.AllCalls, budget)
	}
}

// clickService clicks, with the mouse, the service with the most routes
// and checks the panel lists them.
func clickService(t *testing.T, ctx context.Context, p *planner.Plan) {
	t.Helper()
	target := slices.MaxFunc(p.Services, func(a, b planner.Service) int { return len(a.Routes) - len(b.Routes) })
	var pos []float64
	// Scroll the service into view, then wait two frames for the graph
	// to see the scroll before reading where it is on the screen.
	if err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`new Promise(function (done) {
		var n = window.ficusContextMap.getElementById(%q), box = document.getElementById("cmap");
		window.scrollBy(0, box.getBoundingClientRect().top + n.renderedPosition().y - 400);
		requestAnimationFrame(function () { requestAnimationFrame(function () {
			var r = box.getBoundingClientRect(), p = n.renderedPosition();
			done([r.left + p.x, r.top + p.y]);
		}); });
	})`, target.Name), &pos, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
		t.Fatal(err)
	}
	var routes []string
	if err := chromedp.Run(ctx,
		chromedp.MouseClickXY(pos[0], pos[1]),
		chromedp.WaitVisible(fmt.Sprintf(`#detail[data-service=%q]`, target.Name), chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#detail-routes li")).map(function (li) { return li.textContent })`, &routes),
	); err != nil {
		t.Fatalf("click %s at %v: %v", target.Name, pos, err)
	}
	want := slices.Clone(target.Routes)
	slices.Sort(want)
	slices.Sort(routes)
	if !slices.Equal(routes, want) {
		t.Errorf("after clicking %s the panel lists routes %q, want %q", target.Name, routes, want)
	}
	evaluate(t, ctx, `window.scrollTo(0, 0)`, nil)
}

func buildReport(t *testing.T, g *analyzer.Graph, p *planner.Plan) *ReportData {
	t.Helper()
	d, err := BuildReport(g, p, time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// gorootCmdReport analyzes and plans GOROOT/src/cmd, the large module
// bench/report.sh measures.
func gorootCmdReport(t *testing.T) (*ReportData, *planner.Plan) {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("no go command to find GOROOT: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "src", "cmd")
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Skipf("GOROOT/src/cmd is not there: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	g, err := analyzer.Analyze(ctx, analyzer.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.Propose(ctx, g.Document(), planner.Options{Seed: 1, Config: planner.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	return buildReport(t, g, p), p
}

func writePage(t *testing.T, d *ReportData) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return page
}

func fileKB(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size() / 1024
}

func evaluate(t *testing.T, ctx context.Context, js string, out any) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, out)); err != nil {
		t.Fatalf("evaluate %.60s...: %v", js, err)
	}
}

// watchConsole collects exceptions, console errors and warnings.
func watchConsole(ctx context.Context) func() []string {
	var mu sync.Mutex
	var problems []string
	chromedp.ListenTarget(ctx, func(ev any) {
		var p string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			p = "exception: " + e.ExceptionDetails.Error()
		case *runtime.EventConsoleAPICalled:
			if e.Type != runtime.APITypeError && e.Type != runtime.APITypeWarning {
				return
			}
			var args []string
			for _, a := range e.Args {
				args = append(args, string(a.Value))
			}
			p = fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " "))
		default:
			return
		}
		mu.Lock()
		problems = append(problems, p)
		mu.Unlock()
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(problems)
	}
}

// screenshot writes the first screen (sel "") or one element as PNG.
func screenshot(t *testing.T, ctx context.Context, path, sel string) {
	t.Helper()
	var shot []byte
	action := chromedp.CaptureScreenshot(&shot)
	if sel != "" {
		action = chromedp.Screenshot(sel, &shot, chromedp.ByQuery)
	}
	if err := chromedp.Run(ctx, action); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

func needChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs it with apt-get")
	}
	t.Skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
	return ""
}

// browser starts headless Chromium with no network use of its own, bounded
// in time.
func browser(t *testing.T, chrome string) (context.Context, context.CancelFunc) {
	t.Helper()
	// Chromium may still write its profile while it exits, so the profile
	// lives outside t.TempDir and is removed, best effort, after it stops.
	// Its temporary files (the singleton socket's folder) go there too,
	// not to the machine's temporary folder.
	profile, err := os.MkdirTemp("", "ficus-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Env("TMPDIR="+profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("hide-scrollbars", true),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, ccancel := chromedp.NewContext(actx)
	tctx, tcancel := context.WithTimeout(ctx, 90*time.Second)
	return tctx, func() {
		tcancel()
		ccancel()
		acancel()
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// checkEvidenceTables: the evidence sections show a row per hot route and
// co-change pair when the report has them, and are hidden when not.
func checkEvidenceTables(t *testing.T, ctx context.Context, d *ReportData) {
	t.Helper()
	for _, c := range []struct {
		section, table string
		want           int
	}{{"hot-section", "hot-routes", len(d.HotRoutes)}, {"cochange-section", "cochanges", len(d.CoChangePairs)}} {
		var rows int
		var shown bool
		evaluate(t, ctx, `document.querySelectorAll("#`+c.table+` tbody tr").length`, &rows)
		evaluate(t, ctx, `getComputedStyle(document.getElementById("`+c.section+`")).display !== "none"`, &shown)
		if c.want == 0 && shown || c.want > 0 && (!shown || rows != c.want) {
			t.Errorf("#%s: shown %v with %d rows, want %d rows shown only when there are some", c.section, shown, rows, c.want)
		}
	}
}
