package wasm

import "sync"

// loadOnce compiles and instantiates the module on first use. Upstream does
// this in a package init, which makes every program that links this package
// pay for it at start-up.
var loadOnce = sync.OnceValue(load)

// Load compiles and instantiates the Graphviz module and binds the enum
// values. It must be called before any other function of this package; calls
// after the first return the first call's result.
func Load() error { return loadOnce() }

// Loaded reports whether the module is instantiated.
func Loaded() bool { return mod != nil }
