package strangler

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

// laneTag sets X-Lane to whether the lane serves the request: only the
// lane's requests get a *h1.ResponseWriter.
func laneTag(w http.ResponseWriter) {
	_, lane := w.(*h1.ResponseWriter)
	w.Header().Set("X-Lane", strconv.FormatBool(lane))
}

// laneEcho answers "METHOD PATH BODYLEN PADLEN", with X-Lane set.
func laneEcho(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	laneTag(w)
	fmt.Fprintf(w, "%s %s %d %d", r.Method, r.URL.Path, len(body), len(r.Header.Get("X-Pad")))
}

// rawReq is a request head: method, target, Host and fields.
func rawReq(method, target string, fields ...string) string {
	var b strings.Builder
	b.WriteString(method + " " + target + " HTTP/1.1\r\nHost: lane.test\r\n")
	for _, f := range fields {
		b.WriteString(f + "\r\n")
	}
	return b.String() + "\r\n"
}

// rawConn is a client connection whose bytes the test writes itself.
type rawConn struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func dialRaw(t *testing.T, f *front) *rawConn {
	t.Helper()
	c, err := net.DialTimeout("tcp", strings.TrimPrefix(f.URL, "http://"), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	return &rawConn{t: t, c: c, br: bufio.NewReader(c)}
}

func (rc *rawConn) send(s string) {
	rc.t.Helper()
	if _, err := io.WriteString(rc.c, s); err != nil {
		rc.t.Fatalf("write: %v", err)
	}
}

// read reads the response to a request with this method, body included.
func (rc *rawConn) read(method string) (*http.Response, string) {
	rc.t.Helper()
	resp, err := http.ReadResponse(rc.br, &http.Request{Method: method})
	if err != nil {
		rc.t.Fatalf("read response: %v", err)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		rc.t.Fatalf("read body: %v (got %q)", err, b)
	}
	return resp, string(b)
}

// waitClosed reads until the server closes the connection, failing if it
// is still open after 3 s, and returns what came before the close.
func (rc *rawConn) waitClosed() string {
	rc.t.Helper()
	_ = rc.c.SetReadDeadline(time.Now().Add(3 * time.Second))
	b, err := io.ReadAll(rc.br)
	if ne := net.Error(nil); errors.As(err, &ne) && ne.Timeout() {
		rc.t.Fatalf("connection still open after 3s (read %q)", b)
	}
	return string(b)
}

func TestLaneKeepAlive(t *testing.T) {
	f := newFront(t, http.HandlerFunc(laneEcho), config.ServerConfig{}, true)
	rc := dialRaw(t, f)
	tests := []struct {
		method, req, wantBody string
	}{
		{"GET", rawReq("GET", "/a"), "GET /a 0 0"},
		{"HEAD", rawReq("HEAD", "/b"), ""},
		{"DELETE", rawReq("DELETE", "/c", "Content-Length: 0"), "DELETE /c 0 0"},
		{"GET", rawReq("GET", "/d?q=1", "Connection: Keep-Alive", "X-Pad: abc"), "GET /d 0 3"},
		{"POST", rawReq("POST", "/e", "Content-Length: 0"), "POST /e 0 0"},
		{"GET", rawReq("GET", "/f"), "GET /f 0 0"},
	}
	for i, tt := range tests {
		rc.send(tt.req)
		resp, body := rc.read(tt.method)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Lane") != "true" || resp.Close || body != tt.wantBody {
			t.Errorf("request %d: got %d lane=%q close=%v body %q, want 200 from the lane, kept alive, body %q",
				i, resp.StatusCode, resp.Header.Get("X-Lane"), resp.Close, body, tt.wantBody)
		}
	}
}

func TestLanePipelining(t *testing.T) {
	f := newFront(t, http.HandlerFunc(laneEcho), config.ServerConfig{}, true)
	rc := dialRaw(t, f)
	rc.send(rawReq("GET", "/p/1") + rawReq("HEAD", "/p/2") + rawReq("GET", "/p/3", "X-Pad: xy"))
	for i, want := range []struct{ method, body string }{{"GET", "GET /p/1 0 0"}, {"HEAD", ""}, {"GET", "GET /p/3 0 2"}} {
		resp, body := rc.read(want.method)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Lane") != "true" || body != want.body {
			t.Errorf("response %d: got %d lane=%q body %q, want 200 from the lane, body %q",
				i, resp.StatusCode, resp.Header.Get("X-Lane"), body, want.body)
		}
	}
}

