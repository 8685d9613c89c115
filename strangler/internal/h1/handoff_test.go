package h1

import (
	"net"
	"testing"
	"time"
)

// TestHandOffKeepsHeadDeadline: a head too long for the lane, read slowly,
// gets what is left of read_header_timeout under net/http, not a second
// timeout: the first deadline net/http sets is clamped to the lane's.
func TestHandOffKeepsHeadDeadline(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	client, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	server, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	pc := &prefixConn{Conn: server, head: time.Now().Add(50 * time.Millisecond)}
	defer pc.Close()
	_ = pc.SetReadDeadline(time.Now().Add(time.Hour)) // net/http's header deadline
	done := make(chan error, 1)
	go func() { _, err := pc.Read(make([]byte, 1)); done <- err }()
	select {
	case err := <-done:
		if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
			t.Fatalf("read ended with %v, want a timeout", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the lane's head deadline did not hold")
	}
	// Later deadlines (the next requests') pass through.
	_ = pc.SetReadDeadline(time.Time{})
	go func() { _, err := pc.Read(make([]byte, 1)); done <- err }()
	_, _ = client.Write([]byte("x"))
	if err := <-done; err != nil {
		t.Fatalf("read after the clamp: %v", err)
	}
}
