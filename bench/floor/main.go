// Command floor is the baseline that bench/analyze.sh measures ficus against:
// a plain packages.Load of the same packages, doing no analysis at all.
//
// Usage:
//
//	floor [-mode types|syntax] [-dir DIR] [PATTERNS...]
//
// Mode types asks for NeedName|NeedTypes: types from the compiler's export
// data, the cheapest way to get types for a module's packages (on a cold
// build cache the go command compiles every package to produce it). Mode
// syntax adds NeedImports|NeedSyntax|NeedTypesInfo: the packages named by the
// patterns are parsed and type-checked from source, their dependencies come
// from export data. That is the least any analysis that reads function bodies
// must load, so it is the floor ficus is judged against.
//
// It prints one line to stdout: the mode, the number of packages the patterns
// matched, how many of them carry errors, and the elapsed time.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/tools/go/packages"
)

// modes maps a -mode value to what packages.Load is asked for.
func modes(name string) (packages.LoadMode, bool) {
	switch name {
	case "types":
		return packages.NeedName | packages.NeedTypes, true
	case "syntax":
		return packages.NeedName | packages.NeedImports | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo, true
	}
	return 0, false
}

func main() {
	err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		// -h: the usage is printed already.
	case err != nil:
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
}

// run parses args, loads the packages and reports on stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	modeName := fs.String("mode", "syntax", "`MODE`: types (export data only) or syntax (type-checked syntax of the matched packages)")
	dir := fs.String("dir", "", "run the go command in `DIR` (default: the current directory)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	mode, ok := modes(*modeName)
	if !ok {
		return fmt.Errorf("unknown -mode %q: use types or syntax", *modeName)
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}

	start := time.Now()
	pkgs, err := packages.Load(&packages.Config{Context: ctx, Dir: *dir, Mode: mode}, patterns...)
	if err != nil {
		return fmt.Errorf("load %v in %q: %w", patterns, *dir, err)
	}
	elapsed := time.Since(start)

	// Broken packages are counted, not fatal: ficus reports them as data and
	// goes on, so the floor must load the same set.
	withErrors := 0
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			withErrors++
		}
	}
	fmt.Fprintf(stdout, "floor: mode=%s packages=%d with-errors=%d elapsed=%s\n",
		*modeName, len(pkgs), withErrors, elapsed.Round(time.Millisecond))
	return nil
}
