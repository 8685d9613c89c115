package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/admin"
	"github.com/ficus-dev/ficus/strangler/config"
)

// TestDemoJourney runs docs/tutorial.md end to end on 127.0.0.1: the sample
// monolith (twice, for noise) and the extracted catalog service as built
// binaries, then proxy init → shadow (the price bug is found) → fix →
// shadow again (clean) → canary → service, through the CLI verbs.
func TestDemoJourney(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the demo programs")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	shop := buildDemo(ctx, t, filepath.Join(root, "testdata/monolith"), "./cmd/shop", filepath.Join(dir, "shop"))
	catalog := buildDemo(ctx, t, filepath.Join(root, "testdata/demo/catalog"), ".", filepath.Join(dir, "catalog"))

	mono := startDemo(ctx, t, shop, "-addr", "127.0.0.1:0", "-jobs=false")
	mono2 := startDemo(ctx, t, shop, "-addr", "127.0.0.1:0", "-jobs=false")
	buggy, stopBuggy := startDemoStoppable(ctx, t, catalog, "-addr", "127.0.0.1:0")

	// ficus proxy init, then the edits the tutorial makes.
	cfgFile := filepath.Join(dir, "ficus-proxy.yaml")
	cli(t, 0, "proxy", "init", filepath.Join(root, "testdata/monolith"), "--monolith-url", "http://"+mono, "-o", cfgFile)
	const route = "catalog.get-products-id"
	y := readFile(t, cfgFile)
	for old, repl := range map[string]string{
		"http://catalog.invalid:8080": "http://" + buggy,
		"backends:\n":                 "backends:\n  monolith-2:\n    url: http://" + mono2 + "\n",
		"  - name: " + route + "\n":   "  - name: " + route + "\n    cohort: header:X-User-ID\n",
	} {
		if !strings.Contains(y, old) {
			t.Fatalf("the generated config has no %q:\n%s", old, y)
		}
		y = strings.Replace(y, old, repl, 1)
	}
	y += "parity: {noise: \"backend:monolith-2\", timeout: 5s}\nrollout: {steps: [50, 100], interval: 300ms, min_requests: 5}\n"
	if err := os.WriteFile(cfgFile, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	cli(t, 0, "proxy", "validate", cfgFile)

	proxyURL, admin := serveDemoProxy(ctx, t, cfgFile)
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte(demoToken), 0o600); err != nil {
		t.Fatal(err)
	}
	auth := []string{"--admin", admin, "--admin-token-file", tokenFile}

	// Shadow: clients get the monolith's answer; the diff is found.
	cli(t, 0, append([]string{"proxy", "promote", route}, auth...)...)
	sendDemo(t, proxyURL, 10)
	doc := waitParity(t, auth, route, 10)
	rp := doc.Routes[0]
	if rp.Mismatched != rp.Compared || rp.Paths[0].Path != "$.price_cents" {
		t.Fatalf("the price bug is not reported: %+v", rp)
	}
	for _, p := range rp.Paths {
		if (p.Path == "$.created_at" || p.Path == "$.updated_at") && (p.Class != strangler.ClassNoise || p.Noise == 0) {
			t.Errorf("timestamps are not filtered as noise: %+v", p)
		}
	}
	out := cli(t, 0, append([]string{"proxy", "parity", route, "--samples", "1"}, auth...)...)
	if !regexp.MustCompile(`\$\.price_cents \(value\): monolith \d+, service \d+(\.\d+)?\n`).MatchString(out) {
		t.Errorf("parity table:\n%s", out)
	}

	// The fix: roll back, redeploy the service fixed, shadow again.
	cli(t, 0, append([]string{"proxy", "rollback", route, "--reason", "prices in euros"}, auth...)...)
	stopBuggy()
	startDemo(ctx, t, catalog, "-addr", buggy, "-fixed")
	cli(t, 0, append([]string{"proxy", "promote", route}, auth...)...)
	sendDemo(t, proxyURL, 10)
	if rp := waitParity(t, auth, route, 10).Routes[0]; rp.Mismatched != 0 {
		t.Fatalf("mismatches after the fix: %+v", rp)
	}

	// Without a second monolith, the noise source cannot see that the
	// service stamps its own records: parity suggests ignoring them, and
	// with the suggested ignores the comparison is clean.
	y = strings.Replace(readFile(t, cfgFile), `noise: "backend:monolith-2"`, "noise: repeat", 1)
	writeAndReload(t, cfgFile, y, admin)
	cli(t, 0, append([]string{"proxy", "rollback", route, "--reason", "compare without monolith-2"}, auth...)...)
	cli(t, 0, append([]string{"proxy", "promote", route}, auth...)...)
	sendDemo(t, proxyURL, 10)
	rp = waitParity(t, auth, route, 10).Routes[0]
	var suggested []string
	for _, s := range rp.SuggestedIgnores {
		suggested = append(suggested, s.Path)
	}
	if rp.Mismatched != rp.Compared || !slices.Contains(suggested, "$.created_at") || !slices.Contains(suggested, "$.updated_at") {
		t.Fatalf("instance-specific timestamps are not suggested for shadow.ignore: %v in %+v", suggested, rp)
	}
	if out := cli(t, 0, append([]string{"proxy", "parity", route}, auth...)...); !strings.Contains(out, `- "$.created_at"  # differs on 10 of 10`) {
		t.Errorf("parity table does not suggest the ignore:\n%s", out)
	}
	y = strings.Replace(y, "  - name: "+route+"\n", "  - name: "+route+"\n    shadow: {ignore: [\"$.created_at\", \"$.updated_at\"]}\n", 1)
	writeAndReload(t, cfgFile, y, admin)
	cli(t, 0, append([]string{"proxy", "rollback", route, "--reason", "ignore instance timestamps"}, auth...)...)
	cli(t, 0, append([]string{"proxy", "promote", route}, auth...)...)
	sendDemo(t, proxyURL, 10)
	if rp := waitParity(t, auth, route, 10).Routes[0]; rp.Mismatched != 0 || len(rp.SuggestedIgnores) != 0 {
		t.Fatalf("mismatches with the suggested ignores: %+v", rp)
	}

	// Canary: the rollout climbs by itself while traffic flows.
	cli(t, 0, append([]string{"proxy", "promote", route}, auth...)...)
	deadline := time.Now().Add(60 * time.Second)
	for {
		sendDemo(t, proxyURL, 20)
		st := cli(t, 0, "proxy", "status", "--admin", admin, "--json")
		var rd strangler.RoutesDoc
		if err := json.Unmarshal([]byte(st), &rd); err != nil {
			t.Fatal(err)
		}
		rs := findRoute(rd, route)
		if rs.Mode == config.ModeService && rs.Weight == 100 {
			break
		}
		if rs.Mode == config.ModeMonolith {
			t.Fatalf("the rollout was rolled back: %+v", rs.Rollout.LastRollback)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the rollout did not finish: %+v", rs)
		}
	}
	if out := cli(t, 0, "proxy", "status", "--admin", admin); !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(route) + ` +service +100%`).MatchString(out) {
		t.Errorf("status:\n%s", out)
	}
}

