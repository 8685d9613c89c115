package strangler

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

// rawBackend answers each request on 127.0.0.1 with the bytes answer
// returns for it, so a test can make a backend misbehave on the wire. It
// counts the connections it accepted.
func rawBackend(t *testing.T, answer func(req *http.Request, c net.Conn) bool) (string, *atomic.Int64) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns atomic.Int64
	var wg sync.WaitGroup
	t.Cleanup(func() { l.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			wg.Go(func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(10 * time.Second))
				br := bufio.NewReader(c)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					_, _ = io.Copy(io.Discard, req.Body)
					if !answer(req, c) {
						return
					}
				}
			})
		}
	})
	return "http://" + l.Addr().String(), &conns
}

func writeRaw(c net.Conn, s string) bool {
	_, err := io.WriteString(c, s)
	return err == nil
}

// TestPoolNeverServesLeftovers: bytes a backend sends beyond its answer
// must not become the next request's answer, on either path.
func TestPoolNeverServesLeftovers(t *testing.T) {
	for _, fast := range []bool{true, false} {
		t.Run(fmt.Sprintf("fast_path=%t", fast), func(t *testing.T) {
			be, _ := rawBackend(t, func(r *http.Request, c net.Conn) bool {
				if r.URL.Path == "/a" {
					return writeRaw(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nPOISON")
				}
				return writeRaw(c, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngood")
			})
			_, f := startProxy(t, fmt.Sprintf("backends:\n  m: {url: %s}\ndefault: m\nserver: {fast_path: %t}\n", be, fast))
			if _, body, _ := get(t, testClient(), "GET", f.URL+"/a", nil, ""); body != "ok" {
				t.Fatalf("/a: %q", body)
			}
			for i := range 3 {
				if _, body, _ := get(t, testClient(), "GET", f.URL+"/b", nil, ""); body != "good" {
					t.Fatalf("another client's /b #%d got %q, want the backend's answer to it", i, body)
				}
			}
		})
	}
}

// TestPoolDropsConnectionAfter101: an answer switching protocols to a
// request that asked for none leaves the connection unusable for HTTP.
func TestPoolDropsConnectionAfter101(t *testing.T) {
	be, conns := rawBackend(t, func(r *http.Request, c net.Conn) bool {
		if r.URL.Path == "/up" {
			writeRaw(c, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\n")
			_, _ = io.Copy(io.Discard, c) // another protocol now: no more HTTP answers
			return false
		}
		return writeRaw(c, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngood")
	})
	_, f := startProxy(t, fmt.Sprintf("backends:\n  m: {url: %s, timeout: 5s}\ndefault: m\n", be))
	if status, _, _ := get(t, testClient(), "GET", f.URL+"/up", nil, ""); status != http.StatusBadGateway {
		t.Fatalf("/up: %d, want 502", status)
	}
	if status, body, _ := get(t, testClient(), "GET", f.URL+"/b", nil, ""); status != 200 || body != "good" {
		t.Fatalf("/b after the 101: %d %q, want 200 good on a fresh connection", status, body)
	}
	if n := conns.Load(); n != 2 {
		t.Errorf("backend saw %d connections, want 2 (the switched one is not reused)", n)
	}
}

// TestForwardKeepsBackendConnectionOnClientClose: a client's
// Connection: close concerns its own connection only.
func TestForwardKeepsBackendConnectionOnClientClose(t *testing.T) {
	be, conns := rawBackend(t, func(r *http.Request, c net.Conn) bool {
		return writeRaw(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	})
	_, f := startProxy(t, fmt.Sprintf("backends:\n  m: {url: %s}\ndefault: m\n", be))
	for range 5 {
		res, body := exchangeRaw(t, f.URL, "GET /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
		if res.StatusCode != 200 || body != "ok" || !res.Close {
			t.Fatalf("got %d %q close=%v", res.StatusCode, body, res.Close)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("5 requests with Connection: close opened %d backend connections, want 1", n)
	}
}

// TestForwardHostForHTTP10: an HTTP/1.0 request without Host reaches the
// backend with the backend's host, as ReverseProxy sends it.
func TestForwardHostForHTTP10(t *testing.T) {
	var host atomic.Pointer[string]
	be, _ := rawBackend(t, func(r *http.Request, c net.Conn) bool {
		h := r.Host
		host.Store(&h)
		return writeRaw(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	})
	_, f := startProxy(t, fmt.Sprintf("backends:\n  m: {url: %s}\ndefault: m\n", be))
	if res, _ := exchangeRaw(t, f.URL, "GET /x HTTP/1.0\r\n\r\n"); res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got, want := *host.Load(), strings.TrimPrefix(be, "http://"); got != want {
		t.Errorf("backend got Host %q, want %q", got, want)
	}
}

// TestPoolResponseHeadLimit: a backend's endless response head is cut at
// 10 MiB, as http.Transport cuts it, instead of being buffered whole.
func TestPoolResponseHeadLimit(t *testing.T) {
	big := strings.Repeat("a", h1.MaxResponseHead+1)
	be, _ := rawBackend(t, func(r *http.Request, c net.Conn) bool {
		return writeRaw(c, "HTTP/1.1 200 OK\r\nX-Big: "+big+"\r\nContent-Length: 2\r\n\r\nok")
	})
	_, f := startProxy(t, fmt.Sprintf("backends:\n  m: {url: %s}\ndefault: m\n", be))
	if status, _, _ := get(t, testClient(), "GET", f.URL+"/", nil, ""); status != http.StatusBadGateway {
		t.Errorf("status %d, want 502", status)
	}
}

// TestPoolClosesConnectionsOfRetiredBackend: connections given back after
// the backend was retired (a reload replaced it) are closed, and idle ones
// are reaped after the idle timeout even when no request comes.
func TestPoolClosesConnectionsOfRetiredBackend(t *testing.T) {
	be, _ := rawBackend(t, func(r *http.Request, c net.Conn) bool {
		return writeRaw(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	})
	std := &http.Transport{IdleConnTimeout: 50 * time.Millisecond, DialContext: (&net.Dialer{}).DialContext}
	tr := h1.NewTransport(std, strings.TrimPrefix(be, "http://"), 8, 0)
	get := func() *http.Response {
		req, _ := http.NewRequest("GET", be+"/", nil)
		res, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	idle := tr.IdleConns

	res := get()
	_, _ = io.ReadAll(res.Body)
	if idle() != 1 {
		t.Fatalf("idle %d after one request, want 1", idle())
	}
	eventually(t, "the idle connection reaped", func() bool { return idle() == 0 })

	inflight := get() // body not read yet
	tr.CloseIdleConnections()
	_, _ = io.ReadAll(inflight.Body)
	if idle() != 0 {
		t.Errorf("a retired pool took back a connection")
	}
}

// emfileListener fails its first Accepts with EMFILE, as a process out of
// file descriptors sees.
type emfileListener struct {
	net.Listener
	fails atomic.Int32
}

func (l *emfileListener) Accept() (net.Conn, error) {
	if l.fails.Add(-1) >= 0 {
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	}
	return l.Listener.Accept()
}

// TestLaneSurvivesAcceptErrors: running out of file descriptors for a
// moment must not stop the listener.
func TestLaneSurvivesAcceptErrors(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	el := &emfileListener{Listener: l}
	el.fails.Store(3)
	srv := &http.Server{}
	ln := h1.NewLane(context.Background(), http.HandlerFunc(laneEcho), srv, config.ServerConfig{ReadHeaderTimeout: config.Duration(time.Second)}, discardLogger(), l.Addr())
	errc := make(chan error, 1)
	go func() { errc <- ln.Serve(el) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = ln.Shutdown(ctx)
		<-errc
	})
	res, _ := exchangeRaw(t, "http://"+l.Addr().String(), "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
	if res.StatusCode != 200 {
		t.Fatalf("status %d after accept errors", res.StatusCode)
	}
}
