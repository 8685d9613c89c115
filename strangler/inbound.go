package strangler

import (
	"net/http"
	"strings"

	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

// ficusHeaderPrefix is the header namespace ficus writes to backends
// (X-Ficus-Shadow marks shadow copies). A client may never send a header
// in it to a backend: live traffic must not pose as shadow traffic.
const ficusHeaderPrefix = "x-ficus-"

// clientAddressHeaders carry a client address by other conventions than
// X-Forwarded-For. From an untrusted peer they are dropped, as
// X-Forwarded-For is replaced, so that nobody can claim another address.
var clientAddressHeaders = [...]string{"x-real-ip", "client-ip", "true-client-ip", "x-client-ip", "x-cluster-client-ip"}

// forwardingHeaders are the forwarding headers ficus writes itself.
var forwardingHeaders = [...]string{"x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "forwarded"}

// dropInbound reports whether the inbound header k must not reach a
// backend: ficus's own X-Ficus-* headers; spellings of the forwarding
// headers with underscores (X_Forwarded_For), which some frameworks read
// as X-Forwarded-For but which ficus would not replace, always; and the
// client address headers when the peer is not a trusted proxy. It runs for
// every header of every request, so it does not allocate.
func dropInbound(k string, trusted bool) bool {
	if len(k) < len("client-ip") {
		return false // shorter than any name below
	}
	if h1.EqualFold(k[:len(ficusHeaderPrefix)], ficusHeaderPrefix) {
		return true
	}
	if strings.IndexByte(k, '_') >= 0 {
		for _, h := range forwardingHeaders {
			if equalFoldUnderscore(k, h) {
				return true
			}
		}
		trusted = false // X_Real_IP is never a trusted proxy's spelling
	}
	if trusted {
		return false
	}
	for _, h := range clientAddressHeaders {
		if equalFoldUnderscore(k, h) {
			return true
		}
	}
	return false
}

// equalFoldUnderscore is equalFold where an underscore in k matches a dash
// in h.
func equalFoldUnderscore(k, h string) bool { return h1.FoldEqual(k, h, true) }

// dropInboundHeaders deletes from h the headers dropInbound names.
func dropInboundHeaders(h http.Header, trusted bool) {
	for k := range h {
		if dropInbound(k, trusted) {
			delete(h, k)
		}
	}
}
