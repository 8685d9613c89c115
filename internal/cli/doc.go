// Package cli holds what the ficus binaries share: the App factory with its
// streams, logger and clock, usage and exit-code errors mapped to exit codes
// in one place, atomic output files, the version verb and the root command's
// set-up.
package cli