// laneStep sends bytes and reads one response.
type laneStep struct {
	send       string
	method     string // of the request answered; "" means GET
	wantStatus int
	wantLane   string // X-Lane: "true", "false", "" for net/http's own errors
	wantBody   string // "" means any
}

func TestLaneHandoff(t *testing.T) {
	post := func(target, body string) string {
		return "POST " + target + " HTTP/1.1\r\nHost: lane.test\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	}
	pad := func(n int) string { return "X-Pad: " + strings.Repeat("a", n) }
	tests := []struct {
		name  string
		steps []laneStep
	}{
		{"GET, POST with a body, GET", []laneStep{
			{send: rawReq("GET", "/1"), wantStatus: 200, wantLane: "true", wantBody: "GET /1 0 0"},
			{send: post("/2", "hello"), method: "POST", wantStatus: 200, wantLane: "false", wantBody: "POST /2 5 0"},
			{send: rawReq("GET", "/3"), wantStatus: 200, wantLane: "false", wantBody: "GET /3 0 0"},
		}},
		{"GET and POST pipelined", []laneStep{
			{send: rawReq("GET", "/1") + post("/2", "hello") + rawReq("GET", "/3"), wantStatus: 200, wantLane: "true", wantBody: "GET /1 0 0"},
			{method: "POST", wantStatus: 200, wantLane: "false", wantBody: "POST /2 5 0"},
			{wantStatus: 200, wantLane: "false", wantBody: "GET /3 0 0"},
		}},
		{"HTTP/1.0", []laneStep{
			{send: "GET /old HTTP/1.0\r\nHost: lane.test\r\n\r\n", wantStatus: 200, wantLane: "false", wantBody: "GET /old 0 0"},
		}},
		{"chunked body", []laneStep{
			{send: rawReq("POST", "/c", "Transfer-Encoding: chunked") + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
				method: "POST", wantStatus: 200, wantLane: "false", wantBody: "POST /c 11 0"},
		}},
		{"Expect: 100-continue", []laneStep{
			{send: rawReq("POST", "/e", "Content-Length: 5", "Expect: 100-continue"), wantStatus: 100},
			{send: "hello", method: "POST", wantStatus: 200, wantLane: "false", wantBody: "POST /e 5 0"},
		}},
		{"GET with a body", []laneStep{
			{send: rawReq("GET", "/g", "Content-Length: 3") + "abc", wantStatus: 200, wantLane: "false", wantBody: "GET /g 3 0"},
		}},
		{"websocket upgrade", []laneStep{
			{send: rawReq("GET", "/ws", "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13"),
				wantStatus: 200, wantLane: "false", wantBody: "GET /ws 0 0"},
		}},
		{"Connection naming a header", []laneStep{
			{send: rawReq("GET", "/h", "Connection: X-Hop", "X-Hop: 1"), wantStatus: 200, wantLane: "false", wantBody: "GET /h 0 0"},
		}},
		{"absolute-form target", []laneStep{
			{send: "GET http://lane.test/abs HTTP/1.1\r\nHost: lane.test\r\n\r\n", wantStatus: 200, wantLane: "false", wantBody: "GET /abs 0 0"},
		}},
		{"head over the lane buffer", []laneStep{
			{send: rawReq("GET", "/big", pad(2*h1.BufSize)), wantStatus: 200, wantLane: "false", wantBody: fmt.Sprintf("GET /big 0 %d", 2*h1.BufSize)},
		}},
		{"GET, then a head over the lane buffer", []laneStep{
			{send: rawReq("GET", "/1"), wantStatus: 200, wantLane: "true", wantBody: "GET /1 0 0"},
			{send: rawReq("GET", "/big", pad(3*h1.BufSize)), wantStatus: 200, wantLane: "false", wantBody: fmt.Sprintf("GET /big 0 %d", 3*h1.BufSize)},
		}},
		{"head over the lane buffer pipelined", []laneStep{
			{send: rawReq("GET", "/1") + rawReq("GET", "/big", pad(h1.BufSize)), wantStatus: 200, wantLane: "true", wantBody: "GET /1 0 0"},
			{wantStatus: 200, wantLane: "false", wantBody: fmt.Sprintf("GET /big 0 %d", h1.BufSize)},
		}},
		{"head over MaxHeaderBytes", []laneStep{
			{send: rawReq("GET", "/huge", pad(http.DefaultMaxHeaderBytes+2*h1.BufSize)), wantStatus: http.StatusRequestHeaderFieldsTooLarge},
		}},
		{"malformed request line", []laneStep{{send: "GET /x\r\nHost: lane.test\r\n\r\n", wantStatus: 400}}},
		{"malformed field", []laneStep{{send: rawReq("GET", "/x", "Bad Field: 1"), wantStatus: 400}}},
		{"no Host", []laneStep{{send: "GET /x HTTP/1.1\r\n\r\n", wantStatus: 400}}},
		{"two Hosts", []laneStep{{send: rawReq("GET", "/x", "Host: other.test"), wantStatus: 400}}},
	}
	f := newFront(t, http.HandlerFunc(laneEcho), config.ServerConfig{}, true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := dialRaw(t, f)
			for i, s := range tt.steps {
				method := cmp.Or(s.method, "GET")
				if s.send != "" {
					rc.send(s.send)
				}
				resp, body := rc.read(method)
				if resp.StatusCode != s.wantStatus || resp.Header.Get("X-Lane") != s.wantLane || (s.wantBody != "" && body != s.wantBody) {
					t.Fatalf("step %d: got %d lane=%q body %.60q, want %d lane=%q body %q",
						i, resp.StatusCode, resp.Header.Get("X-Lane"), body, s.wantStatus, s.wantLane, s.wantBody)
				}
			}
		})
	}
}

