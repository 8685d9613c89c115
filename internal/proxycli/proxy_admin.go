package proxycli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/internal/cli"
	"github.com/ficus-dev/ficus/strangler/admin"
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

// newAdminClient resolves the admin address: the flag, else the config
// file's admin setting, else the default.
func newAdminClient(ctx context.Context, f adminFlags) (*admin.Client, error) {
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
	token, err := adminToken(f.TokenFile)
	if err != nil {
		return nil, err
	}
	return admin.NewClient(addr, token, nil), nil
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
