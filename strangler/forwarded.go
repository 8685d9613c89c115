package strangler

import (
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr returns the address of the immediate peer, whether the peer is
// a trusted proxy, and the client: the peer itself, or, behind trusted
// proxies, the rightmost address in X-Forwarded-For that is not trusted.
func clientAddr(r *http.Request, trusted []netip.Prefix) (peer netip.Addr, isTrusted bool, client netip.Addr) {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}, false, netip.Addr{}
	}
	peer = ap.Addr().Unmap()
	if !isTrustedAddr(peer, trusted) {
		return peer, false, peer
	}
	client = peer
	// The last header line holds the nearest hops: walk from the end.
	vals := r.Header["X-Forwarded-For"]
	for i := len(vals) - 1; i >= 0; i-- {
		list := vals[i]
		for list != "" {
			var hop string
			if j := strings.LastIndexByte(list, ','); j >= 0 {
				hop, list = list[j+1:], list[:j]
			} else {
				hop, list = list, ""
			}
			a, err := netip.ParseAddr(strings.TrimSpace(hop))
			if err != nil {
				return peer, true, client // garbage: trust nothing further left
			}
			client = a.Unmap()
			if !isTrustedAddr(client, trusted) {
				return peer, true, client
			}
		}
	}
	return peer, true, client
}

func isTrustedAddr(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// forwardedHeaders are the X-Forwarded-* values for an outbound request.
type forwardedHeaders struct {
	For   string // "" when the peer is unknown: then no X-Forwarded-For
	Host  string
	Proto string
}

// forwardedOf computes the X-Forwarded-* values. Headers from a trusted
// peer are extended; from anyone else they are replaced, so clients cannot
// spoof their address to the backends.
func forwardedOf(in *http.Request, a *attempt) forwardedHeaders {
	f := forwardedHeaders{Host: in.Host, Proto: "http"}
	if a.peer.IsValid() {
		f.For = a.peer.String()
	}
	if in.TLS != nil {
		f.Proto = "https"
	}
	if a.trusted {
		if prior := in.Header["X-Forwarded-For"]; len(prior) > 0 {
			f.For = strings.Join(prior, ", ") + ", " + f.For
		}
		if v := in.Header.Get("X-Forwarded-Proto"); v != "" {
			f.Proto = v
		}
		if v := in.Header.Get("X-Forwarded-Host"); v != "" {
			f.Host = v
		}
	}
	return f
}

// setForwarded writes X-Forwarded-For, -Host and -Proto on the outbound
// request, and drops a Forwarded header (ReverseProxy drops it before
// Rewrite too; this keeps it so for any caller).
func setForwarded(out http.Header, in *http.Request, a *attempt) {
	f := forwardedOf(in, a)
	out["X-Forwarded-Host"] = []string{f.Host}
	if !a.trusted {
		delete(out, "Forwarded")
	}
	if f.For != "" {
		out["X-Forwarded-For"] = []string{f.For}
	}
	out["X-Forwarded-Proto"] = []string{f.Proto}
}