func TestLaneTimeouts(t *testing.T) {
	const short = config.Duration(200 * time.Millisecond)
	tests := []struct {
		name    string
		sc      config.ServerConfig
		before  int    // requests answered first
		stall   string // sent, then nothing more
		trickle bool   // keep sending a byte every 20ms instead
	}{
		{"nothing on a new connection", config.ServerConfig{ReadHeaderTimeout: short}, 0, "", false},
		{"half a head on a new connection", config.ServerConfig{ReadHeaderTimeout: short}, 0, "GET /slow HTTP/1.1\r\nHost: la", false},
		{"half a head after a request", config.ServerConfig{ReadHeaderTimeout: short}, 1, "GET /slow HTTP/1.1\r\n", false},
		{"head trickling in", config.ServerConfig{ReadHeaderTimeout: short}, 1, "GET /slow HTTP/1.1\r\nX-Slow: ", true},
		{"half a head, ReadTimeout", config.ServerConfig{ReadTimeout: short}, 0, "GET /slow HTTP/1.1\r\n", false},
		{"idle after a request", config.ServerConfig{IdleTimeout: short}, 2, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFront(t, http.HandlerFunc(laneEcho), tt.sc, true)
			rc := dialRaw(t, f)
			for range tt.before {
				rc.send(rawReq("GET", "/ok"))
				if resp, _ := rc.read("GET"); resp.Header.Get("X-Lane") != "true" {
					t.Fatalf("request before the stall not served by the lane")
				}
			}
			rc.send(tt.stall)
			var wg sync.WaitGroup
			if tt.trickle {
				wg.Go(func() {
					for range 150 { // 3 s at most
						if _, err := rc.c.Write([]byte("a")); err != nil {
							return
						}
						time.Sleep(20 * time.Millisecond)
					}
				})
			}
			if got := rc.waitClosed(); got != "" {
				t.Errorf("got %q before the close, want nothing", got)
			}
			wg.Wait()
		})
	}
}

