package proxycli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/internal/cli"
	"github.com/ficus-dev/ficus/strangler/config"
)

// adminFlags locate a running proxy's admin API.
type adminFlags struct {
	Admin     string // URL or host:port; default from Config
	Config    string
	TokenFile string
}

func addAdminFlags(cmd *cobra.Command, f *adminFlags) {
	fl := cmd.Flags()
	fl.StringVar(&f.Admin, "admin", "", "admin API `address` (default: the admin address in --config, else "+config.DefaultAdmin+")")
	fl.StringVarP(&f.Config, "config", "c", "ficus-proxy.yaml", "configuration `file` that names the admin address")
	fl.StringVar(&f.TokenFile, "admin-token-file", "", "`file` holding the admin bearer token (default: $FICUS_ADMIN_TOKEN)")
}

// adminClient talks to a running proxy's admin API.
type adminClient struct {
	base  string
	token string
	http  *http.Client
}

// newAdminClient resolves the admin address: the flag, else the config
// file's admin setting, else the default.
func newAdminClient(ctx context.Context, f adminFlags) (*adminClient, error) {
	addr := f.Admin
	if addr == "" {
		addr = config.DefaultAdmin
		if _, err := os.Stat(f.Config); err == nil {
			cfg, err := config.Load(ctx, f.Config)
			if err != nil {
				return nil, fmt.Errorf("find the admin address: %w (or pass --admin)", err)
			}
			addr = cfg.Admin
		}
	}
	if !strings.Contains(addr, "://") {
		if host, port, err := net.SplitHostPort(addr); err == nil && (host == "" || host == "0.0.0.0" || host == "::") {
			addr = net.JoinHostPort("127.0.0.1", port)
		}
		addr = "http://" + addr
	}
	token, err := adminToken(f.TokenFile)
	if err != nil {
		return nil, err
	}
	return &adminClient{base: strings.TrimSuffix(addr, "/"), token: token, http: &http.Client{Timeout: 15 * time.Second}}, nil
}

// do sends a request with a JSON body (when in is not nil) and decodes the
// JSON answer into out.
func (c *adminClient) do(ctx context.Context, method, path string, in, out any) error {
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

// routeArg checks that a verb got exactly one route name.
func routeArg(verb string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return cli.Usagef("%s takes one route name, got %d arguments (list them with 'ficus proxy status')", verb, len(args))
		}
		return nil
	}
}
