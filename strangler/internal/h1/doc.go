// Package h1 is the proxy's HTTP/1.1 fast path, on both sides of it.
//
// On the listener, a [Lane] serves plain HTTP/1.1 requests (cleartext, no
// body, no upgrade) on its own connection loop and hands every other
// connection, the bytes already read included, to a net/http server
// through [Lane.Handoff]. Its [ResponseWriter] frames answers itself.
// A head with both Content-Length and Transfer-Encoding, or with an
// obsolete line folding, is refused before any handler runs, on the lane
// and on what it hands to net/http alike ([GuardedListener] applies the
// same check where the lane is off, and [TLSListener] to HTTP/1.1 over
// TLS).
//
// Towards backends, a [Transport] keeps a pool of HTTP/1.1 connections and
// sends bodiless requests on the caller's goroutine, leaving everything
// else to the net/http Transport it wraps.
package h1