const demoToken = "demo-token"

// writeAndReload writes the configuration and has the proxy reload it.
func writeAndReload(t *testing.T, file, y, adminURL string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.NewClient(adminURL, demoToken, nil).Reload(context.Background()); err != nil {
		t.Fatalf("reload: %v", err)
	}
}

func buildDemo(ctx context.Context, t *testing.T, dir, pkg, out string) string {
	t.Helper()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", dir, err, b)
	}
	return out
}

func startDemo(ctx context.Context, t *testing.T, bin string, args ...string) string {
	t.Helper()
	addr, _ := startDemoStoppable(ctx, t, bin, args...)
	return addr
}

// startDemoStoppable starts a demo program and returns the address it
// logged, and a function that stops it and waits for it.
func startDemoStoppable(ctx context.Context, t *testing.T, bin string, args ...string) (string, func()) {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			_ = cmd.Process.Signal(os.Interrupt)
			_ = cmd.Wait()
		}
	}
	t.Cleanup(stop)
	addrRE := regexp.MustCompile(`msg=listening addr=(\S+)`)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := addrRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
	}()
	select {
	case addr := <-found:
		return addr, stop
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not say where it listens", bin)
	}
	return "", stop
}

// serveDemoProxy runs the proxy of cfgFile on 127.0.0.1 listeners.
func serveDemoProxy(ctx context.Context, t *testing.T, cfgFile string) (proxyURL, adminURL string) {
	t.Helper()
	cfg, err := config.Load(ctx, cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	log := slog.New(slog.DiscardHandler)
	p, err := strangler.NewProxy(ctx, cfg, strangler.Options{Logger: log, Registry: reg, RolloutEvery: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := &strangler.Server{Proxy: p, Logger: log}
	srv.Admin = admin.New(p, admin.Options{Token: demoToken, Gatherer: reg, Ready: srv.Ready})
	pl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	al, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, pl, al) }()
	t.Cleanup(func() { stop(); <-done; p.Close() })
	return "http://" + pl.Addr().String(), "http://" + al.Addr().String()
}

// sendDemo asks for products as n users and checks that every client got
// prices in cents.
func sendDemo(t *testing.T, proxyURL string, n int) {
	t.Helper()
	ids := []string{"prd_espresso", "prd_filter", "prd_kettle", "prd_grinder", "prd_dripper", "prd_filters"}
	c := &http.Client{Timeout: 10 * time.Second}
	for i := range n {
		req, _ := http.NewRequest("GET", proxyURL+"/products/"+ids[i%len(ids)], nil)
		req.Header.Set("X-User-ID", fmt.Sprint("user-", i))
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p map[string]any
		err = json.NewDecoder(res.Body).Decode(&p)
		res.Body.Close()
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %v", req.URL, res.StatusCode, err)
		}
		if v, ok := p["price_cents"].(float64); !ok || v < 100 || v != float64(int64(v)) {
			t.Fatalf("a client saw price_cents %v", p["price_cents"])
		}
	}
}

// waitParity polls 'ficus proxy parity --json' until the route has n
// comparisons.
func waitParity(t *testing.T, auth []string, route string, n int64) strangler.ParityDoc {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out := cli(t, 0, append([]string{"proxy", "parity", route, "--json"}, auth...)...)
		var doc strangler.ParityDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Routes) == 1 && doc.Routes[0].Compared+doc.Routes[0].Errors >= n {
			if doc.Routes[0].Errors > 0 {
				t.Fatalf("shadow errors: %+v", doc.Routes[0])
			}
			return doc
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %d comparisons: %+v", n, doc)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func findRoute(doc strangler.RoutesDoc, name string) strangler.RouteStatus {
	for _, r := range doc.Routes {
		if r.Name == name {
			return r
		}
	}
	return strangler.RouteStatus{}
}

// cli runs ficus with args and returns its stdout, failing unless it exits
// with want.
func cli(t *testing.T, want int, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), args, streams{In: strings.NewReader(""), Out: &out, Err: &errb}); code != want {
		t.Fatalf("ficus %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, out.String(), errb.String())
	}
	return out.String()
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
