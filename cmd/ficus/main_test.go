package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ficus": func() {
			os.Exit(run(context.Background(), os.Args[1:], newStreams(os.Stdin, os.Stdout, os.Stderr)))
		},
	})
}

// TestScripts runs the CLI scripts in testdata/script; each is a txtar
// archive of commands and the files they work on.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// The analyzer runs the go command; give it the caller's caches
			// so fixtures load without network.
			for _, k := range []string{"GOPATH", "GOMODCACHE", "GOCACHE", "GOFLAGS", "GOPROXY", "HOME"} {
				if v, ok := os.LookupEnv(k); ok {
					env.Setenv(k, v)
				}
			}
			return nil
		},
	})
}
