package proxycli

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/internal/cli"
	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/admin"
	"github.com/ficus-dev/ficus/strangler/config"
)

// startTestProxy serves a one-route config with its admin API on 127.0.0.1
// and returns the admin URL and a token file.
func startTestProxy(t *testing.T) (adminURL, tokenFile string) {
	t.Helper()
	mono := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"name":"monolith"}`))
	}))
	t.Cleanup(mono.Close)
	cfg, err := config.Parse("mem.yaml", fmt.Appendf(nil, `
backends: {monolith: {url: %q}, orders: {url: %q}}
default: monolith
routes: [{name: orders, match: {path: "/orders/"}, to: orders, mode: monolith, fallback: monolith}]
`, mono.URL, mono.URL))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p, err := strangler.NewProxy(ctx, cfg, strangler.Options{Logger: slog.New(slog.DiscardHandler), Registry: prometheus.NewRegistry(), StateFile: "-"})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	adm := httptest.NewServer(admin.New(p, admin.Options{Token: "tok"}))
	t.Cleanup(func() { adm.Close(); p.Close(); cancel() })
	tokenFile = filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("tok\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return adm.URL, tokenFile
}

func TestProxyLifecycleVerbs(t *testing.T) {
	adminURL, token := startTestProxy(t)
	t.Setenv("FICUS_ADMIN_TOKEN", "")
	auth := []string{"--admin", adminURL, "--admin-token-file", token}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // a regular expression
		wantStderr string
	}{
		{"status", []string{"proxy", "status", "--admin", adminURL}, 0, `(?m)^orders +monolith +0% +- +orders`, ""},
		{"promote", append([]string{"proxy", "promote", "orders"}, auth...), 0, `^orders: shadow, weight 0%`, ""},
		{"promote without evidence", append([]string{"proxy", "promote", "orders"}, auth...), 1, ``, `409: .*parity gate would not pass: 0 shadowed requests compared, \d+ needed`},
		{"promote again", append([]string{"proxy", "promote", "orders", "--force"}, auth...), 0, `^orders: canary, weight 1%`, ""},
		{"canary step", []string{"proxy", "status", "--admin", adminURL}, 0, `(?m)^orders +canary +1% +1/5`, ""},
		{"rollback", append([]string{"proxy", "rollback", "orders", "--reason", "slow"}, auth...), 0, `^orders: monolith, weight 0%`, ""},
		{"rollback noted", []string{"proxy", "status", "--admin", adminURL}, 0, `rolled back .*: slow`, ""},
		{"status json", []string{"proxy", "status", "--admin", adminURL, "--json"}, 0, `"schema": "ficus.proxy.routes/v1"`, ""},
		{"parity empty", []string{"proxy", "parity", "--admin", adminURL}, 0, `no shadow results yet`, ""},
		{"parity json", []string{"proxy", "parity", "--admin", adminURL, "--json"}, 0, `"schema": "ficus.proxy.parity/v1"`, ""},
		{"unknown route", append([]string{"proxy", "promote", "nope"}, auth...), 1, ``, `404: .*unknown route "nope"`},
		{"no token", []string{"proxy", "promote", "orders", "--admin", adminURL}, 1, ``, `401.*set FICUS_ADMIN_TOKEN`},
		{"no route", []string{"proxy", "promote"}, 2, ``, `promote takes one route name`},
		{"proxy down", []string{"proxy", "status", "--admin", "127.0.0.1:1"}, 1, ``, `is 'ficus proxy' running\?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runProxyCmd(context.Background(), tt.args[1:], cli.Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out.String(), errb.String())
			}
			if !regexp.MustCompile(tt.wantStdout).MatchString(out.String()) {
				t.Errorf("stdout does not match %q:\n%s", tt.wantStdout, out.String())
			}
			if tt.wantStderr != "" && !regexp.MustCompile(tt.wantStderr).MatchString(errb.String()) {
				t.Errorf("stderr does not match %q:\n%s", tt.wantStderr, errb.String())
			}
		})
	}
}

// runProxyCmd runs the proxy verb as a binary's root, as ficus-proxy does.
func runProxyCmd(ctx context.Context, args []string, s cli.Streams) int {
	a := cli.NewApp(s, false)
	root := NewCommand(a)
	cli.SetupRoot(root, a)
	return cli.Run(ctx, root, args, s)
}
