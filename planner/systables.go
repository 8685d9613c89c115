package planner

import "strings"

// isSystemTable reports tables that belong to the database or to a
// migration tool rather than to the app's business: the catalogs a code
// generator or an admin page reads (information_schema, pg_catalog,
// sqlite_master, SQL Server's sys schema, Oracle's dictionary views) and
// the bookkeeping tables migration tools write (schema_migrations,
// goose_db_version, gorp_migrations, flyway_schema_history...). Such a
// table anchors no service: the code that reads or writes it is technical
// code, placed by what else it touches.
func isSystemTable(name string) bool {
	n := strings.ToLower(strings.Trim(name, "`\"[] "))
	schema, table, qualified := strings.Cut(n, ".")
	if !qualified {
		table, schema = n, ""
	}
	switch schema {
	case "information_schema", "pg_catalog", "sys", "mysql", "performance_schema":
		return true
	}
	if strings.HasPrefix(table, "pg_") || strings.HasPrefix(table, "sqlite_") {
		return true
	}
	switch table {
	case "all_tables", "all_tab_columns", "all_col_comments", "all_constraints", "all_cons_columns",
		"all_users", "all_views", "user_tables", "user_tab_columns", "dba_tables":
		// Oracle's data dictionary
		return true
	}
	for _, suffix := range []string{"migration", "migrations", "migrations_lock", "db_version", "schema_history", "schema_version", "schema_lock"} {
		if table == suffix || strings.HasSuffix(table, "_"+suffix) {
			return true
		}
	}
	return false
}
