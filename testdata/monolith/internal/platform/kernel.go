package platform

import "log/slog"

// Kernel bundles the platform services every business service needs, so
// constructors take one argument instead of four.
type Kernel struct {
	Bus   *Bus
	Clock Clock
	IDs   IDGenerator
	Log   *slog.Logger
}
