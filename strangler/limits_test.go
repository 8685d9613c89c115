package strangler

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDefaultLimits(t *testing.T) {
	cfg := parseConfig(t, "backends:\n  monolith: {url: http://127.0.0.1:1}\ndefault: monolith\n")
	s := cfg.Server
	if s.MaxHeaderBytes != 32<<10 || s.BodyReadTimeout.D() != time.Minute || s.SendTimeout.D() != time.Minute || cfg.Backends["monolith"].ConnLimit() != 1024 {
		t.Errorf("defaults: header %d, body read %s, send %s, conns %d", s.MaxHeaderBytes, s.BodyReadTimeout, s.SendTimeout, cfg.Backends["monolith"].ConnLimit())
	}
	bothPaths(t, func(t *testing.T, server string) {
		mono := newUpstream(t, "monolith")
		r := startServer(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nserver: {%s}\n", mono.URL, server))
		res, _, closed := rawExchange(t, r.url, "GET / HTTP/1.1\r\nHost: a\r\nX-Big: "+strings.Repeat("x", 40<<10)+"\r\n\r\n")
		if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge || !closed() {
			t.Errorf("a 40 KiB head: %d, want 431 and a closed connection", res.StatusCode)
		}
		if res, _, _ := rawExchange(t, r.url, "GET / HTTP/1.1\r\nHost: a\r\nX-Big: "+strings.Repeat("x", 16<<10)+"\r\n\r\n"); res.StatusCode != 200 {
			t.Errorf("a 16 KiB head: %d, want 200", res.StatusCode)
		}
	})
}

func TestBodyReadTimeoutCutsStallsNotUploads(t *testing.T) {
	bothPaths(t, func(t *testing.T, server string) {
		mono := newUpstream(t, "monolith")
		p, srv := startProxy(t, fmt.Sprintf("backends:\n  monolith: {url: %s, breaker: {failures: 1}}\ndefault: monolith\nserver: {%s, body_read_timeout: 300ms}\n", mono.URL, server))
		addr := strings.TrimPrefix(srv.URL, "http://")

		// A body that stalls: 408, the connection closed, nothing held
		// against the backend.
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		_, _ = io.WriteString(c, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nx")
		b, _ := io.ReadAll(c) // until the proxy closes
		if !strings.HasPrefix(string(b), "HTTP/1.1 408 ") {
			t.Errorf("stalled body: got %.40q, want 408", b)
		}
		if st := p.Table().Backends["monolith"].Status(); st.Breaker != "closed" {
			t.Errorf("breaker %s after a stalled client", st.Breaker)
		}

		// A body that keeps coming, for longer than the timeout: served.
		pr, pw := io.Pipe()
		go func() {
			for range 8 {
				time.Sleep(100 * time.Millisecond) // the client's pace
				_, _ = io.WriteString(pw, "chunk")
			}
			pw.Close()
		}()
		req, _ := http.NewRequest("POST", srv.URL+"/echo", pr)
		res, err := testClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), strings.Repeat("chunk", 8)) {
			t.Errorf("steady upload: %d %s", res.StatusCode, body)
		}
	})
}

// TestStalledBodyReleasesTheBackend: a body that stops coming holds its
// backend connection for body_read_timeout at most; the backend sees the
// connection close, not a request left hanging.
func TestStalledBodyReleasesTheBackend(t *testing.T) {
	bothPaths(t, func(t *testing.T, server string) {
		got := make(chan error, 1)
		closed := make(chan struct{}, 1)
		be := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, err := io.ReadAll(r.Body) // an upload endpoint reads it all
			got <- err
		}))
		be.Config.ConnState = func(_ net.Conn, s http.ConnState) {
			if s == http.StateClosed {
				select {
				case closed <- struct{}{}:
				default:
				}
			}
		}
		be.Start()
		t.Cleanup(be.Close)
		_, srv := startProxy(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nserver: {%s, body_read_timeout: 300ms}\n", be.URL, server))
		c, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		// More than replay_body_bytes, so that the proxy streams it.
		start := time.Now()
		_, _ = io.WriteString(c, "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 200000\r\n\r\n"+strings.Repeat("x", 100000))
		select {
		case err := <-got:
			if err == nil {
				t.Fatal("the backend read a whole body the client never finished")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the backend still waits for the body 10s after the client stalled")
		}
		select {
		case <-closed:
		case <-time.After(10 * time.Second):
			t.Fatal("the backend connection of a stalled body stays open")
		}
		if held := time.Since(start); held > 5*time.Second {
			t.Errorf("the backend was held %s for a 300ms body_read_timeout", held)
		}
	})
}

func TestSendTimeoutLetsGoOfAClientThatDoesNotRead(t *testing.T) {
	bothPaths(t, func(t *testing.T, server string) {
		stopped := make(chan struct{})
		be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer close(stopped)
			buf := make([]byte, 32<<10)
			for range 50 << 20 / len(buf) { // 50 MB
				if _, err := w.Write(buf); err != nil {
					return
				}
			}
		}))
		t.Cleanup(be.Close)
		_, srv := startProxy(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nserver: {%s, send_timeout: 300ms}\n", be.URL, server))
		c, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetReadBuffer(4 << 10)
		}
		_, _ = io.WriteString(c, "GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
		select {
		case <-stopped: // the proxy gave up and let the backend go
		case <-time.After(15 * time.Second):
			t.Fatal("a client that reads nothing held the backend for 15s")
		}
	})
}

func TestBackendConnectionCap(t *testing.T) {
	for _, method := range []string{"GET", "POST"} {
		t.Run(method, func(t *testing.T) {
			bothPaths(t, func(t *testing.T, server string) {
				var open, peak atomic.Int64
				var inside atomic.Int64
				release := make(chan struct{})
				be := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					_, _ = io.Copy(io.Discard, r.Body)
					inside.Add(1)
					<-release
					_, _ = io.WriteString(w, "ok")
				}))
				be.Config.ConnState = func(_ net.Conn, s http.ConnState) {
					switch s {
					case http.StateNew:
						n := open.Add(1)
						for m := peak.Load(); n > m && !peak.CompareAndSwap(m, n); m = peak.Load() {
						}
					case http.StateClosed, http.StateHijacked:
						open.Add(-1)
					}
				}
				be.Start()
				t.Cleanup(be.Close)
				_, srv := startProxy(t, fmt.Sprintf("backends:\n  monolith: {url: %s, max_conns: 2}\ndefault: monolith\nserver: {%s}\n", be.URL, server))
				const clients = 6
				var wg sync.WaitGroup
				var ok atomic.Int64
				for range clients {
					wg.Go(func() {
						body := ""
						if method == "POST" {
							body = "payload"
						}
						req, _ := http.NewRequest(method, srv.URL+"/x", strings.NewReader(body))
						if body == "" {
							req.Body = nil
						}
						res, err := (&http.Client{Timeout: 20 * time.Second}).Do(req)
						if err == nil {
							if res.StatusCode == 200 {
								ok.Add(1)
							}
							res.Body.Close()
						}
					})
				}
				eventually(t, "two requests at the backend", func() bool { return inside.Load() == 2 })
				time.Sleep(200 * time.Millisecond) // room for a third to arrive, were the cap broken
				if n := inside.Load(); n != 2 {
					t.Errorf("%d requests reached the backend at once, want 2 (max_conns)", n)
				}
				close(release)
				wg.Wait()
				if ok.Load() != clients || peak.Load() > 2 {
					t.Errorf("%d of %d served, peak %d connections; want all served over at most 2", ok.Load(), clients, peak.Load())
				}
			})
		})
	}
}
