package platform

import (
	"context"
	"database/sql"
	"fmt"
)

// OpenDB opens and pings the SQL database named by dsn using the registered
// database/sql driver. The shop binary links no driver of its own, so unless
// one is added to the build this fails with a message saying so.
func OpenDB(ctx context.Context, driver, dsn string) (*sql.DB, error) {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database with driver %q: %w (link a driver into the build, or omit -dsn for in-memory storage)", driver, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ping database: %w", err)
	}
	return db, nil
}
