// Command startup runs a program several times and prints the median wall
// time and the largest peak RSS of its runs, read from the kernel's resource
// usage of each child, so that start-up costs of a few milliseconds can be
// compared (GNU time prints hundredths of a second).
//
//	startup [-runs N] [-fresh-tmp] PROGRAM [ARG...]
//
// prints one line: "MEDIAN_MS MAX_RSS_KB". With -fresh-tmp every run gets an
// empty TMPDIR of its own, so caches kept under the temporary directory
// start cold.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("runs", 10, "how many times to run the program")
	freshTmp := flag.Bool("fresh-tmp", false, "give every run an empty TMPDIR")
	flag.Parse()
	if flag.NArg() < 1 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: startup [-runs N] [-fresh-tmp] PROGRAM [ARG...]")
		os.Exit(2)
	}
	med, rss, err := measure(*runs, *freshTmp, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
	fmt.Printf("%.1f %d\n", float64(med.Microseconds())/1000, rss)
}

// measure runs argv runs times and returns the median wall time and the
// largest peak RSS in KiB.
func measure(runs int, freshTmp bool, argv []string) (time.Duration, int64, error) {
	var walls []time.Duration
	var maxRSS int64
	for range runs {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stderr = os.Stderr
		if freshTmp {
			dir, err := os.MkdirTemp("", "startup-tmp-")
			if err != nil {
				return 0, 0, err
			}
			defer os.RemoveAll(dir)
			cmd.Env = append(os.Environ(), "TMPDIR="+dir)
		}
		start := time.Now()
		err := cmd.Run()
		walls = append(walls, time.Since(start))
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", argv[0], err)
		}
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			return 0, 0, errors.New("no resource usage for the child on this system: run on Linux")
		}
		maxRSS = max(maxRSS, ru.Maxrss) // KiB on Linux
	}
	slices.Sort(walls)
	return walls[len(walls)/2], maxRSS, nil
}