func TestLaneShutdown(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/block" {
			laneEcho(w, r)
			return
		}
		laneTag(w)
		_, _ = io.WriteString(w, "part1,")
		w.(http.Flusher).Flush()
		entered <- struct{}{}
		<-release
		_, _ = io.WriteString(w, "part2")
	})
	unblock := sync.OnceFunc(func() { close(release) })
	shutdown := func(f *front, timeout time.Duration) <-chan error {
		errc := make(chan error, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			errc <- f.ln.Shutdown(ctx)
		}()
		return errc
	}
	waitEntered := func(t *testing.T) {
		t.Helper()
		select {
		case <-entered:
		case <-time.After(5 * time.Second):
			t.Fatal("the handler did not start")
		}
	}
	wait := func(t *testing.T, errc <-chan error, want error) {
		t.Helper()
		select {
		case err := <-errc:
			if !errors.Is(err, want) {
				t.Errorf("shutdown: %v, want %v", err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("shutdown did not return")
		}
	}

	t.Run("idle connection closed", func(t *testing.T) {
		f := newFront(t, h, config.ServerConfig{}, true)
		rc := dialRaw(t, f)
		rc.send(rawReq("GET", "/1"))
		rc.read("GET")
		errc := shutdown(f, 5*time.Second)
		if got := rc.waitClosed(); got != "" {
			t.Errorf("got %q before the close, want nothing", got)
		}
		wait(t, errc, nil)
		if c, err := net.DialTimeout("tcp", strings.TrimPrefix(f.URL, "http://"), time.Second); err == nil {
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(3 * time.Second))
			_, _ = io.WriteString(c, rawReq("GET", "/late"))
			if b, _ := io.ReadAll(c); len(b) > 0 {
				t.Errorf("a connection after shutdown was answered: %q", b)
			}
		}
	})

	t.Run("request in flight finishes", func(t *testing.T) {
		f := newFront(t, h, config.ServerConfig{}, true)
		t.Cleanup(unblock) // before the front's cleanup, which waits for it
		rc := dialRaw(t, f)
		rc.send(rawReq("GET", "/block"))
		waitEntered(t)
		errc := shutdown(f, 5*time.Second)
		eventually(t, "shutdown to start", f.ln.IsClosing)
		unblock()
		resp, body := rc.read("GET")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Lane") != "true" || body != "part1,part2" {
			t.Errorf("got %d lane=%q body %q, want the whole answer from the lane", resp.StatusCode, resp.Header.Get("X-Lane"), body)
		}
		if got := rc.waitClosed(); got != "" {
			t.Errorf("got %q after the answer, want the connection closed", got)
		}
		wait(t, errc, nil)
	})

	t.Run("timeout closes what is left", func(t *testing.T) {
		release2 := make(chan struct{})
		// Like http.Server.Shutdown, shutdown returns ctx's error when ctx
		// ends; Server.drain relies on that to bound a drain by
		// shutdown_timeout. The handler honours its context, as the
		// proxy's does, yet a quiet stream keeps it waiting.
		f := newFront(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
			entered <- struct{}{}
			select {
			case <-r.Context().Done():
			case <-release2:
			}
		}), config.ServerConfig{}, true)
		t.Cleanup(func() { close(release2) })
		rc := dialRaw(t, f)
		rc.send(rawReq("GET", "/stuck"))
		waitEntered(t)
		errc := shutdown(f, 100*time.Millisecond)
		rc.waitClosed()
		wait(t, errc, context.DeadlineExceeded)
	})
}

func TestLanePanics(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/abort-mid-body":
			_, _ = io.WriteString(w, "partial")
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		case "/abort":
			panic(http.ErrAbortHandler)
		case "/boom":
			_, _ = io.WriteString(w, "partial")
			panic("boom")
		}
		laneEcho(w, r)
	})
	f := newFront(t, h, config.ServerConfig{}, true)
	tests := []struct {
		path     string
		wantHead bool // the status line and headers went out before the panic
	}{
		{"/abort-mid-body", true},
		{"/abort", false},
		{"/boom", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rc := dialRaw(t, f)
			rc.send(rawReq("GET", tt.path))
			resp, err := http.ReadResponse(rc.br, &http.Request{Method: "GET"})
			switch {
			case tt.wantHead && err != nil:
				t.Fatalf("read response head: %v", err)
			case tt.wantHead:
				if body, err := io.ReadAll(resp.Body); err == nil {
					t.Errorf("got a complete body %q, want it cut", body)
				}
			case err == nil:
				t.Fatalf("got a response %d, want the connection closed", resp.StatusCode)
			}
			rc.waitClosed()
			// The server goes on serving.
			rc2 := dialRaw(t, f)
			rc2.send(rawReq("GET", "/after"))
			if resp, body := rc2.read("GET"); resp.Header.Get("X-Lane") != "true" || body != "GET /after 0 0" {
				t.Errorf("after the panic: got lane=%q body %q", resp.Header.Get("X-Lane"), body)
			}
		})
	}
}

