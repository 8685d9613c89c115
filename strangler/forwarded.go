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

// setForwarded writes X-Forwarded-For, -Host and -Proto on the outbound
// request. Headers from a trusted peer are extended; from anyone else they
// are replaced, and a Forwarded header is dropped, so clients cannot spoof
// their address to the backends.
func setForwarded(out http.Header, in *http.Request, a *attempt) {
	peer := ""
	if a.peer.IsValid() {
		peer = a.peer.String()
	}
	proto := "http"
	if in.TLS != nil {
		proto = "https"
	}
	if a.trusted {
		if prior := in.Header["X-Forwarded-For"]; len(prior) > 0 {
			peer = strings.Join(prior, ", ") + ", " + peer
		}
		if v := in.Header.Get("X-Forwarded-Proto"); v != "" {
			proto = v
		}
		if v := in.Header.Get("X-Forwarded-Host"); v != "" {
			out["X-Forwarded-Host"] = []string{v}
		} else {
			out["X-Forwarded-Host"] = []string{in.Host}
		}
	} else {
		out["X-Forwarded-Host"] = []string{in.Host}
		delete(out, "Forwarded")
	}
	if peer != "" {
		out["X-Forwarded-For"] = []string{peer}
	}
	out["X-Forwarded-Proto"] = []string{proto}
}
