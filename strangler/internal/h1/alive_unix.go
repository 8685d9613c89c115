//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package h1

import (
	"errors"
	"syscall"
)

// FastPoolSupported says the HTTP/1.1 fast pool (Transport) can run
// here: it needs a non-blocking peek (recv with MSG_PEEK) to tell a live
// idle connection from one the backend closed.
const FastPoolSupported = true

// alive peeks at an idle connection without blocking: a closed one reads
// EOF, an open one would block.
func (pc *h1Conn) alive() bool {
	if pc.br.Buffered() > 0 {
		return false // unsolicited bytes: not a clean connection
	}
	sc, ok := pc.c.(syscall.Conn)
	if !ok {
		return true
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	alive := false
	var buf [1]byte
	_ = raw.Read(func(fd uintptr) bool {
		n, _, err := syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		alive = n < 0 && (errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EWOULDBLOCK))
		return true
	})
	return alive
}
