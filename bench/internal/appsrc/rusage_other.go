//go:build !unix

package appsrc

import "os"

// maxRSS is not measured where the system has no rusage.
func maxRSS(*os.ProcessState) int64 { return 0 }
