package strangler

import (
	"bufio"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"

	"golang.org/x/net/http/httpguts"

	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

// forward sends the commonest request — no body, no upgrade, to a
// cleartext HTTP/1.1 backend — and copies the answer back, doing what
// httputil.ReverseProxy with our Rewrite does, without its per-request
// copies: it writes the outbound request head straight from the inbound
// request (hop-by-hop headers dropped, X-Forwarded-* set, the override
// header removed) instead of cloning the request and its headers, and
// reads the answer on the calling goroutine (see h1.Transport). The hooks
// are the same: modifyResponse sees the answer, handleError any failure.
// Requests it does not take go through ReverseProxy; see canForward.
func (p *Proxy) forward(a *attempt, b *Backend) {
	in, w := a.in, a.rec
	out := outboundHead{in: in, a: a, b: b, override: p.Table().override}
	if p.opts.Tracer != nil {
		out.trace = http.Header{}
		p.opts.Tracer.Inject(in.Context(), out.trace)
	}
	on1xx := func(code int, h http.Header) error {
		wh := w.Header()
		copyHeader(wh, h)
		w.WriteHeader(code)
		clear(wh) // WriteHeader does not clear a 1xx's headers
		return nil
	}
	// The client's Connection: close is hop-by-hop: the backend
	// connection stays reusable, as with ReverseProxy.
	res, err := b.h1.Exchange(in, a.idem, false, out.write, on1xx)
	if err != nil {
		p.handleError(w, in, err)
		return
	}
	if res.StatusCode == http.StatusSwitchingProtocols {
		_ = res.Body.Close()
		p.handleError(w, in, errUnrequestedUpgrade)
		return
	}
	removeHopByHop(res.Header)
	if err := p.modifyResponse(res); err != nil {
		_ = res.Body.Close()
		p.handleError(w, in, err)
		return
	}
	if lw, ok := w.ResponseWriter.(*h1.ResponseWriter); !ok || !lw.AdoptHeader(res.Header) {
		copyHeader(w.Header(), res.Header)
	}
	h := w.Header()
	announced := len(res.Trailer)
	if announced > 0 {
		keys := make([]string, 0, announced)
		for k := range res.Trailer {
			keys = append(keys, k)
		}
		h.Add("Trailer", strings.Join(keys, ", "))
	}
	w.WriteHeader(res.StatusCode)
	if err := p.copyBody(w, res, flushEach(res)); err != nil {
		_ = res.Body.Close()
		// The client has part of an answer: only dropping the connection
		// tells it so. The server (net/http or the lane) does that.
		panic(http.ErrAbortHandler)
	}
	_ = res.Body.Close() // populates res.Trailer
	if len(res.Trailer) > 0 {
		_ = http.NewResponseController(w).Flush() // trailers need chunking
	}
	if len(res.Trailer) == announced {
		copyHeader(h, res.Trailer)
		return
	}
	for k, vv := range res.Trailer {
		for _, v := range vv {
			h.Add(http.TrailerPrefix+k, v)
		}
	}
}

// errUnrequestedUpgrade is a 101 answer to a request that asked for none.
var errUnrequestedUpgrade = errors.New("backend switched protocols without an upgrade request")

// canForward reports whether a's request can go to b by forward. Requests
// with bodies, upgrades, Expect, query strings that ReverseProxy would
// re-encode, backends without the HTTP/1.1 fast pool, and every request
// when server.fast_path is false take ReverseProxy.
func canForward(a *attempt, b *Backend) bool {
	in := a.in
	return a.fast && b.h1 != nil && a.body == nil && in.ContentLength == 0 &&
		(in.Body == nil || in.Body == http.NoBody) &&
		in.Method != http.MethodConnect && in.URL.Opaque == "" &&
		in.Header["Upgrade"] == nil && in.Header["Expect"] == nil &&
		cleanQuery(in.URL.RawQuery)
}

// cleanQuery reports whether ReverseProxy would pass q unchanged: no
// semicolons, well-formed escapes, and not so many parameters that it
// would re-encode them.
func cleanQuery(q string) bool {
	if strings.Count(q, "&") >= 1000 {
		return false
	}
	for i := 0; i < len(q); i++ {
		switch q[i] {
		case ';':
			return false
		case '%':
			if i+2 >= len(q) || !isHex(q[i+1]) || !isHex(q[i+2]) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// flushEach reports whether each piece of the body must reach the client
// at once: event streams and bodies of unknown length, as ReverseProxy.
func flushEach(res *http.Response) bool {
	if res.ContentLength == -1 {
		return true
	}
	ct, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	return ct == "text/event-stream"
}

// copyBody copies the answer's body to the client with a pooled buffer.
func (p *Proxy) copyBody(w http.ResponseWriter, res *http.Response, flush bool) error {
	if res.Body == http.NoBody {
		return nil
	}
	buf := p.buffers.Get()
	defer p.buffers.Put(buf)
	var rc *http.ResponseController
	if flush {
		rc = http.NewResponseController(w)
	}
	for {
		n, rerr := res.Body.Read(buf)
		if n > 0 {
			if _, err := w.Write(buf[:n]); err != nil {
				return err
			}
			if rc != nil {
				if err := rc.Flush(); err != nil {
					return err
				}
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			p.log.Debug("read error copying a response body", "err", rerr)
			return rerr
		}
	}
}

// outboundHead writes the request head forward sends.
type outboundHead struct {
	in       *http.Request
	a        *attempt
	b        *Backend
	override string      // the override header's name, dropped; "" when off
	trace    http.Header // trace context to inject; nil without a tracer
}

// hopByHop are the headers that concern one connection only (RFC 9110
// 7.6.1), as ReverseProxy strips them.
var hopByHop = [...]string{
	"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade",
}

func (o *outboundHead) write(bw *bufio.Writer) error {
	in, b := o.in, o.b
	host := in.Host
	if b.cfg.HostHeader != "" {
		host = b.cfg.HostHeader
	}
	if host == "" {
		host = b.target.Host // an HTTP/1.0 request without Host, as Request.Write does
	}
	uri := outboundURI(b.target, in.URL)
	if strings.ContainsAny(uri, " \r\n") || strings.ContainsAny(host, " \r\n") {
		return errors.New("strangler: request target or host holds a space or a line break")
	}
	bw.WriteString(in.Method)
	bw.WriteString(" ")
	bw.WriteString(uri)
	bw.WriteString(" HTTP/1.1\r\nHost: ")
	bw.WriteString(host)
	bw.WriteString("\r\n")
	listed := in.Header["Connection"]
	for k, vv := range in.Header {
		if o.skip(k, listed) {
			continue
		}
		if k == "User-Agent" {
			// As http.Request.Write: one User-Agent, none when empty.
			if vv[0] != "" {
				writeField(bw, k, vv[0])
			}
			continue
		}
		for _, v := range vv {
			writeField(bw, k, v)
		}
	}
	f := forwardedOf(in, o.a)
	if f.For != "" {
		writeField(bw, "X-Forwarded-For", f.For)
	}
	writeField(bw, "X-Forwarded-Host", f.Host)
	writeField(bw, "X-Forwarded-Proto", f.Proto)
	if httpguts.HeaderValuesContainsToken(in.Header["Te"], "trailers") {
		bw.WriteString("Te: trailers\r\n")
	}
	for k, vv := range o.trace {
		for _, v := range vv {
			writeField(bw, k, v)
		}
	}
	switch in.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch:
		bw.WriteString("Content-Length: 0\r\n") // as http.Request.Write sends
	}
	_, err := bw.WriteString("\r\n")
	return err
}

// skip reports whether an inbound header stays behind.
func (o *outboundHead) skip(k string, connection []string) bool {
	for _, h := range hopByHop {
		if k == h {
			return true
		}
	}
	switch k {
	case "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "Content-Length", "Host":
		return true
	}
	if k == o.override || dropInbound(k, o.a.trusted) {
		return true
	}
	if o.trace != nil {
		if _, ok := o.trace[k]; ok {
			return true
		}
	}
	return len(connection) > 0 && httpguts.HeaderValuesContainsToken(connection, k)
}

// writeField writes "k: v", with line breaks in v turned into spaces as
// http.Header.Write does.
func writeField(bw *bufio.Writer, k, v string) {
	bw.WriteString(k)
	bw.WriteString(": ")
	bw.WriteString(textproto.TrimString(h1.NoLineBreaks(v)))
	bw.WriteString("\r\n")
}

// removeHopByHop deletes hop-by-hop headers and those Connection lists.
func removeHopByHop(h http.Header) {
	for _, f := range h["Connection"] {
		for sf := range strings.SplitSeq(f, ",") {
			if sf = textproto.TrimString(sf); sf != "" {
				h.Del(sf)
			}
		}
	}
	for _, k := range hopByHop {
		delete(h, k)
	}
}

func copyHeader(dst, src http.Header) {
	for k, vv := range src {
		dst[k] = append(dst[k], vv...)
	}
}

// outboundURI is the request target sent to a backend at target: the
// inbound path under the target's path, the target's query first, as
// httputil.ProxyRequest.SetURL builds it.
func outboundURI(target, in *url.URL) string {
	if (target.Path == "" || target.Path == "/") && target.RawPath == "" && target.RawQuery == "" {
		if in.Path == "" || in.Path[0] == '/' {
			return in.RequestURI()
		}
	}
	u := *in
	u.Path, u.RawPath = joinURLPath(target, in)
	switch {
	case target.RawQuery == "":
	case u.RawQuery == "":
		u.RawQuery = target.RawQuery
	default:
		u.RawQuery = target.RawQuery + "&" + u.RawQuery
	}
	return u.RequestURI()
}

// joinURLPath joins a base and a request path with one slash between
// them, in both the decoded and the escaped form, as ReverseProxy does.
func joinURLPath(a, b *url.URL) (path, rawpath string) {
	if a.RawPath == "" && b.RawPath == "" {
		return singleJoiningSlash(a.Path, b.Path), ""
	}
	apath, bpath := a.EscapedPath(), b.EscapedPath()
	aslash, bslash := strings.HasSuffix(apath, "/"), strings.HasPrefix(bpath, "/")
	switch {
	case aslash && bslash:
		return a.Path + b.Path[1:], apath + bpath[1:]
	case !aslash && !bslash:
		return a.Path + "/" + b.Path, apath + "/" + bpath
	}
	return a.Path + b.Path, apath + bpath
}

func singleJoiningSlash(a, b string) string {
	aslash, bslash := strings.HasSuffix(a, "/"), strings.HasPrefix(b, "/")
	switch {
	case aslash && bslash:
		return a + b[1:]
	case !aslash && !bslash:
		return a + "/" + b
	}
	return a + b
}
