package strangler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/strangler/config"
)

// running is a Server started by startServer.
type running struct {
	srv     *Server
	proxy   *Proxy
	url     string // proxy base URL
	file    string
	signals chan os.Signal
	stop    func() error // cancels and waits for Serve to return
}

// startServer writes y to a config file and serves it with file watching
// and a signal channel. Addresses are 127.0.0.1:0.
func startServer(t *testing.T, y string) *running {
	t.Helper()
	return startServerDebounce(t, y, 20*time.Millisecond)
}

// startServerDebounce is startServer with the file watch's debounce.
func startServerDebounce(t *testing.T, y string, debounce time.Duration) *running {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "ficus-proxy.yaml")
	writeFile(t, file, y)
	ctx, cancel := context.WithCancel(context.Background())
	cfg, err := config.Load(ctx, file)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	p, err := NewProxy(ctx, cfg, Options{Logger: discardLogger(), Registry: reg})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	r := &running{proxy: p, file: file, signals: make(chan os.Signal, 1)}
	r.srv = &Server{Proxy: p, Logger: discardLogger(), Watch: true, Debounce: debounce, Signals: r.signals}
	r.srv.Admin = http.NotFoundHandler() // package admin tests the admin API on a Server
	pl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	al, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	scheme := "http"
	if cfg.Server.TLS.CertFile != "" {
		scheme = "https"
	}
	r.url = scheme + "://" + pl.Addr().String()
	started := make(chan struct{})
	r.srv.Started = func(net.Addr, net.Addr) { close(started) }
	errc := make(chan error, 1)
	go func() { errc <- r.srv.Serve(ctx, pl, al) }()
	var once sync.Once
	var stopErr error
	r.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-errc:
			case <-time.After(30 * time.Second):
				stopErr = errors.New("server did not stop")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { _ = r.stop() })
	select {
	case <-started:
	case err := <-errc:
		t.Fatalf("serve: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	return r
}

func weightConfig(mono, svc *upstream, weight string) string {
	return fmt.Sprintf(`backends:
  monolith: {url: %s}
  orders: {url: %s}
default: monolith
server: {shutdown_timeout: 10s}
routes:
  - name: r
    match: {path: "/orders/"}
    to: orders
    weight: %s
    cohort: header:X-User-ID
    fallback: monolith
`, mono.URL, svc.URL, weight)
}

// load sends GETs from several workers until stop is closed (or the test
// ends), counting failures.
func load(t *testing.T, url string, workers int, stop <-chan struct{}) (wait func() (ok, failed int64)) {
	t.Helper()
	c := testClient()
	ended := make(chan struct{})
	t.Cleanup(func() { close(ended) })
	var okN, failN atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				case <-ended:
					return
				default:
				}
				req, _ := http.NewRequest("GET", url, nil)
				req.Header.Set("X-User-ID", fmt.Sprintf("u%d-%d", w, i))
				resp, err := c.Do(req)
				if err != nil {
					failN.Add(1)
					continue
				}
				if resp.StatusCode != 200 {
					failN.Add(1)
				} else {
					okN.Add(1)
				}
				resp.Body.Close()
			}
		})
	}
	return func() (int64, int64) { wg.Wait(); return okN.Load(), failN.Load() }
}

func TestReloadUnderLoad(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	r := startServer(t, weightConfig(mono, svc, "0"))
	stop := make(chan struct{})
	wait := load(t, r.url+"/orders/1", 4, stop)
	gen := func() uint64 { return r.proxy.Table().Generation }
	progress := func() int64 { return mono.hits.Load() + svc.hits.Load() }

	step := func(what string, change func(), check func() bool) {
		t.Helper()
		before := progress()
		change()
		eventually(t, what, check)
		eventually(t, "traffic after "+what, func() bool { return progress() > before+20 })
	}
	step("file change to weight 50", func() { writeFile(t, r.file, weightConfig(mono, svc, "50")) },
		func() bool { return gen() == 2 && r.proxy.Table().Routes[0].Weight() == 50 })
	step("invalid file rejected", func() {
		writeFile(t, r.file, strings.Replace(weightConfig(mono, svc, "50"), "to: orders", "to: order", 1))
	},
		func() bool { _, err := r.proxy.LastReloadError(); return err != nil })
	if gen() != 2 {
		t.Fatalf("an invalid file was applied: generation %d", gen())
	}
	step("SIGHUP reload to weight 100", func() {
		writeFile(t, r.file, weightConfig(mono, svc, "100"))
		r.signals <- syscall.SIGHUP
	}, func() bool { return gen() >= 3 && r.proxy.Table().Routes[0].Weight() == 100 })
	step("explicit reload (the admin API's)", func() {
		writeFile(t, r.file, weightConfig(mono, svc, "10"))
		if err := r.proxy.Reload(context.Background()); err != nil {
			t.Fatal(err)
		}
	}, func() bool { return r.proxy.Table().Routes[0].Weight() == 10 })
	close(stop)
	ok, failed := wait()
	if failed != 0 {
		t.Errorf("%d of %d requests failed during reloads", failed, ok+failed)
	}
	if _, err := r.proxy.LastReloadError(); err != nil {
		t.Errorf("last reload error not cleared after a good reload: %v", err)
	}
}

