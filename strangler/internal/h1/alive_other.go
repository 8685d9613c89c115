//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package h1

// FastPoolSupported is false where the standard library offers no
// non-blocking peek at a socket (Windows among others): backends there use
// net/http's Transport, and bodiless requests take ReverseProxy. The lane,
// the listener's fast path, is portable and stays.
const FastPoolSupported = false

// alive is never called where FastPoolSupported is false; it reports an
// idle connection as dead, which only costs a new dial.
func (pc *h1Conn) alive() bool { return false }
