package strangler

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

// Server runs a Proxy on its listeners: the proxy port, the admin port, hot
// reload on file change and on signal, and a graceful drain when its
// context ends.
type Server struct {
	// Proxy serves the proxy listener.
	Proxy *Proxy
	// Admin serves the admin listener (package admin). Its readiness should
	// consult [Server.Ready].
	Admin http.Handler
	// Logger receives lifecycle events.
	Logger *slog.Logger
	// Watch reloads the configuration file when its content changes.
	Watch bool
	// Debounce coalesces bursts of file events; 0 means 200ms.
	Debounce time.Duration
	// Signals triggers a reload for every value received (SIGHUP).
	Signals <-chan os.Signal
	// Started, when set, is called once both listeners accept connections.
	Started func(proxy, admin net.Addr)

	draining atomic.Bool
	certs    certCache
}

// Ready reports whether the proxy should get traffic: false while draining.
func (s *Server) Ready() bool { return !s.draining.Load() }

// Run listens on the configured addresses and serves until ctx ends, then
// drains.
func (s *Server) Run(ctx context.Context) error {
	cfg := s.Proxy.Table().Config
	var lc net.ListenConfig
	pl, err := lc.Listen(ctx, "tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("strangler: listen: %w", err)
	}
	al, err := lc.Listen(ctx, "tcp", cfg.Admin)
	if err != nil {
		_ = pl.Close()
		return fmt.Errorf("strangler: admin listen: %w", err)
	}
	return s.Serve(ctx, pl, al)
}

// Serve serves on the given listeners until ctx ends, then drains: it
// reports not ready, waits the drain delay so load balancers notice, stops
// accepting, and waits up to the shutdown timeout for requests in flight
// (streams and websockets included) before closing what is left.
func (s *Server) Serve(ctx context.Context, proxyLn, adminLn net.Listener) error {
	cfg := s.Proxy.Table().Config
	sc := cfg.Server
	errLog := slog.NewLogLogger(s.Logger.Handler(), slog.LevelDebug)
	ps := &http.Server{
		Handler:           s.Proxy,
		ReadHeaderTimeout: sc.ReadHeaderTimeout.D(),
		ReadTimeout:       sc.ReadTimeout.D(),
		WriteTimeout:      sc.WriteTimeout.D(),
		IdleTimeout:       sc.IdleTimeout.D(),
		MaxHeaderBytes:    int(sc.MaxHeaderBytes),
		ErrorLog:          errLog,
		Protocols:         new(http.Protocols),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ps.Protocols.SetHTTP1(true)
	if sc.TLS.CertFile != "" {
		ps.Protocols.SetHTTP2(true)
		ps.TLSConfig = &tls.Config{
			MinVersion:     tls.VersionTLS12,
			GetCertificate: s.certs.get(s.Proxy),
			NextProtos:     []string{"h2", "http/1.1"},
		}
		// The listener terminates TLS so that HTTP/1.1 over TLS gets the
		// framing checks cleartext gets; net/http sees those connections
		// as plain ones, and their TLS state comes back through the context.
		ps.ConnContext = h1.TLSConnContext
		ps.Handler = h1.TLSHandler(s.Proxy)
		if _, err := s.certs.get(s.Proxy)(nil); err != nil {
			return err
		}
	} else if sc.H2C {
		ps.Protocols.SetUnencryptedHTTP2(true)
	}
	as := &http.Server{
		Handler:           s.Admin,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       sc.IdleTimeout.D(),
		ErrorLog:          errLog,
	}

	// Plain HTTP/1.1 requests take the lane; it hands the rest to ps.
	var ln *h1.Lane
	if ps.TLSConfig == nil && sc.FastPathEnabled() {
		ln = h1.NewLane(ctx, s.Proxy, ps, sc, s.Logger, proxyLn.Addr())
	}

	var wg sync.WaitGroup
	errc := make(chan error, 3)
	serve := func(srv *http.Server, ln net.Listener) {
		wg.Go(func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- err
			}
		})
	}
	if ln != nil {
		serve(ps, ln.Handoff())
		wg.Go(func() {
			if err := ln.Serve(proxyLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- err
			}
		})
	} else if ps.TLSConfig == nil {
		serve(ps, h1.GuardedListener{Listener: proxyLn}) // the lane guards what it hands off
	} else {
		serve(ps, h1.NewTLSListener(proxyLn, ps.TLSConfig, tlsHandshakeTimeout(sc)))
	}
	serve(as, adminLn)
	bg, stopBg := context.WithCancel(ctx)
	defer stopBg()
	s.background(bg, &wg, cfg.File())
	s.Logger.Info("proxy serving", "listen", proxyLn.Addr().String(), "admin", adminLn.Addr().String(),
		"config", cfg.File(), "routes", len(s.Proxy.Table().Routes))
	if s.Started != nil {
		s.Started(proxyLn.Addr(), adminLn.Addr())
	}

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
		s.Logger.Error("listener failed; shutting down", "err", serveErr)
	}
	stopBg()
	err := s.drain(ps, as, ln, sc)
	wg.Wait()
	s.Proxy.Close()
	return errors.Join(serveErr, err)
}

