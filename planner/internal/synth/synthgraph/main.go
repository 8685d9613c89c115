// Command synthgraph writes a generated ficus.graph/v1 document of a
// layered monolith with about -edges edges, for bench/plan.sh.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/ficus-dev/ficus/planner/internal/synth"
)

func main() {
	edges := flag.Int("edges", 1000000, "number of edges")
	seed := flag.Uint64("seed", 1, "generator seed")
	out := flag.String("o", "", "write to `FILE` instead of stdout")
	flag.Parse()
	if err := write(*out, *seed, *edges); err != nil {
		fmt.Fprintln(os.Stderr, "synthgraph:", err)
		os.Exit(1)
	}
}

func write(path string, seed uint64, edges int) error {
	f := os.Stdout
	if path != "" {
		var err error
		if f, err = os.Create(path); err != nil {
			return err
		}
		defer f.Close()
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := json.NewEncoder(w).Encode(synth.Generate(seed, edges)); err != nil {
		return err
	}
	return w.Flush()
}
