// Package platform is code every service links.
package platform

// Requests counts requests; both services write it.
var Requests int

// Version is read everywhere and written nowhere.
var Version = "1"

// Mode is written by orders only and read by billing.
var Mode string

// Sessions is a global map both services use.
var Sessions = map[string]string{}
