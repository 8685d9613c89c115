package reports

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// shopReport plans the sample graph and builds its report.
func shopReport(t *testing.T) (*analyzer.Graph, *planner.Plan, *ReportData) {
	t.Helper()
	g := loadShop(t)
	p, err := planner.Propose(context.Background(), g.Document(), planner.Options{Seed: 1, Config: planner.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	d, err := BuildReport(g, p, time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return g, p, d
}

func TestHTMLSelfContained(t *testing.T) {
	_, _, d := shopReport(t)
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, re := range []string{`<script[^>]+src=`, `<link[^>]+href=`, `<img[^>]+src="http`, `@import`} {
		if regexp.MustCompile(re).MatchString(page) {
			t.Errorf("report loads an outside resource (%s): it must open offline", re)
		}
	}
	if strings.Count(page, "</script>") != 3 {
		t.Errorf("want exactly 3 script elements closed, got %d: embedded code or data closed one early", strings.Count(page, "</script>"))
	}
	for _, s := range d.Services {
		if !strings.Contains(page, s.Name) {
			t.Errorf("service %s missing from the page", s.Name)
		}
	}
}

// TestHTMLInBrowser opens the report in headless Chromium: it loads with
// no console error, the context map draws one node per service, and a real
// mouse click on a service shows its routes.
func TestHTMLInBrowser(t *testing.T) {
	chrome := findChromium()
	if chrome == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run installs it with apt-get")
		}
		t.Skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
	}
	_, p, d := shopReport(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := browser(t, chrome)
	defer cancel()
	var problems []string
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				problems = append(problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
			}
		}
	})
	var services int
	start := time.Now()
	if err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1400, 1000),
		chromedp.Navigate("file://"+page),
		chromedp.WaitVisible(`body[data-ready="true"]`, chromedp.ByQuery),
		chromedp.Evaluate(`window.ficusContextMap.nodes('[kind = "service"]').length`, &services),
	); err != nil {
		t.Fatalf("open report: %v", err)
	}
	t.Logf("report interactive after %v", time.Since(start).Round(time.Millisecond))
	if services != len(p.Services) {
		t.Errorf("context map draws %d service nodes, want %d", services, len(p.Services))
	}
	// Click, with the mouse, the service with the most routes.
	target := slices.MaxFunc(p.Services, func(a, b planner.Service) int { return len(a.Routes) - len(b.Routes) })
	var pos []float64
	js := fmt.Sprintf(`(function(){var n = window.ficusContextMap.getElementById(%q); var r = document.getElementById("cmap").getBoundingClientRect(); var p = n.renderedPosition(); window.scrollTo(0, 0); return [r.left + p.x, r.top + p.y];})()`, target.Name)
	var routes []string
	if err := chromedp.Run(ctx,
		chromedp.ScrollIntoView(`#cmap`, chromedp.ByID),
		chromedp.Evaluate(js, &pos),
	); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Run(ctx,
		chromedp.MouseClickXY(pos[0], pos[1]),
		chromedp.WaitVisible(fmt.Sprintf(`#detail[data-service=%q]`, target.Name), chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#detail-routes li")).map(function(li){return li.textContent})`, &routes),
	); err != nil {
		t.Fatalf("click %s at %v: %v", target.Name, pos, err)
	}
	want := slices.Clone(target.Routes)
	slices.Sort(want)
	slices.Sort(routes)
	if !slices.Equal(routes, want) {
		t.Errorf("after clicking %s the panel lists routes %q, want %q", target.Name, routes, want)
	}
	if len(problems) > 0 {
		t.Errorf("the page reported problems:\n%s", strings.Join(problems, "\n"))
	}
	if os.Getenv("FICUS_SCREENSHOT") != "" {
		var shot []byte
		if err := chromedp.Run(ctx, chromedp.FullScreenshot(&shot, 90)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(os.Getenv("FICUS_SCREENSHOT"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts headless Chromium with no network use of its own, bounded
// in time.
func browser(t *testing.T, chrome string) (context.Context, context.CancelFunc) {
	t.Helper()
	// Chromium may still write its profile while it exits, so the profile
	// lives outside t.TempDir and is removed, best effort, after it stops.
	profile, err := os.MkdirTemp("", "ficus-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
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
