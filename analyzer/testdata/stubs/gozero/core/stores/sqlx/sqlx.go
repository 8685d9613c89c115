// Package sqlx is a stand-in for github.com/zeromicro/go-zero/core/stores/sqlx
// with the signatures of its connection API.
package sqlx

import (
	"context"
	"database/sql"
)

// SqlConn is a database connection.
type SqlConn interface {
	ExecCtx(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowCtx(ctx context.Context, v any, query string, args ...any) error
	QueryRowsCtx(ctx context.Context, v any, query string, args ...any) error
}

// NewMysql returns a connection.
func NewMysql(datasource string) SqlConn { return nil }