// background runs the file watcher and the signal loop.
func (s *Server) background(ctx context.Context, wg *sync.WaitGroup, file string) {
	reload := func(ctx context.Context) { _ = s.Proxy.Reload(ctx) }
	if s.Watch && file != "" {
		debounce := s.Debounce
		if debounce <= 0 {
			debounce = 200 * time.Millisecond
		}
		fw, err := newFileWatcher(file)
		if err != nil {
			s.Logger.Warn("not watching the config file; reload with SIGHUP or POST /reload", "err", err)
		} else {
			wg.Go(func() { fw.run(ctx, debounce, s.Logger, reload) })
		}
	}
	if s.Signals != nil {
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case <-s.Signals:
					s.Logger.Info("reload requested by signal")
					reload(ctx)
				}
			}
		})
	}
}

func (s *Server) drain(ps, as *http.Server, ln *h1.Lane, sc config.ServerConfig) error {
	s.draining.Store(true)
	s.Logger.Info("draining", "delay", sc.DrainDelay.String(), "timeout", sc.ShutdownTimeout.String())
	time.Sleep(sc.DrainDelay.D())
	ctx, cancel := context.WithTimeout(context.Background(), sc.ShutdownTimeout.D())
	defer cancel()
	var laneErr error
	var laneDone sync.WaitGroup
	if ln != nil {
		laneDone.Go(func() { laneErr = ln.Shutdown(ctx) })
	}
	err := ps.Shutdown(ctx)
	laneDone.Wait()
	err = errors.Join(err, laneErr)
	if err == nil {
		// Shutdown does not wait for hijacked connections (websockets).
		err = s.Proxy.Wait(ctx)
	}
	if err != nil {
		s.Logger.Warn("shutdown timeout: closing the connections left", "err", err)
		_ = ps.Close()
		err = fmt.Errorf("strangler: drain did not finish within server.shutdown_timeout (%s); connections left were closed: %w", sc.ShutdownTimeout, err)
	}
	_ = as.Shutdown(ctx)
	_ = as.Close()
	s.Logger.Info("stopped")
	return err
}

// certCache loads the listener's certificate from the files named in the
// current table, again after every reload, so certificates can rotate.
type certCache struct {
	mu   sync.Mutex
	gen  uint64
	cert *tls.Certificate
}

func (c *certCache) get(p *Proxy) func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
		t := p.Table()
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.cert != nil && c.gen == t.Generation {
			return c.cert, nil
		}
		tc := t.Config.Server.TLS
		cert, err := tls.LoadX509KeyPair(tc.CertFile, tc.KeyFile)
		if err != nil {
			if c.cert != nil {
				return c.cert, nil // keep serving the last good certificate
			}
			return nil, fmt.Errorf("strangler: load TLS certificate: %w", err)
		}
		c.cert, c.gen = &cert, t.Generation
		return c.cert, nil
	}
}

// tlsHandshakeTimeout bounds a TLS handshake as net/http does: the
// shortest of the read-header, read and write timeouts that are set.
func tlsHandshakeTimeout(sc config.ServerConfig) time.Duration {
	var d time.Duration
	for _, t := range []time.Duration{sc.ReadHeaderTimeout.D(), sc.ReadTimeout.D(), sc.WriteTimeout.D()} {
		if t > 0 && (d == 0 || t < d) {
			d = t
		}
	}
	return d
}
