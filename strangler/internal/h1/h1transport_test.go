package h1

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func newTestH1(t *testing.T, h http.Handler) (*Transport, *httptest.Server, *atomic.Int64) {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	var conns atomic.Int64
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	std := &http.Transport{DialContext: (&net.Dialer{}).DialContext, ResponseHeaderTimeout: 2 * time.Second, IdleConnTimeout: time.Minute}
	tr := NewTransport(std, strings.TrimPrefix(srv.URL, "http://"), 8, 0)
	t.Cleanup(tr.CloseIdleConnections)
	return tr, srv, &conns
}

func doH1(t *testing.T, tr http.RoundTripper, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp, string(b)
}

func TestH1TransportReusesConnections(t *testing.T) {
	tr, srv, conns := newTestH1(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/chunked" {
			w.Header().Set("Trailer", "X-Sum")
			w.Write([]byte("a"))
			w.(http.Flusher).Flush()
			w.Write([]byte("b"))
			w.Header().Set("X-Sum", "2")
			return
		}
		fmt.Fprint(w, r.Method, " ", r.URL.Path)
	}))
	tests := []struct{ method, path, wantBody string }{
		{"GET", "/a", "GET /a"}, {"HEAD", "/a", ""}, {"DELETE", "/b", "DELETE /b"}, {"GET", "/chunked", "ab"}, {"OPTIONS", "/c", "OPTIONS /c"},
	}
	for i := range 3 {
		for _, tt := range tests {
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, nil)
			resp, body := doH1(t, tr, req)
			if body != tt.wantBody || resp.StatusCode != 200 {
				t.Fatalf("round %d %s %s: %d %q", i, tt.method, tt.path, resp.StatusCode, body)
			}
			if tt.path == "/chunked" && resp.Trailer.Get("X-Sum") != "2" {
				t.Errorf("trailer lost: %v", resp.Trailer)
			}
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for sequential requests, want 1", n)
	}
}

// waitIdleClosed waits until the pool's one idle connection sees the
// backend's close; the FIN arrives asynchronously.
func waitIdleClosed(t *testing.T, tr *Transport) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		tr.mu.Lock()
		closed := len(tr.idle) == 1 && !tr.idle[0].alive()
		tr.mu.Unlock()
		if closed {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the idle connection to close")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestH1TransportRetriesStaleConnection(t *testing.T) {
	tr, srv, conns := newTestH1(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	req, _ := http.NewRequest("GET", srv.URL+"/", nil)
	doH1(t, tr, req)
	// The backend drops its idle connections, as keep-alive timeouts do.
	srv.CloseClientConnections()
	waitIdleClosed(t, tr)
	if _, body := doH1(t, tr, req); body != "ok" {
		t.Errorf("GET on a stale connection: %q", body)
	}
	// A POST without a body is not retried, so it must get a live connection.
	srv.CloseClientConnections()
	waitIdleClosed(t, tr)
	post, _ := http.NewRequest("POST", srv.URL+"/", nil)
	if _, body := doH1(t, tr, post); body != "ok" {
		t.Errorf("POST after the backend closed idle connections: %q", body)
	}
	if n := conns.Load(); n != 3 {
		t.Errorf("%d connections, want 3", n)
	}
}

func TestH1TransportTimeoutAndCancel(t *testing.T) {
	release := make(chan struct{})
	tr, srv, _ := newTestH1(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer close(release)
	tr.timeout = 100 * time.Millisecond
	req, _ := http.NewRequest("GET", srv.URL+"/", nil)
	_, err := tr.RoundTrip(req)
	if !IsTimeout(err) {
		t.Errorf("slow backend: err = %v, want a timeout", err)
	}
	tr.timeout = 0
	ctx, cancel := context.WithCancel(context.Background())
	req, _ = http.NewRequestWithContext(ctx, "GET", srv.URL+"/", nil)
	errc := make(chan error, 1)
	go func() { _, err := tr.RoundTrip(req); errc <- err }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled request: err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("cancel did not interrupt the request")
	}
}

func TestH1TransportAbandonedBodyClosesConnection(t *testing.T) {
	tr, srv, conns := newTestH1(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 100000)))
	}))
	req, _ := http.NewRequest("GET", srv.URL+"/", nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Read(make([]byte, 10))
	resp.Body.Close()
	doH1(t, tr, req)
	if n := conns.Load(); n != 2 {
		t.Errorf("%d connections: a half-read connection must not be reused", n)
	}
}

