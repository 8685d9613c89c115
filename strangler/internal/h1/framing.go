package h1

import (
	"net"
	"strconv"
	"strings"
)

// framingGuard follows the HTTP/1.1 requests on a connection on their way
// to net/http's server and spoils a head that nginx rejects but net/http
// would accept: one with both Content-Length and Transfer-Encoding (a
// request smuggling vector: front and back ends may frame it differently)
// or with an obsolete line folding (a field line starting with a space or
// tab). Spoiling means replacing the first byte of a line of that head with
// a control character, so that net/http's own parser answers 400 Bad
// Request and closes the connection; the request never reaches a handler.
//
// To find each head it follows the body framing of the requests before it
// (Content-Length, chunked). On anything it does not follow exactly — an
// upgrade, CONNECT, HTTP/2's preface, an invalid length, an odd chunk line —
// it stops guarding the connection: net/http closes a connection after a
// framing error, and after an upgrade the bytes are not HTTP/1.1.
type framingGuard struct {
	state  framingState
	poison bool // spoil the next line's first byte: the head is rejected

	// The line being read in a head or a chunked body.
	lineLen   int
	firstLine bool
	name      []byte // the field name so far, lower case; nil once too long or past the colon
	inValue   bool
	value     []byte // the value of a framing field so far

	// The framing fields of the head being read.
	contentLengths, transferEncodings int
	lengthValue, teValue              string
	upgrade, noBody                   bool

	remaining int64 // body or chunk bytes still to pass
	chunkSize int64
	digits    int
	inExt     bool
}

type framingState uint8

const (
	framingHead      framingState = iota // reading a request head
	framingBody                          // passing remaining body bytes
	framingChunkLine                     // reading a chunk-size line
	framingChunkData                     // passing remaining chunk bytes
	framingChunkCR                       // expecting the CR after chunk data
	framingChunkLF                       // expecting the LF after chunk data
	framingTrailer                       // reading the trailer section
	framingOff                           // not following this connection
)

// spoiled replaces a line's first byte: no header name or request line
// starts with it, so net/http rejects the head.
const spoiled = 0x01

// maxFramingName is the longest field name the guard needs to recognise.
const maxFramingName = len("transfer-encoding")

func newFramingGuard() *framingGuard {
	return &framingGuard{firstLine: true, name: make([]byte, 0, maxFramingName)}
}

// scan follows p, the next bytes read from the client, and spoils in place
// the head of a request that must be rejected.
func (g *framingGuard) scan(p []byte) {
	for i := 0; i < len(p) && g.state != framingOff; i++ {
		switch g.state {
		case framingHead:
			g.head(p, i)
		case framingBody:
			n := min(int64(len(p)-i), g.remaining)
			g.remaining -= n
			i += int(n) - 1
			if g.remaining == 0 {
				g.startHead()
			}
		case framingChunkLine:
			g.chunkLine(p[i])
		case framingChunkData:
			n := min(int64(len(p)-i), g.remaining)
			g.remaining -= n
			i += int(n) - 1
			if g.remaining == 0 {
				g.state = framingChunkCR
			}
		case framingChunkCR:
			g.expect(p[i], '\r', framingChunkLF)
		case framingChunkLF:
			g.expect(p[i], '\n', framingChunkLine)
		case framingTrailer:
			g.trailer(p[i])
		}
	}
}

func (g *framingGuard) expect(b, want byte, next framingState) {
	if b != want {
		g.state = framingOff
		return
	}
	g.state = next
}

func (g *framingGuard) startHead() {
	*g = framingGuard{firstLine: true, name: g.name[:0]}
}

// head follows one byte of a request head.
func (g *framingGuard) head(p []byte, i int) {
	b := p[i]
	if g.lineLen == 0 && !g.firstLine {
		if g.poison {
			p[i] = spoiled
			g.state = framingOff // net/http answers 400 and closes
			return
		}
		if b == ' ' || b == '\t' {
			p[i] = spoiled // obs-fold
			g.state = framingOff
			return
		}
	}
	g.lineLen++
	if b != '\n' {
		if !g.firstLine {
			g.field(b)
		} else if g.lineLen <= len("PRI ") {
			g.value = append(g.value, b) // the method, to spot CONNECT and PRI
		}
		return
	}
	// The end of a line; a lone LF or CRLF ends the head.
	blank := g.lineLen == 1 || (g.lineLen == 2 && !g.inValue && len(g.name) == 1 && g.name[0] == '\r')
	switch {
	case g.firstLine:
		m := string(g.value)
		if strings.HasPrefix(m, "PRI ") || strings.HasPrefix(m, "CONN") || g.lineLen <= 2 {
			g.state = framingOff // HTTP/2's preface, a tunnel, or leading blank lines
			return
		}
		g.firstLine = false
	case blank:
		g.endHead()
		return
	default:
		g.endField()
	}
	g.lineLen, g.inValue, g.name, g.value = 0, false, g.name[:0], g.value[:0]
}

