package h1

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const laneTestDate = "Mon, 02 Jan 2006 15:04:05 GMT"

// laneWantWrite writes s and checks what Write returns.
func laneWantWrite(t *testing.T, w *ResponseWriter, s string, wantN int, wantErr error) {
	t.Helper()
	n, err := w.Write([]byte(s))
	if n != wantN || !errors.Is(err, wantErr) || (wantErr == nil) != (err == nil) {
		t.Errorf("Write(%q) = %d, %v; want %d, %v", s, n, err, wantN, wantErr)
	}
}

// laneWantOut checks what has reached the connection so far.
func laneWantOut(t *testing.T, out *bytes.Buffer, want, wantNot string) {
	t.Helper()
	if !strings.Contains(out.String(), want) || wantNot != "" && strings.Contains(out.String(), wantNot) {
		t.Errorf("sent so far %q: want %q in it and not %q", out.String(), want, wantNot)
	}
}

func TestLaneWriter(t *testing.T) {
	date := http.Header{"Date": {laneTestDate}}
	withDate := func(h http.Header) http.Header { h["Date"] = date["Date"]; return h }
	tests := []struct {
		name        string
		method      string // GET when empty
		closeAfter  bool
		handler     func(t *testing.T, w *ResponseWriter, out *bytes.Buffer)
		wantInterim []http.Header // 1xx responses, in order
		wantStatus  int
		wantHeader  http.Header
		wantChunked bool
		wantBody    string
		wantBodyErr bool // the body is cut short
		wantTrailer http.Header
		wantClose   bool // the response says Connection: close
		wantReuse   bool
		wantRaw     []string // in the bytes written
		wantNotRaw  []string
	}{
		{name: "content-length", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Content-Length", "5")
			laneWantWrite(t, w, "hello", 5, nil)
		}, wantStatus: 200, wantHeader: withDate(http.Header{"Content-Length": {"5"}}), wantBody: "hello", wantReuse: true,
			wantRaw: []string{"\r\n\r\nhello"}, wantNotRaw: []string{"Transfer-Encoding"}},
		{name: "chunked without content-length", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			laneWantWrite(t, w, "hello", 5, nil)
			laneWantWrite(t, w, "", 0, nil)
			laneWantWrite(t, w, "world", 5, nil)
		}, wantStatus: 200, wantHeader: date, wantChunked: true, wantBody: "helloworld", wantReuse: true,
			wantRaw: []string{"Transfer-Encoding: chunked\r\n", "\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"}},
		{name: "nothing written", handler: func(*testing.T, *ResponseWriter, *bytes.Buffer) {},
			wantStatus: 200, wantHeader: withDate(http.Header{"Content-Length": {"0"}}), wantReuse: true,
			wantRaw: []string{"HTTP/1.1 200 OK\r\n", "Content-Length: 0\r\n"}, wantNotRaw: []string{"chunked"}},
		{name: "status only", handler: func(_ *testing.T, w *ResponseWriter, _ *bytes.Buffer) { w.WriteHeader(404) },
			wantStatus: 404, wantHeader: withDate(http.Header{"Content-Length": {"0"}}), wantReuse: true,
			wantRaw: []string{"HTTP/1.1 404 Not Found\r\n"}},
		{name: "second WriteHeader ignored", handler: func(_ *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.WriteHeader(201)
			w.WriteHeader(500)
		}, wantStatus: 201, wantHeader: withDate(http.Header{"Content-Length": {"0"}}), wantReuse: true},
		{name: "head keeps content-length", method: "HEAD", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Content-Length", "5")
			laneWantWrite(t, w, "hello", 5, nil)
		}, wantStatus: 200, wantHeader: withDate(http.Header{"Content-Length": {"5"}}), wantReuse: true,
			wantNotRaw: []string{"hello"}},
		{name: "204", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.WriteHeader(204)
			laneWantWrite(t, w, "body", 0, http.ErrBodyNotAllowed)
		}, wantStatus: 204, wantHeader: date, wantReuse: true, wantNotRaw: []string{"body", "Content-Length", "chunked"}},
		// RFC 9110 section 8.6: no Content-Length in a 1xx or 204
		// response; net/http removes one the handler set.
		{name: "204 drops content-length", handler: func(_ *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Content-Length", "0")
			w.WriteHeader(204)
		}, wantStatus: 204, wantHeader: date, wantReuse: true, wantNotRaw: []string{"Content-Length"}},
		{name: "304", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Etag", `"x"`)
			w.WriteHeader(304)
			laneWantWrite(t, w, "body", 0, http.ErrBodyNotAllowed)
		}, wantStatus: 304, wantHeader: withDate(http.Header{"Etag": {`"x"`}}), wantReuse: true,
			wantNotRaw: []string{"body", "chunked"}},
		{name: "longer than content-length", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Content-Length", "3")
			laneWantWrite(t, w, "hello", 3, errLaneBodyLength)
			laneWantWrite(t, w, "x", 0, errLaneBodyLength)
		}, wantStatus: 200, wantHeader: withDate(http.Header{"Content-Length": {"3"}}), wantBody: "hel", wantReuse: true,
			wantNotRaw: []string{"lo", "x"}},
		{name: "shorter than content-length", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Content-Length", "5")
			laneWantWrite(t, w, "hi", 2, nil)
		}, wantStatus: 200, wantHeader: withDate(http.Header{"Content-Length": {"5"}}), wantBody: "hi", wantBodyErr: true},
		{name: "unusable content-length", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Content-Length", "abc")
			laneWantWrite(t, w, "hi", 2, nil)
		}, wantStatus: 200, wantHeader: date, wantChunked: true, wantBody: "hi", wantReuse: true},
		{name: "close after", closeAfter: true, handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			laneWantWrite(t, w, "hi", 2, nil)
		}, wantStatus: 200, wantHeader: date, wantChunked: true, wantBody: "hi", wantClose: true,
			wantRaw: []string{"Connection: close\r\n"}},
		{name: "date kept", handler: func(_ *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Date", "Tue, 03 Jan 2006 00:00:00 GMT")
		}, wantStatus: 200, wantHeader: http.Header{"Date": {"Tue, 03 Jan 2006 00:00:00 GMT"}, "Content-Length": {"0"}}, wantReuse: true},
		{name: "date suppressed with nil", handler: func(_ *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header()["Date"] = nil
		}, wantStatus: 200, wantHeader: http.Header{"Content-Length": {"0"}}, wantReuse: true, wantNotRaw: []string{"Date"}},
		{name: "no response splitting", handler: func(_ *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			h := w.Header()
			h.Set("X-A", "a\r\nX-Evil: 1\n")
			h["X-B\r\nX-Evil"] = []string{"2"}
			h["Bad Name"] = []string{"3"}
			h["X-C:"] = []string{"4"}
		}, wantStatus: 200, wantHeader: withDate(http.Header{"X-A": {"a  X-Evil: 1"}, "Content-Length": {"0"}}), wantReuse: true,
			wantNotRaw: []string{"\nX-Evil", "Bad Name", "X-C:"}},
		{name: "declared trailers", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Trailer", "X-Sum, x-count")
			w.Header().Set("Content-Length", "2") // trailers need chunking
			laneWantWrite(t, w, "ab", 2, nil)
			w.Header().Set("X-Sum", "1")
			w.Header().Set("X-Count", "2")
		}, wantStatus: 200, wantHeader: date, wantChunked: true, wantBody: "ab", wantReuse: true,
			wantTrailer: http.Header{"X-Sum": {"1"}, "X-Count": {"2"}}, wantRaw: []string{"Trailer: X-Sum, x-count\r\n"}},
		{name: "prefixed trailer", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			laneWantWrite(t, w, "ab", 2, nil)
			w.Header().Set(http.TrailerPrefix+"X-Late", "3")
		}, wantStatus: 200, wantHeader: date, wantChunked: true, wantBody: "ab", wantReuse: true,
			wantTrailer: http.Header{"X-Late": {"3"}}},
		{name: "prefixed trailer forces chunking", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Content-Length", "2")
			w.Header().Set(http.TrailerPrefix+"X-Late", "3")
			laneWantWrite(t, w, "ab", 2, nil)
		}, wantStatus: 200, wantHeader: date, wantChunked: true, wantBody: "ab", wantReuse: true,
			wantTrailer: http.Header{"X-Late": {"3"}}, wantNotRaw: []string{"Content-Length", "Trailer:"}},
		// net/http skips trailers with invalid names, as it does headers.
		{name: "no trailer splitting", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Trailer", "X-Ok, X-B\r\nX-Evil")
			laneWantWrite(t, w, "ab", 2, nil)
			w.Header().Set("X-Ok", "1")
			w.Header()["X-B\r\nX-Evil"] = []string{"2"}
			w.Header()[http.TrailerPrefix+"X-C\r\nX-Evil"] = []string{"3"}
		}, wantStatus: 200, wantHeader: date, wantChunked: true, wantBody: "ab", wantReuse: true,
			wantTrailer: http.Header{"X-Ok": {"1"}}, wantNotRaw: []string{"\nX-Evil"}},
		{name: "early hints", handler: func(t *testing.T, w *ResponseWriter, out *bytes.Buffer) {
			w.Header().Set("Link", "</a.css>; rel=preload")
			w.WriteHeader(103)
			laneWantOut(t, out, "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n", "200")
			w.WriteHeader(200)
			laneWantWrite(t, w, "ok", 2, nil)
		}, wantInterim: []http.Header{{"Link": {"</a.css>; rel=preload"}}}, wantStatus: 200,
			wantHeader: withDate(http.Header{"Link": {"</a.css>; rel=preload"}}), wantChunked: true, wantBody: "ok", wantReuse: true,
			wantRaw: []string{"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\n"}},
		// RFC 9110 section 8.6 again; net/http leaves Content-Length and
		// Transfer-Encoding out of 1xx responses.
		{name: "early hints without content-length", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Content-Length", "2")
			w.WriteHeader(103)
			laneWantWrite(t, w, "ok", 2, nil)
		}, wantInterim: []http.Header{{}}, wantStatus: 200, wantHeader: withDate(http.Header{"Content-Length": {"2"}}),
			wantBody: "ok", wantReuse: true},
		{name: "flush sends headers and body so far", handler: func(t *testing.T, w *ResponseWriter, out *bytes.Buffer) {
			laneWantWrite(t, w, "hel", 3, nil)
			laneWantOut(t, out, "", "HTTP/1.1") // buffered until Flush
			w.Flush()
			laneWantOut(t, out, "Transfer-Encoding: chunked\r\n", "0\r\n\r\n")
			laneWantOut(t, out, "\r\n\r\n3\r\nhel\r\n", "")
			laneWantWrite(t, w, "lo", 2, nil)
		}, wantStatus: 200, wantHeader: date, wantChunked: true, wantBody: "hello", wantReuse: true},
		{name: "flush before body", handler: func(t *testing.T, w *ResponseWriter, out *bytes.Buffer) {
			w.Header().Set("Content-Length", "2")
			if err := w.FlushError(); err != nil {
				t.Errorf("FlushError() = %v", err)
			}
			laneWantOut(t, out, "HTTP/1.1 200 OK\r\n", "ok")
			laneWantWrite(t, w, "ok", 2, nil)
		}, wantStatus: 200, wantHeader: withDate(http.Header{"Content-Length": {"2"}}), wantBody: "ok", wantReuse: true},
		{name: "hop-by-hop fields dropped", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Content-Length", "2")
			w.Header().Set("Connection", "keep-alive, X-Foo")
			w.Header().Set("Keep-Alive", "timeout=5")
			w.Header().Set("Transfer-Encoding", "gzip")
			laneWantWrite(t, w, "hi", 2, nil)
		}, wantStatus: 200, wantHeader: withDate(http.Header{"Content-Length": {"2"}}), wantBody: "hi", wantReuse: true,
			wantNotRaw: []string{"Keep-Alive", "X-Foo", "gzip", "Transfer-Encoding"}},
		// net/http honours a handler's Connection: close: it sends it and
		// closes the connection after the response.
		{name: "handler asks to close", handler: func(t *testing.T, w *ResponseWriter, _ *bytes.Buffer) {
			w.Header().Set("Connection", "close")
			w.Header().Set("Content-Length", "2")
			laneWantWrite(t, w, "hi", 2, nil)
		}, wantStatus: 200, wantHeader: withDate(http.Header{"Content-Length": {"2"}}), wantBody: "hi", wantClose: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = "GET"
			}
			req := httptest.NewRequest(method, "/", nil)
			var out bytes.Buffer
			w := newLaneWriter(bufio.NewWriterSize(&out, 4<<10), req, func() string { return laneTestDate }, tc.closeAfter, nil)
			tc.handler(t, w, &out)
			if reuse := w.finish(); reuse != tc.wantReuse {
				t.Errorf("finish() = %v, want %v", reuse, tc.wantReuse)
			}
			raw := out.String()
			for _, s := range tc.wantRaw {
				if !strings.Contains(raw, s) {
					t.Errorf("response lacks %q:\n%q", s, raw)
				}
			}
			for _, s := range tc.wantNotRaw {
				if strings.Contains(raw, s) {
					t.Errorf("response has %q:\n%q", s, raw)
				}
			}

			br := bufio.NewReader(strings.NewReader(raw))
			var interim []http.Header
			var resp *http.Response
			for {
				r, err := http.ReadResponse(br, req)
				if err != nil {
					t.Fatalf("reading response %q: %v", raw, err)
				}
				if r.StatusCode >= 200 || r.StatusCode == 101 {
					resp = r
					break
				}
				interim = append(interim, r.Header)
			}
			body, err := io.ReadAll(resp.Body)
			if (err != nil) != tc.wantBodyErr {
				t.Errorf("reading body: %v, want an error: %v", err, tc.wantBodyErr)
			}
			if rest, _ := io.ReadAll(br); len(rest) > 0 {
				t.Errorf("bytes after the response: %q", rest)
			}
			opt := cmpopts.EquateEmpty()
			if diff := cmp.Diff(tc.wantInterim, interim, opt); diff != "" {
				t.Errorf("1xx headers (-want +got):\n%s", diff)
			}
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if diff := cmp.Diff(tc.wantHeader, resp.Header, opt); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			if resp.Close != tc.wantClose { // ReadResponse moves Connection: close here
				t.Errorf("Connection: close %v, want %v", resp.Close, tc.wantClose)
			}
			if chunked := len(resp.TransferEncoding) > 0; chunked != tc.wantChunked {
				t.Errorf("chunked %v (%q), want %v", chunked, resp.TransferEncoding, tc.wantChunked)
			}
			if string(body) != tc.wantBody {
				t.Errorf("body %q, want %q", body, tc.wantBody)
			}
			// Keys declared in the Trailer header but never sent stay nil.
			trailer := http.Header{}
			for k, v := range resp.Trailer {
				if v != nil {
					trailer[k] = v
				}
			}
			if diff := cmp.Diff(tc.wantTrailer, trailer, opt); diff != "" {
				t.Errorf("trailer (-want +got):\n%s", diff)
			}
		})
	}
}
