package admin

import (
	"context"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/config"
)

func TestNewClientAddress(t *testing.T) {
	tests := []struct {
		addr, wantBase string
	}{
		{"127.0.0.1:9901", "http://127.0.0.1:9901"},
		{":9901", "http://127.0.0.1:9901"},
		{"0.0.0.0:9901", "http://127.0.0.1:9901"},
		{"[::]:9901", "http://127.0.0.1:9901"},
		{"admin.internal:9901", "http://admin.internal:9901"},
		{"https://admin.example.com/", "https://admin.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := NewClient(tt.addr, "", nil).Base(); got != tt.wantBase {
				t.Errorf("Base() = %q, want %q", got, tt.wantBase)
			}
		})
	}
}

// TestClientAgainstServer drives every client call against a live admin
// API.
func TestClientAgainstServer(t *testing.T) {
	ctx := context.Background()
	f := start(t, lifecycleConfig(backend(t, "monolith"), backend(t, "orders")), Options{Token: testToken})
	c := NewClient(f.admin, testToken, nil)

	doc, err := c.Routes(ctx)
	if err != nil || doc.Schema != strangler.RoutesSchema || len(doc.Routes) != 1 || doc.Routes[0].Mode != config.ModeMonolith {
		t.Fatalf("Routes() = %+v, %v", doc, err)
	}
	steps := []struct {
		name       string
		call       func() (strangler.RouteStatus, error)
		wantMode   config.Mode
		wantWeight float64
	}{
		{"promote", func() (strangler.RouteStatus, error) { return c.Promote(ctx, "orders") }, config.ModeShadow, 0},
		{"set mode", func() (strangler.RouteStatus, error) { return c.SetMode(ctx, "orders", config.ModeCanary, "") }, config.ModeCanary, 1},
		{"set weight", func() (strangler.RouteStatus, error) { return c.SetWeight(ctx, "orders", 12.5) }, config.ModeCanary, 12.5},
		{"rollback", func() (strangler.RouteStatus, error) { return c.Rollback(ctx, "orders", "pager") }, config.ModeMonolith, 0},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			st, err := s.call()
			if err != nil {
				t.Fatal(err)
			}
			if st.Name != "orders" || st.Mode != s.wantMode || st.Weight != s.wantWeight {
				t.Errorf("got %s %s %g, want orders %s %g", st.Name, st.Mode, st.Weight, s.wantMode, s.wantWeight)
			}
		})
	}
	if gen, err := c.Reload(ctx); err != nil || gen != 2 {
		t.Errorf("Reload() = %d, %v; want generation 2", gen, err)
	}
	if pd, err := c.Parity(ctx); err != nil || pd.Schema != strangler.ParitySchema {
		t.Errorf("Parity() = %+v, %v", pd, err)
	}

	errTests := []struct {
		name    string
		call    func() error
		wantErr []string
	}{
		{"unknown route", func() error { _, err := c.Promote(ctx, "nope"); return err }, []string{"POST /routes/nope/promote: 404", "unknown route"}},
		{"no token", func() error { _, err := NewClient(f.admin, "", nil).Promote(ctx, "orders"); return err }, []string{"401", "set FICUS_ADMIN_TOKEN or pass --admin-token-file"}},
		{"proxy down", func() error { _, err := NewClient("127.0.0.1:1", "", nil).Routes(ctx); return err }, []string{"admin API at http://127.0.0.1:1", "is 'ficus proxy' running?"}},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
		})
	}
}
