package strangler

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// start launches the active health check, if one is configured. It stops
// when ctx ends or the backend is closed.
func (b *Backend) start(ctx context.Context, logger *slog.Logger) {
	h := b.cfg.Health
	if h == nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	b.stop = cancel
	go b.healthLoop(ctx, logger)
}

func (b *Backend) healthLoop(ctx context.Context, logger *slog.Logger) {
	h := b.cfg.Health
	client := &http.Client{
		Transport: b.transport,
		Timeout:   h.Timeout.D(),
		// A redirect is an answer: the backend is up.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	target := b.target.JoinPath(h.Path).String()
	passes, fails := 0, 0
	tick := time.NewTicker(h.Interval.D())
	defer tick.Stop()
	for {
		err := b.check(ctx, client, target)
		if ctx.Err() != nil {
			return
		}
		msg := ""
		if err != nil {
			msg = err.Error()
			passes, fails = 0, fails+1
		} else {
			passes, fails = passes+1, 0
		}
		b.lastCheck.Store(&msg)
		switch {
		case b.Healthy() && fails >= h.UnhealthyAfter:
			b.healthy.Store(false)
			logger.Warn("backend unhealthy", "backend", b.Name, "err", msg)
		case !b.Healthy() && passes >= h.HealthyAfter:
			b.healthy.Store(true)
			logger.Info("backend healthy", "backend", b.Name)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// check sends one health request; 2xx and 3xx pass.
func (b *Backend) check(ctx context.Context, client *http.Client, target string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	if b.cfg.HostHeader != "" {
		req.Host = b.cfg.HostHeader
	}
	req.Header.Set("User-Agent", "ficus-proxy-health")
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	if resp.StatusCode >= 400 {
		return fmt.Errorf("health check: status %d", resp.StatusCode)
	}
	return nil
}
