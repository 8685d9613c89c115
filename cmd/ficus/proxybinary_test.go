package main

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	ficuscli "github.com/ficus-dev/ficus/internal/cli"
	"github.com/ficus-dev/ficus/internal/proxycli"
)

// TestProxyBinaryHasTheSameVerbs walks 'ficus proxy' and ficus-proxy and
// checks that every verb has the same path and flags in both, so the image
// can switch binaries without its arguments changing. Init and drift are
// in both but only ficus runs them.
func TestProxyBinaryHasTheSameVerbs(t *testing.T) {
	s := newStreams(nil, io.Discard, io.Discard)
	root := newRootCmd(s)
	proxy, _, err := root.Find([]string{"proxy"})
	if err != nil {
		t.Fatal(err)
	}
	standalone := proxycli.NewStandalone(ficuscli.NewApp(s, false))
	full, alone := verbs(proxy), verbs(standalone)
	for _, v := range []string{"init", "drift"} {
		if _, ok := full[v]; !ok {
			t.Errorf("ficus proxy %s is missing", v)
		}
		if _, ok := alone[v]; !ok {
			t.Errorf("ficus-proxy %s is missing: it should name the fix", v)
		}
		delete(full, v)
		delete(alone, v)
	}
	delete(alone, "version") // ficus has it at the top
	if diff := cmp.Diff(full, alone); diff != "" {
		t.Errorf("verbs and flags differ (-ficus proxy +ficus-proxy):\n%s", diff)
	}
	if len(full) < 7 {
		t.Errorf("found only %d verbs under ficus proxy: %v", len(full), full)
	}
}

// verbs maps each command under root, by its path below root ("" for
// root), to its flags, inherited ones included.
func verbs(root *cobra.Command) map[string][]string {
	out := map[string][]string{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" || c.Name() == "completion" {
			return
		}
		path := strings.TrimSpace(strings.TrimPrefix(c.CommandPath(), root.CommandPath()))
		var flags []string
		add := func(f *pflag.Flag) { flags = append(flags, "--"+f.Name+" -"+f.Shorthand+" "+f.DefValue) }
		c.LocalFlags().VisitAll(add)
		c.InheritedFlags().VisitAll(add)
		slices.Sort(flags)
		out[path] = slices.Compact(flags)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}