func TestH1TransportInformational(t *testing.T) {
	tr, srv, _ := newTestH1(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "</style.css>; rel=preload")
		w.WriteHeader(http.StatusEarlyHints)
		fmt.Fprint(w, "final")
	}))
	var got []int
	trace := &httptrace.ClientTrace{Got1xxResponse: func(code int, _ textproto.MIMEHeader) error { got = append(got, code); return nil }}
	req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), "GET", srv.URL+"/", nil)
	resp, body := doH1(t, tr, req)
	if resp.StatusCode != 200 || body != "final" || len(got) != 1 || got[0] != 103 {
		t.Errorf("status %d body %q 1xx %v", resp.StatusCode, body, got)
	}
}

func TestH1TransportSendsOthersToStd(t *testing.T) {
	tr, srv, _ := newTestH1(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprint(w, string(b))
	}))
	tests := []struct {
		name string
		req  func() *http.Request
		want bool
	}{
		{"GET", func() *http.Request { r, _ := http.NewRequest("GET", srv.URL, nil); return r }, true},
		{"body", func() *http.Request { r, _ := http.NewRequest("POST", srv.URL, strings.NewReader("x")); return r }, false},
		{"upgrade", func() *http.Request {
			r, _ := http.NewRequest("GET", srv.URL, nil)
			r.Header.Set("Upgrade", "websocket")
			return r
		}, false},
		{"other host", func() *http.Request { r, _ := http.NewRequest("GET", "http://127.0.0.2:1/", nil); return r }, false},
	}
	for _, tt := range tests {
		if got := tr.eligible(tt.req()); got != tt.want {
			t.Errorf("%s: eligible = %v, want %v", tt.name, got, tt.want)
		}
	}
	req, _ := http.NewRequest("POST", srv.URL, strings.NewReader("payload"))
	if _, body := doH1(t, tr, req); body != "payload" {
		t.Errorf("body via std: %q", body)
	}
}

// TestH1TransportResponseWithoutLength reads a body delimited by the
// connection closing: the connection must not go back to the pool.
func TestH1TransportResponseWithoutLength(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				if _, err := http.ReadRequest(br); err != nil {
					return
				}
				io.WriteString(c, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil close")
			}()
		}
	}()
	std := &http.Transport{DialContext: (&net.Dialer{}).DialContext}
	tr := NewTransport(std, ln.Addr().String(), 8, 0)
	for range 2 {
		req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/", nil)
		if _, body := doH1(t, tr, req); body != "until close" {
			t.Fatalf("body %q", body)
		}
	}
	if len(tr.idle) != 0 {
		t.Errorf("a Connection: close response left %d pooled connections", len(tr.idle))
	}
}

func TestH1TransportDropsExpiredIdleConnections(t *testing.T) {
	tr, srv, conns := newTestH1(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	now := time.Now()
	tr.now = func() time.Time { return now } // it also sets deadlines, so start from now
	req, _ := http.NewRequest("GET", srv.URL+"/", nil)
	doH1(t, tr, req)
	now = now.Add(2 * tr.idleTimeout)
	// The pooled connection is too old: a new one is dialled, and the old
	// one is closed rather than kept.
	doH1(t, tr, req)
	if n := conns.Load(); n != 2 {
		t.Errorf("%d connections, want 2", n)
	}
	if len(tr.idle) != 1 {
		t.Errorf("%d idle connections, want 1", len(tr.idle))
	}
}
