// Package handlers exposes the shop over HTTP: one handler type per area,
// each registering its routes on a *http.ServeMux with its Routes method
// and calling the area's service through its interface.
package handlers
