package strangler

import (
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

func TestReplayBody(t *testing.T) {
	tests := []struct {
		name           string
		body           string
		buffer         bool
		limit          int64
		readFirst      bool // the first attempt reads its view to the end
		wantRewindable bool
		wantSecond     string
		wantErr        error
	}{
		{"buffered whole, read", "hello", true, 10, true, true, "hello", nil},
		{"buffered whole, unread", "hello", true, 10, false, true, "hello", nil},
		{"over the limit, unread", "hello world", true, 5, false, true, "hello world", nil},
		{"over the limit, read", "hello world", true, 5, true, false, "hello ", errBodyTaken}, // limit+1 bytes are buffered
		{"not buffered, unread", "abc", false, 0, false, true, "abc", nil},
		{"not buffered, read", "abc", false, 0, true, false, "", errBodyTaken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rb, err := newReplayBody(strings.NewReader(tt.body), tt.buffer, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if tt.readFirst {
				if b, err := io.ReadAll(rb.view()); err != nil || string(b) != tt.body {
					t.Fatalf("first read: %q, %v", b, err)
				}
			}
			if got := rb.rewindable(); got != tt.wantRewindable {
				t.Errorf("rewindable = %v, want %v", got, tt.wantRewindable)
			}
			b, err := io.ReadAll(rb.view())
			if string(b) != tt.wantSecond || !errors.Is(err, tt.wantErr) {
				t.Errorf("second read: %q, %v; want %q, %v", b, err, tt.wantSecond, tt.wantErr)
			}
		})
	}
}

func TestIdempotentAndNotSent(t *testing.T) {
	tests := []struct {
		method string
		header http.Header
		want   bool
	}{
		{"GET", nil, true}, {"PUT", nil, true}, {"DELETE", nil, true}, {"OPTIONS", nil, true},
		{"POST", nil, false}, {"PATCH", nil, false},
		{"POST", http.Header{"Idempotency-Key": {"k"}}, true}, {"PATCH", http.Header{"X-Idempotency-Key": {"k"}}, true},
	}
	for _, tt := range tests {
		r := &http.Request{Method: tt.method, Header: tt.header}
		if r.Header == nil {
			r.Header = http.Header{}
		}
		if got := h1.Idempotent(r); got != tt.want {
			t.Errorf("idempotent(%s %v) = %v", tt.method, tt.header, got)
		}
	}
	if !notSent(&net.OpError{Op: "dial", Err: errors.New("refused")}) || notSent(&net.OpError{Op: "read", Err: errors.New("reset")}) || !notSent(errBreakerOpen) {
		t.Errorf("notSent misclassifies errors")
	}
}
