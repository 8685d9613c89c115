package strangler

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

// front serves a handler on 127.0.0.1 the way Server does: plain HTTP/1.1
// requests on the lane, the rest handed to net/http. With fast false, every
// request goes to net/http.
type front struct {
	URL   string
	stop  context.CancelFunc
	done  chan struct{}
	ln    *h1.Lane
	srv   *http.Server
	close func()
}

func newFront(tb testing.TB, h http.Handler, sc config.ServerConfig, fast bool) *front {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	f := &front{URL: "http://" + l.Addr().String(), stop: cancel, done: make(chan struct{}), srv: srv}
	if sc.ReadHeaderTimeout == 0 {
		sc.ReadHeaderTimeout = config.Duration(10 * time.Second)
	}
	if sc.IdleTimeout == 0 {
		sc.IdleTimeout = config.Duration(time.Minute)
	}
	var served []chan struct{}
	run := func(fn func() error) {
		ch := make(chan struct{})
		served = append(served, ch)
		go func() {
			defer close(ch)
			if err := fn(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				tb.Errorf("front: %v", err)
			}
		}()
	}
	if fast {
		f.ln = h1.NewLane(ctx, h, srv, sc, discardLogger(), l.Addr())
		run(func() error { return srv.Serve(f.ln.Handoff()) })
		run(func() error { return f.ln.Serve(l) })
	} else {
		run(func() error { return srv.Serve(h1.GuardedListener{Listener: l}) })
	}
	var once bool
	f.close = func() {
		if once {
			return
		}
		once = true
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		if f.ln != nil {
			_ = f.ln.Shutdown(sctx)
		}
		_ = srv.Shutdown(sctx)
		_ = srv.Close()
		cancel()
		for _, ch := range served {
			<-ch
		}
	}
	tb.Cleanup(f.close)
	return f
}

// Close stops the front and waits for its connections.
func (f *front) Close() { f.close() }
