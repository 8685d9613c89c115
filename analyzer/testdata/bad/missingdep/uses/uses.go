// Package uses imports a module that cannot be downloaded.
package uses

import "github.com/not-there/nowhere"

// Ping forwards to the missing module.
func Ping() string { return nowhere.Ping() }