func TestLaneConnectionClose(t *testing.T) {
	f := newFront(t, http.HandlerFunc(laneEcho), config.ServerConfig{}, true)
	for _, tt := range []struct{ name, send string }{
		{"close", rawReq("GET", "/bye", "Connection: close")},
		{"Close, with a request pipelined behind", rawReq("GET", "/bye", "Connection: Close") + rawReq("GET", "/never")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rc := dialRaw(t, f)
			rc.send(tt.send)
			resp, body := rc.read("GET")
			if !resp.Close || resp.Header.Get("X-Lane") != "true" || body != "GET /bye 0 0" {
				t.Errorf("got close=%v lane=%q body %q, want Connection: close from the lane", resp.Close, resp.Header.Get("X-Lane"), body)
			}
			if got := rc.waitClosed(); got != "" {
				t.Errorf("got %q after a Connection: close answer, want the connection closed", got)
			}
		})
	}
}

func TestLaneProxyForwarding(t *testing.T) {
	mono := newUpstream(t, "monolith")
	ctx, cancel := context.WithCancel(context.Background())
	p, err := NewProxy(ctx, parseConfig(t, fmt.Sprintf("listen: 127.0.0.1:0\nadmin: 127.0.0.1:1\nbackends:\n  monolith: {url: %s}\ndefault: monolith\n", mono.URL)),
		Options{Logger: discardLogger(), Registry: prometheus.NewRegistry(), StateFile: "-"})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	// As startProxy, with X-Lane telling which server took each request.
	f := newFront(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		laneTag(w)
		p.ServeHTTP(w, r)
	}), p.Table().Config.Server, true)
	t.Cleanup(func() { f.Close(); p.Close(); cancel() })

	hop := []string{"Keep-Alive: timeout=5", "Proxy-Authorization: Basic eDp5", "Proxy-Connection: keep-alive", "Te: gzip"}
	spoof := []string{"X-Forwarded-For: 203.0.113.9", "X-Forwarded-Host: evil.test", "X-Forwarded-Proto: https"}
	rc := dialRaw(t, f)
	for _, tt := range []struct {
		name   string
		fields []string
	}{
		{"hop-by-hop", append([]string{"X-Keep: yes"}, hop...)},
		{"spoofed X-Forwarded", append([]string{"X-Keep: yes", "Connection: keep-alive"}, spoof...)},
		{"both", append(append([]string{"X-Keep: yes"}, hop...), spoof...)},
	} {
		rc.send(rawReq("GET", "/echo", tt.fields...))
		resp, body := rc.read("GET")
		var got echo
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%s: %d %q: %v", tt.name, resp.StatusCode, body, err)
		}
		if resp.Header.Get("X-Lane") != "true" {
			t.Errorf("%s: not served by the lane", tt.name)
		}
		want := map[string]string{"X-Forwarded-For": "127.0.0.1", "X-Forwarded-Host": "lane.test", "X-Forwarded-Proto": "http", "X-Keep": "yes"}
		for k, v := range want {
			if vv := got.Header[k]; len(vv) != 1 || vv[0] != v {
				t.Errorf("%s: backend got %s %q, want %q", tt.name, k, vv, v)
			}
		}
		for _, k := range []string{"Keep-Alive", "Proxy-Authorization", "Proxy-Connection", "Te"} {
			if vv, ok := got.Header[k]; ok {
				t.Errorf("%s: hop-by-hop %s %q reached the backend", tt.name, k, vv)
			}
		}
		if got.Host != "lane.test" {
			t.Errorf("%s: backend got Host %q, want lane.test", tt.name, got.Host)
		}
	}
}
