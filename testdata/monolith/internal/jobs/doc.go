// Package jobs holds the shop's background jobs, one type per area. Each
// type registers its jobs on the platform scheduler with Register; the jobs
// themselves only call services.
package jobs
