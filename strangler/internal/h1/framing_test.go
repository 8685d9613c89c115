package h1

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

// FuzzFramingGuardLeavesValidRequestsAlone writes well-framed requests with
// net/http's own writer, with and without chunking, and feeds them to the
// guard in two pieces: it must change no byte and end at the next head.
func FuzzFramingGuardLeavesValidRequestsAlone(f *testing.F) {
	f.Add("abc", "v", true, 3)
	f.Add("", "", false, 0)
	f.Add(strings.Repeat("x", 5000), "a b", true, 100)
	f.Add("0\r\n\r\n", "1", false, 7)
	f.Fuzz(func(t *testing.T, body, value string, chunked bool, split int) {
		var stream bytes.Buffer
		for i := range 2 {
			req, err := http.NewRequest("POST", "http://h/p", strings.NewReader(body))
			if err != nil {
				t.Skip()
			}
			req.Header.Set("X-V", value)
			if chunked && i == 0 {
				req.ContentLength = -1
				req.Body = io.NopCloser(strings.NewReader(body))
			}
			if err := req.Write(&stream); err != nil {
				t.Skip() // a value net/http will not write
			}
		}
		in := stream.Bytes()
		out := bytes.Clone(in)
		g := newFramingGuard()
		split = min(max(split, 0), len(out))
		g.scan(out[:split])
		g.scan(out[split:])
		if !bytes.Equal(in, out) {
			t.Fatalf("the guard changed a valid stream:\n%q\n%q", in, out)
		}
		if g.state != framingHead || g.lineLen != 0 {
			t.Fatalf("the guard lost the framing: state %d, line %d, after\n%q", g.state, g.lineLen, in)
		}
	})
}

func TestFramingGuardStopsOnWhatItDoesNotFollow(t *testing.T) {
	tests := []struct{ name, raw string }{
		{"upgrade", "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n"},
		{"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"},
		{"CONNECT", "CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n"},
		{"bad chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"},
		{"other coding", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFramingGuard()
			b := []byte(tt.raw + "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n")
			g.scan(b)
			if g.state != framingOff || bytes.IndexByte(b, spoiled) >= 0 {
				t.Errorf("state %d, stream %q: want the guard off and nothing spoiled", g.state, b)
			}
		})
	}
}
