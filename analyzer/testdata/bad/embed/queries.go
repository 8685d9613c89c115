// Package queries embeds SQL files that are not there.
package queries

import _ "embed"

//go:embed sql/users.sql
var users string

// Users returns the users query.
func Users() string { return users }
