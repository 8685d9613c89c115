// Command history writes a git fast-import stream of a synthetic Go
// module's history, for bench/history.sh: a module of -packages packages of
// -files files each, then -commits commits, each changing one to five files
// of one package (now and then one of another), one in a hundred a bulk
// commit of 80 files, their dates spread over -years years. The same
// -seed writes the same stream.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"
)

func main() {
	var o options
	flag.IntVar(&o.commits, "commits", 100000, "number of commits after the first")
	flag.IntVar(&o.packages, "packages", 40, "number of packages")
	flag.IntVar(&o.files, "files", 25, "files per package")
	flag.IntVar(&o.years, "years", 5, "years the history spans")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	if err := write(w, o); err != nil {
		fmt.Fprintln(os.Stderr, "history:", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "history:", err)
		os.Exit(1)
	}
}

type options struct {
	commits, packages, files, years int
	seed                            uint64
}

// write writes the stream: the first commit adds go.mod and every file,
// the others change files of the module.
func write(w io.Writer, o options) error {
	if o.commits < 0 || o.packages < 1 || o.files < 1 || o.years < 1 {
		return fmt.Errorf("-commits must be 0 or more, -packages, -files and -years 1 or more")
	}
	rng := rand.New(rand.NewPCG(o.seed, 0))
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	step := int64(o.years) * 365 * 24 * 3600 / int64(o.commits+1)
	version := 0
	file := func(p, f int) (string, string) {
		version++
		return fmt.Sprintf("p%02d/f%02d.go", p, f),
			fmt.Sprintf("package p%02d\n\n// F%02d is function %d of package %d, version %d.\nfunc F%02d() int { return %d }\n", p, f, f, p, version, f, version)
	}
	var files [][2]string
	files = append(files, [2]string{"go.mod", "module example.com/hist\n\ngo 1.22\n"})
	for p := range o.packages {
		for f := range o.files {
			path, body := file(p, f)
			files = append(files, [2]string{path, body})
		}
	}
	if err := commit(w, 1, start, "initial", files); err != nil {
		return err
	}
	for i := 1; i <= o.commits; i++ {
		files = files[:0]
		n := 1 + rng.IntN(5)
		bulk := rng.IntN(100) == 0
		if bulk {
			n = 80 // a formatting or renaming sweep over the module
		}
		p := rng.IntN(o.packages)
		for range n {
			q := p
			if bulk || rng.IntN(10) == 0 {
				q = rng.IntN(o.packages)
			}
			path, body := file(q, rng.IntN(o.files))
			files = append(files, [2]string{path, body})
		}
		if err := commit(w, i+1, start+int64(i)*step, fmt.Sprintf("change %d", i), files); err != nil {
			return err
		}
	}
	return nil
}

// commit writes one commit of the files, as mark n on refs/heads/main.
func commit(w io.Writer, n int, when int64, msg string, files [][2]string) error {
	if _, err := fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\ndata %d\n%s\n", n, when, len(msg), msg); err != nil {
		return err
	}
	if n > 1 {
		if _, err := fmt.Fprintf(w, "from :%d\n", n-1); err != nil {
			return err
		}
	}
	for _, f := range files {
		if _, err := fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", f[0], len(f[1]), f[1]); err != nil {
			return err
		}
	}
	return nil
}
