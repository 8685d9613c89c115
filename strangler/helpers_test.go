package strangler

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/http/httpguts"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/strangler/config"
)

// upstream is a test backend on 127.0.0.1 that names itself in every
// response and can be told to fail or stall.
type upstream struct {
	*httptest.Server
	name   string
	hits   atomic.Int64
	status atomic.Int32 // when non-zero, answer with this status
	delay  atomic.Int64 // nanoseconds to wait before answering
}

func newUpstream(t *testing.T, name string) *upstream {
	t.Helper()
	u := &upstream{name: name}
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		u.hits.Add(1)
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Backend", name)
		_ = json.NewEncoder(w).Encode(echo{Backend: name, Method: r.Method, Host: r.Host, Path: r.URL.Path, Header: r.Header, Body: string(body)})
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if s := u.status.Load(); s != 0 {
			w.WriteHeader(int(s))
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		u.hits.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		if d := time.Duration(u.delay.Load()); d > 0 {
			select {
			case <-time.After(d):
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("X-Backend", name)
		if s := u.status.Load(); s != 0 {
			w.WriteHeader(int(s))
		}
		_, _ = io.WriteString(w, name)
	})
	u.Server = httptest.NewServer(mux)
	t.Cleanup(u.Close)
	return u
}

type echo struct {
	Backend string
	Method  string
	Host    string
	Path    string
	Header  http.Header
	Body    string
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// parseConfig parses a YAML config for a test, failing it on error.
func parseConfig(t *testing.T, y string) *config.Config {
	t.Helper()
	cfg, err := config.Parse("test.yaml", []byte(y))
	if err != nil {
		t.Fatalf("config: %v\n%s", err, y)
	}
	return cfg
}

// startProxy serves cfg through a Proxy on 127.0.0.1, as Server does.
func startProxy(t *testing.T, y string) (*Proxy, *front) {
	t.Helper()
	return startProxyWith(t, y, Options{Logger: discardLogger(), Registry: prometheus.NewRegistry()})
}

// startProxyWith is startProxy with the given options.
func startProxyWith(t *testing.T, y string, opts Options) (*Proxy, *front) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if opts.StateFile == "" {
		opts.StateFile = "-" // in-memory configs have no directory to keep state in
	}
	p, err := NewProxy(ctx, parseConfig(t, y), opts)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	cfg := p.Table().Config.Server
	srv := newFront(t, p, cfg, cfg.FastPathEnabled())
	t.Cleanup(func() {
		srv.Close()
		p.Close()
		cancel()
	})
	return p, srv
}

func testClient() *http.Client {
	return &http.Client{
		Timeout:   20 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true},
	}
}

// get sends a request and returns the status, the body and the answering
// backend's name.
func get(t *testing.T, c *http.Client, method, url string, header http.Header, body string) (int, string, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("X-Backend")
}

// eventually polls cond until it holds or the generous deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil { // atomic, like a careful editor
		t.Fatal(err)
	}
}

func timeZero() time.Time { return time.Time{} }

func newFuzzRequest(method, host, p, query string) (*http.Request, error) {
	if method == "" || !httpguts.ValidHeaderFieldName(method) {
		return nil, errors.New("bad method")
	}
	u, err := url.Parse("http://h" + p)
	if err != nil || !strings.HasPrefix(p, "/") {
		return nil, errors.New("bad path")
	}
	u.RawQuery = query
	return &http.Request{Method: method, Host: host, URL: u, Header: http.Header{}}, nil
}

// syncBuffer is a bytes.Buffer safe for a logger writing from the proxy's
// goroutines while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