// field follows one byte of a field line other than its LF.
func (g *framingGuard) field(b byte) {
	if !g.inValue {
		if b == ':' {
			g.inValue = true
			return
		}
		if g.name != nil && len(g.name) < maxFramingName+1 {
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			g.name = append(g.name, b)
		}
		return
	}
	if g.framingField() && len(g.value) < 64 {
		g.value = append(g.value, b)
	}
}

func (g *framingGuard) framingField() bool {
	switch string(g.name) {
	case "content-length", "transfer-encoding", "upgrade":
		return true
	}
	return false
}

// endField notes a framing field at the end of its line.
func (g *framingGuard) endField() {
	if !g.inValue {
		return // no colon: net/http rejects the line
	}
	v := strings.TrimSpace(string(g.value))
	switch string(g.name) {
	case "content-length":
		g.contentLengths++
		if g.contentLengths > 1 && v != g.lengthValue {
			g.noBody = true // net/http rejects differing lengths
		}
		g.lengthValue = v
	case "transfer-encoding":
		g.transferEncodings++
		g.teValue = v
	case "upgrade":
		g.upgrade = true
	}
	if g.contentLengths > 0 && g.transferEncodings > 0 {
		g.poison = true // spoil the next line: the blank line at the latest
	}
}

// endHead picks the body framing of the head just read.
func (g *framingGuard) endHead() {
	switch {
	case g.upgrade || g.noBody || g.transferEncodings > 1:
		g.state = framingOff
	case g.transferEncodings == 1:
		if !strings.EqualFold(g.teValue, "chunked") {
			g.state = framingOff // net/http answers 501 and closes
			return
		}
		g.lineLen, g.chunkSize, g.digits, g.inExt = 0, 0, 0, false
		g.state = framingChunkLine
	case g.contentLengths > 0:
		n, err := strconv.ParseInt(g.lengthValue, 10, 64)
		if err != nil || n < 0 {
			g.state = framingOff // net/http answers 400 and closes
			return
		}
		if n == 0 {
			g.startHead()
			return
		}
		g.remaining, g.state = n, framingBody
	default:
		g.startHead()
	}
}

// chunkLine follows one byte of a chunk-size line: hex digits, an optional
// extension after ';', CRLF.
func (g *framingGuard) chunkLine(b byte) {
	switch {
	case b == '\n':
		if g.digits == 0 {
			g.state = framingOff
			return
		}
		if g.chunkSize == 0 {
			g.lineLen, g.state = 0, framingTrailer
			return
		}
		g.remaining, g.state = g.chunkSize, framingChunkData
		g.chunkSize, g.digits, g.inExt = 0, 0, false
	case g.inExt || b == '\r':
	case b == ';':
		g.inExt = true
	default:
		d, ok := hexDigit(b)
		if !ok || g.digits >= 15 {
			g.state = framingOff
			return
		}
		g.chunkSize = g.chunkSize<<4 | int64(d)
		g.digits++
	}
}

// trailer follows the trailer section, lines up to a blank one.
func (g *framingGuard) trailer(b byte) {
	if b != '\n' {
		if b != '\r' || g.lineLen > 0 {
			g.lineLen += 2 // a CR alone does not make a line non-blank
		}
		return
	}
	if g.lineLen == 0 {
		g.startHead()
		return
	}
	g.lineLen = 0
}

func hexDigit(b byte) (byte, bool) {
	switch {
	case '0' <= b && b <= '9':
		return b - '0', true
	case 'a' <= b && b <= 'f':
		return b - 'a' + 10, true
	case 'A' <= b && b <= 'F':
		return b - 'A' + 10, true
	}
	return 0, false
}

// guardedConn is a client connection whose reads pass a framingGuard.
type guardedConn struct {
	net.Conn
	g *framingGuard
}

func guardConn(c net.Conn) net.Conn { return &guardedConn{Conn: c, g: newFramingGuard()} }

func (c *guardedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.g.scan(p[:n])
	return n, err
}

// CloseWrite half-closes the connection when it can, which net/http uses
// to close connections gracefully.
func (c *guardedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// GuardedListener hands out guarded connections: net/http serves them
// when the lane is off, with the same framing checks as the lane.
type GuardedListener struct{ net.Listener }

func (l GuardedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return guardConn(c), nil
}
