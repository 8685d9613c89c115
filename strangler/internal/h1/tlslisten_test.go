package h1

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"testing"
	"time"
)

// startTLSListener serves TLS on 127.0.0.1 with httptest's certificate.
func startTLSListener(t *testing.T, timeout time.Duration) *TLSListener {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	srv.StartTLS()
	certs := srv.TLS.Certificates
	srv.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tl := NewTLSListener(l, &tls.Config{Certificates: certs, NextProtos: []string{"h2", "http/1.1"}}, timeout)
	t.Cleanup(func() { _ = tl.Close() })
	return tl
}

// acceptOne accepts one connection on its own goroutine: the listener
// handshakes only once something accepts.
func acceptOne(tl *TLSListener) <-chan acceptResult {
	ch := make(chan acceptResult, 1)
	go func() {
		c, err := tl.Accept()
		ch <- acceptResult{c, err}
	}()
	return ch
}

// dialTLS completes a handshake offering protos; the certificate is not
// what these tests check.
func dialTLS(t *testing.T, addr string, protos ...string) *tls.Conn {
	t.Helper()
	c, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true, NextProtos: protos})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestTLSListenerGuardsHTTP1AndPassesHTTP2(t *testing.T) {
	tl := startTLSListener(t, 5*time.Second)
	addr := tl.Addr().String()
	tests := []struct {
		protos      []string
		wantGuarded bool
	}{
		{[]string{"http/1.1"}, true},
		{nil, true}, // no ALPN: HTTP/1.1
		{[]string{"h2", "http/1.1"}, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.protos), func(t *testing.T) {
			accepted := acceptOne(tl)
			dialTLS(t, addr, tt.protos...)
			r := <-accepted
			if r.err != nil {
				t.Fatal(r.err)
			}
			c := r.c
			defer c.Close()
			_, guarded := c.(*guardedTLSConn)
			if _, plain := c.(*tls.Conn); guarded != tt.wantGuarded || plain == tt.wantGuarded {
				t.Errorf("accepted a %T, want guarded %v", c, tt.wantGuarded)
			}
		})
	}
}

// TestTLSListenerSlowHandshake: a client that never sends its hello holds
// up nobody, and is let go after the handshake timeout.
func TestTLSListenerSlowHandshake(t *testing.T) {
	tl := startTLSListener(t, 300*time.Millisecond)
	addr := tl.Addr().String()
	accepted := acceptOne(tl)
	stalled, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stalled.Close()
	dialTLS(t, addr, "http/1.1") // completes while the first one stalls
	if r := <-accepted; r.err != nil {
		t.Fatal(r.err)
	} else {
		_ = r.c.Close()
	}
	_ = stalled.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := stalled.Read(make([]byte, 1)); err == nil || IsTimeout(err) {
		t.Errorf("the stalled connection: read %v, want it closed by the listener", err)
	}
}

// TestTLSListenerClose: Close ends the handshakes in progress, even
// without a handshake timeout.
func TestTLSListenerClose(t *testing.T) {
	tl := startTLSListener(t, 0)
	accepted := acceptOne(tl)
	stalled, err := net.Dial("tcp", tl.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer stalled.Close()
	// Connections are accepted in order: once the next client is through,
	// the stalled one is in its handshake.
	dialTLS(t, tl.Addr().String(), "http/1.1")
	if r := <-accepted; r.err != nil {
		t.Fatal(r.err)
	} else {
		_ = r.c.Close()
	}
	if err := tl.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := tl.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after Close: %v, want net.ErrClosed", err)
	}
	_ = stalled.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := stalled.Read(make([]byte, 1)); IsTimeout(err) {
		t.Error("a handshake in progress outlived Close")
	}
}
