package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/config"
)

// Client talks to a running proxy's admin API.
type Client struct {
	base  string
	token string
	http  *http.Client
}

// NewClient returns a client of the admin API at addr: a URL, or a
// host:port reached over http (a wildcard host means this machine). token,
// when set, is sent as the bearer token that changes require; hc nil means
// a client with a 15-second timeout.
func NewClient(addr, token string, hc *http.Client) *Client {
	if !strings.Contains(addr, "://") {
		if host, port, err := net.SplitHostPort(addr); err == nil && (host == "" || host == "0.0.0.0" || host == "::") {
			addr = net.JoinHostPort("127.0.0.1", port)
		}
		addr = "http://" + addr
	}
	if hc == nil {
		hc = &http.Client{Timeout: 15 * time.Second}
	}
	return &Client{base: strings.TrimSuffix(addr, "/"), token: token, http: hc}
}

// Base is the admin API's base URL.
func (c *Client) Base() string { return c.base }

// Routes returns the live route table (GET /routes).
func (c *Client) Routes(ctx context.Context) (strangler.RoutesDoc, error) {
	var doc strangler.RoutesDoc
	err := c.do(ctx, http.MethodGet, "/routes", nil, &doc)
	return doc, err
}

// Parity returns the shadow comparison results (GET /parity).
func (c *Client) Parity(ctx context.Context) (strangler.ParityDoc, error) {
	var doc strangler.ParityDoc
	err := c.do(ctx, http.MethodGet, "/parity", nil, &doc)
	return doc, err
}

// Promote moves a route one stage, or one canary step, on. The proxy
// refuses to take a shadow route to canary when its parity evidence would
// not pass the parity gate (409, [strangler.ErrParityGate]'s message).
func (c *Client) Promote(ctx context.Context, route string) (strangler.RouteStatus, error) {
	return c.change(ctx, route, "promote", nil)
}

// ForcePromote is Promote past a parity gate that would not pass.
func (c *Client) ForcePromote(ctx context.Context, route string) (strangler.RouteStatus, error) {
	return c.change(ctx, route, "promote", map[string]bool{"force": true})
}

// Rollback sends every request of a route back to the monolith.
func (c *Client) Rollback(ctx context.Context, route, reason string) (strangler.RouteStatus, error) {
	return c.change(ctx, route, "rollback", map[string]string{"reason": reason})
}

// SetMode puts a route in a lifecycle stage.
func (c *Client) SetMode(ctx context.Context, route string, m config.Mode, reason string) (strangler.RouteStatus, error) {
	return c.change(ctx, route, "mode", map[string]string{"mode": string(m), "reason": reason})
}

// SetWeight sets a route's live weight, in percent.
func (c *Client) SetWeight(ctx context.Context, route string, weight float64) (strangler.RouteStatus, error) {
	return c.change(ctx, route, "weight", map[string]float64{"weight": weight})
}

// Reload makes the proxy read its configuration file again and returns
// the new table's generation.
func (c *Client) Reload(ctx context.Context) (uint64, error) {
	var out struct {
		Generation uint64 `json:"generation"`
	}
	err := c.do(ctx, http.MethodPost, "/reload", nil, &out)
	return out.Generation, err
}

func (c *Client) change(ctx context.Context, route, verb string, body any) (strangler.RouteStatus, error) {
	var st strangler.RouteStatus
	err := c.do(ctx, http.MethodPost, "/routes/"+url.PathEscape(route)+"/"+verb, body, &st)
	return st, err
}

// do sends a request with a JSON body (when in is not nil) and decodes the
// JSON answer into out.
func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("admin API: %w", err)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("admin API at %s: %w (is 'ficus proxy' running? pass --admin or --config)", c.base, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("admin API: read answer: %w", err)
	}
	if res.StatusCode/100 != 2 {
		var e struct {
			Error string `json:"error"`
		}
		_ = json.Unmarshal(data, &e)
		if e.Error == "" {
			e.Error = strings.TrimSpace(string(data))
		}
		if res.StatusCode == http.StatusUnauthorized && c.token == "" {
			e.Error += " (set FICUS_ADMIN_TOKEN or pass --admin-token-file)"
		}
		return fmt.Errorf("admin API: %s %s: %d: %s", method, path, res.StatusCode, e.Error)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("admin API: %s %s: %w", method, path, err)
	}
	return nil
}
