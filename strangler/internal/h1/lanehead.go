package h1

import (
	"bytes"
	"context"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"

	"golang.org/x/net/http/httpguts"
)

// parseLaneHead parses a request head — the request line and header fields
// up to and including the empty line — into a request the lane serves
// itself. It accepts only what is plainly valid and needs nothing from
// net/http's server: HTTP/1.1, an origin-form target, exactly one valid
// Host, no body (no Transfer-Encoding, a Content-Length of 0 at most), no
// Expect, no Upgrade, a Connection of keep-alive or close. ok is false for
// anything else, malformed heads included: the connection then goes to
// net/http, which serves the request or answers it with its own error.
func parseLaneHead(ctx context.Context, head []byte, remoteAddr string) (r *http.Request, ok bool) {
	// One string holds the whole head; the method, target, keys and
	// values are substrings of it, so parsing allocates little.
	s := string(head)
	eol := bytes.Index(head, crlf)
	if eol < 0 {
		return nil, false
	}
	method, target, ok := parseRequestLine(s[:eol])
	if !ok {
		return nil, false
	}
	fields := bytes.Count(head, crlf) - 2 // minus the request line and the empty line
	if fields < 0 {
		return nil, false
	}
	h := make(http.Header, fields)
	vals := make([]string, fields)
	nvals := 0
	host, hosts := "", 0
	closeConn := false
	for pos := eol + 2; ; {
		next := bytes.Index(head[pos:], crlf)
		if next < 0 {
			return nil, false
		}
		line := s[pos : pos+next]
		pos += next + 2
		if line == "" {
			break
		}
		key, value, ok := parseFieldLine(line)
		if !ok {
			return nil, false
		}
		switch {
		case EqualFold(key, "Host"):
			host, hosts = value, hosts+1
			continue
		case EqualFold(key, "Content-Length"):
			if value != "0" || h["Content-Length"] != nil {
				return nil, false
			}
		case EqualFold(key, "Connection"):
			switch {
			case EqualFold(value, "close"):
				closeConn = true
			case EqualFold(value, "keep-alive"):
			default:
				return nil, false
			}
		case EqualFold(key, "Transfer-Encoding"), EqualFold(key, "Expect"),
			EqualFold(key, "Upgrade"), EqualFold(key, "Http2-Settings"):
			return nil, false
		}
		key = textproto.CanonicalMIMEHeaderKey(key)
		if prior, seen := h[key]; seen {
			h[key] = append(prior, value)
			continue
		}
		vals[nvals] = value
		h[key] = vals[nvals : nvals+1 : nvals+1]
		nvals++
	}
	// As net/http: an HTTP/1.0 cache directive implies its HTTP/1.1 one.
	if p := h["Pragma"]; len(p) > 0 && p[0] == "no-cache" && h["Cache-Control"] == nil {
		h["Cache-Control"] = []string{"no-cache"}
	}
	if hosts != 1 || !validHostHeader(host) {
		return nil, false
	}
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return nil, false
	}
	req := http.Request{
		Method: method, URL: u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: http.NoBody, Host: host, RemoteAddr: remoteAddr,
		RequestURI: target, Close: closeConn,
	}
	return req.WithContext(ctx), true
}

var crlf = []byte("\r\n")

// parseRequestLine splits "METHOD SP origin-form SP HTTP/1.1".
func parseRequestLine(line string) (method, target string, ok bool) {
	sp1 := strings.IndexByte(line, ' ')
	if sp1 <= 0 {
		return "", "", false
	}
	method, rest := line[:sp1], line[sp1+1:]
	sp2 := strings.IndexByte(rest, ' ')
	if sp2 <= 0 {
		return "", "", false
	}
	target, version := rest[:sp2], rest[sp2+1:]
	if version != "HTTP/1.1" || !httpguts.ValidHeaderFieldName(method) || method == http.MethodConnect || method == "PRI" {
		return "", "", false
	}
	if target[0] != '/' {
		return "", "", false // absolute-form, asterisk-form: net/http's business
	}
	for i := 0; i < len(target); i++ {
		if c := target[i]; c <= ' ' || c >= 0x7f || c == '#' {
			return "", "", false
		}
	}
	return method, target, true
}

// parseFieldLine splits "name: value", trimming the value's optional
// whitespace. The name must be a token right before the colon; the value
// must hold no control characters but tab.
func parseFieldLine(line string) (key, value string, ok bool) {
	colon := strings.IndexByte(line, ':')
	if colon <= 0 || !httpguts.ValidHeaderFieldName(line[:colon]) {
		return "", "", false // also rejects obs-fold: a line starting with space
	}
	v := line[colon+1:]
	for v != "" && (v[0] == ' ' || v[0] == '\t') {
		v = v[1:]
	}
	for v != "" && (v[len(v)-1] == ' ' || v[len(v)-1] == '\t') {
		v = v[:len(v)-1]
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return "", "", false
		}
	}
	return line[:colon], v, true
}

// validHostHeader reports whether h is a Host value net/http's server accepts:
// non-empty here, and of the characters of a host, port and IPv6 literal.
func validHostHeader(h string) bool {
	if h == "" {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		}
		switch c {
		case '-', '.', '_', '~', ':', '[', ']', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', '%':
			continue
		}
		return false
	}
	return true
}

// EqualFold is ASCII case-insensitive equality, for header names.
func EqualFold(a, b string) bool { return FoldEqual(a, b, false) }

// FoldEqual is ASCII case-insensitive equality; with underscoreDash, an
// underscore in a also matches a dash in b.
func FoldEqual(a, b string, underscoreDash bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		} else if underscoreDash && x == '_' {
			x = '-'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
