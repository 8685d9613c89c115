// Package services holds the shop's business logic, one service per area.
// Handlers reach services through the interfaces declared here; services
// reach storage through the repository interfaces and each other through
// these interfaces or events on the platform bus.
package services

import (
	"fmt"
	"strings"

	"example.com/shop/internal/platform"
)

// required reports platform.ErrInvalid naming the first empty field.
// Fields come in name, value pairs.
func required(fields ...string) error {
	for i := 0; i+1 < len(fields); i += 2 {
		if strings.TrimSpace(fields[i+1]) == "" {
			return fmt.Errorf("%w: %s is required", platform.ErrInvalid, fields[i])
		}
	}
	return nil
}
