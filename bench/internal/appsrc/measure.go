package appsrc

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Measure runs the program bin with args in dir, as a user would (with
// the go.work of dir when it has one), and returns its wall time in
// seconds and its peak RSS in bytes (0 where the system does not say).
func Measure(ctx context.Context, dir, bin string, args ...string) (seconds float64, rss int64, err error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=")
	if dir != "" && FileExists(filepath.Join(dir, "go.work")) {
		cmd.Env = append(os.Environ(), "GOWORK="+filepath.Join(dir, "go.work"))
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s %s: %w\n%s", filepath.Base(bin), strings.Join(args, " "), err, LastLines(stderr.String(), 10))
	}
	return time.Since(start).Seconds(), maxRSS(cmd.ProcessState), nil
}
