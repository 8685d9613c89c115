package platform

import (
	"log/slog"
	"os"
)

// NewLogger returns the library's structured logger.
func NewLogger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(os.Stderr, nil))
}
