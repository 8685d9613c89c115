// Package repository persists the shop's records. Each area has a
// repository interface with two implementations: a SQL one over
// *database/sql.DB, used when the shop is started with -dsn, and an
// in-memory one, used by default and in tests.
//
// Both implementations keep the same table boundaries, including the places
// where one area reaches into another area's tables; AREAS.md lists them.
package repository

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"example.com/shop/internal/platform"
)

// notFound turns sql.ErrNoRows into platform.ErrNotFound and wraps any
// other error with the kind and id of the record that was read.
func notFound(err error, kind, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s %s: %w", kind, id, platform.ErrNotFound)
	}
	return fmt.Errorf("read %s %s: %w", kind, id, err)
}

// checkAffected reports platform.ErrNotFound when a write touched no row.
func checkAffected(res sql.Result, kind, id string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("write %s %s: %w", kind, id, err)
	}
	if n == 0 {
		return fmt.Errorf("%s %s: %w", kind, id, platform.ErrNotFound)
	}
	return nil
}

// timePtr converts a nullable timestamp column.
func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time
	return &v
}
