//go:build unix

package appsrc

import (
	"os"
	"syscall"
)

// maxRSS is the peak resident set of a finished child in bytes: the
// largest of the child and the descendants it waited for (the go
// command that go/packages runs), as wait4 reports it.
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	return 0
}