func TestAdminWeightSurvivesUnrelatedReload(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	r := startServer(t, weightConfig(mono, svc, "5"))
	if err := r.proxy.SetWeight("r", 40); err != nil {
		t.Fatal(err)
	}
	// An unrelated change (a new backend) keeps the admin's weight.
	y := weightConfig(mono, svc, "5") + "  - {name: other, match: {path: /other}, to: orders}\n"
	writeFile(t, r.file, y)
	eventually(t, "reload", func() bool { return len(r.proxy.Table().Routes) == 2 })
	if w := r.proxy.Table().Routes[0].Weight(); w != 40 {
		t.Errorf("weight = %g after an unrelated reload, want the admin's 40", w)
	}
	// Changing the route's weight in the file wins.
	writeFile(t, r.file, strings.Replace(y, "weight: 5", "weight: 7", 1))
	eventually(t, "file weight", func() bool { return r.proxy.Table().Routes[0].Weight() == 7 })
	if r.proxy.Table().Routes[0].WeightOverridden() {
		t.Errorf("override still reported after the file changed the weight")
	}
}

func TestDrainFinishesInFlightRequests(t *testing.T) {
	mono := newUpstream(t, "monolith")
	mono.delay.Store(int64(400 * time.Millisecond))
	r := startServer(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nserver: {drain_delay: 200ms, shutdown_timeout: 10s}\n", mono.URL))
	c := testClient()
	type result struct {
		status int
		err    error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := c.Get(r.url + "/slow")
		if err != nil {
			res <- result{err: err}
			return
		}
		resp.Body.Close()
		res <- result{status: resp.StatusCode}
	}()
	eventually(t, "request in flight", func() bool { return r.proxy.active.Load() == 1 })
	stopped := make(chan error, 1)
	go func() { stopped <- r.stop() }()
	eventually(t, "not ready while draining", func() bool { return !r.srv.Ready() })
	got := <-res
	if got.err != nil || got.status != 200 {
		t.Errorf("in-flight request: %d, %v; want 200", got.status, got.err)
	}
	if err := <-stopped; err != nil {
		t.Errorf("stop: %v", err)
	}
	if _, err := c.Get(r.url + "/"); err == nil {
		t.Errorf("the proxy still accepts requests after shutdown")
	}
}

func TestServerLimitsHostileClients(t *testing.T) {
	mono := newUpstream(t, "monolith")
	r := startServer(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nserver: {max_header_bytes: 2KiB, read_header_timeout: 200ms}\n", mono.URL))
	addr := strings.TrimPrefix(r.url, "http://")

	// Oversized headers: 431.
	req, _ := http.NewRequest("GET", r.url+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("x", 8<<10))
	resp, err := testClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("oversized headers: %d, want 431", resp.StatusCode)
	}

	// A client that never finishes its headers is cut off.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(15 * time.Second))
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				t.Fatal("a slow client kept its connection past read_header_timeout")
			}
			break // closed by the server
		}
	}
	if mono.hits.Load() != 0 {
		t.Errorf("a request with incomplete headers reached the backend")
	}
}

func TestDrainTimeoutIsAnError(t *testing.T) {
	bothPaths(t, func(t *testing.T, server string) {
		mono := newUpstream(t, "monolith")
		mono.delay.Store(int64(5 * time.Second))
		r := startServer(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nserver: {%s, shutdown_timeout: 100ms}\n", mono.URL, server))
		go func() {
			if resp, err := testClient().Get(r.url + "/slow"); err == nil {
				resp.Body.Close()
			}
		}()
		eventually(t, "request in flight", func() bool { return r.proxy.active.Load() == 1 })
		err := r.stop()
		if err == nil || !strings.Contains(err.Error(), "shutdown_timeout") {
			t.Errorf("stop = %v, want the drain's timeout", err)
		}
	})
}

// TestWatchReloadsBesideABusyFile rewrites the config while another file in
// its directory is written every few milliseconds, faster than the
// debounce: every rewrite must still apply.
func TestWatchReloadsBesideABusyFile(t *testing.T) {
	mono := newUpstream(t, "monolith")
	y := fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\n", mono.URL)
	r := startServerDebounce(t, y, 300*time.Millisecond)
	log := filepath.Join(filepath.Dir(r.file), "proxy.log")
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		f, err := os.Create(log)
		if err != nil {
			return
		}
		defer f.Close()
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond): // well under the debounce
				_, _ = f.WriteString("a busy log line\n")
			}
		}
	}()
	defer func() { close(stop); <-done }()
	for i := range 5 {
		gen := r.proxy.Table().Generation
		writeFile(t, r.file, y+fmt.Sprintf("# rewrite %d\nserver: {drain_delay: %dms}\n", i, i+1))
		eventually(t, fmt.Sprintf("rewrite %d to apply", i), func() bool { return r.proxy.Table().Generation == gen+1 })
	}
}

// TestWatchDebounceIsBounded rewrites the config faster than the debounce
// for longer than maxDebounceWait: a reload must still happen meanwhile.
func TestWatchDebounceIsBounded(t *testing.T) {
	mono := newUpstream(t, "monolith")
	y := fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\n", mono.URL)
	r := startServerDebounce(t, y, 300*time.Millisecond)
	gen := r.proxy.Table().Generation
	until := time.Now().Add(maxDebounceWait + 2*time.Second)
	for i := 0; time.Now().Before(until); i++ {
		writeFile(t, r.file, y+fmt.Sprintf("# rewrite %d\n", i))
		if r.proxy.Table().Generation > gen {
			return
		}
		time.Sleep(50 * time.Millisecond) // a writer, not a wait for the proxy
	}
	t.Errorf("no reload in %s of rewrites 50ms apart", maxDebounceWait+2*time.Second)
}
