// Package platform is the library's shared kernel: configuration, the SQL
// handle, clock, ids, logging, the event bus, the job scheduler and HTTP
// helpers. Every domain package uses it; it uses none of them.
package platform
