// Package billing charges.
package billing

import (
	"sync"

	"example.com/state/platform"
)

// Conn is a connection.
type Conn struct{ N int }

// Default is built once and shared.
var Default *Conn

var once sync.Once

// Get returns the shared connection.
func Get() *Conn {
	once.Do(func() {
		Default = &Conn{N: 1}
	})
	return Default
}

// Charge charges.
func Charge(id string) {
	platform.Requests += 2
	if platform.Mode == platform.Version {
		platform.Sessions[id] = "charged"
	}
}
