// Package platform is the shop's shared kernel: configuration, the SQL
// handle, clock, id generation, logging, the in-process event bus, the job
// scheduler and the HTTP helpers every business area uses.
//
// Nothing in platform knows about customers, products, orders, payments or
// shipments; the business packages depend on it, never the reverse.
package platform
