package platform

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
)

// maxBodyBytes bounds request bodies; the shop's requests are small.
const maxBodyBytes = 1 << 20

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error string `json:"error"`
}

// WriteJSON writes v as a JSON response with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// The status line is already sent, so an encoding error can no longer
	// change the response; the types written here always encode.
	_ = enc.Encode(v)
}

// WriteError writes err as a JSON error with the status StatusFor picks.
// Server errors are logged and their details hidden from the client.
func WriteError(w http.ResponseWriter, log *slog.Logger, err error) {
	status := StatusFor(err)
	msg := err.Error()
	if status >= http.StatusInternalServerError {
		log.Error("request failed", "err", err)
		msg = http.StatusText(status)
	}
	WriteJSON(w, status, errorBody{Error: msg})
}

// WriteStatusError writes msg as a JSON error with an explicit status.
func WriteStatusError(w http.ResponseWriter, status int, msg string) {
	WriteJSON(w, status, errorBody{Error: msg})
}

// StatusFor maps an error from the service layer to an HTTP status.
func StatusFor(err error) int {
	switch {
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, ErrInvalid):
		return http.StatusBadRequest
	case errors.Is(err, ErrConflict):
		return http.StatusConflict
	default:
		return http.StatusInternalServerError
	}
}

// DecodeJSON decodes the request body into dst, rejecting unknown fields,
// trailing data and bodies over 1 MiB. Failures wrap ErrInvalid.
func DecodeJSON(r *http.Request, dst any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("%w: request body: %v", ErrInvalid, err)
	}
	if dec.More() {
		return fmt.Errorf("%w: request body: trailing data after JSON value", ErrInvalid)
	}
	return nil
}

// QueryInt reads the integer query parameter name, or def when it is absent.
func QueryInt(r *http.Request, name string, def int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: query parameter %s=%q is not a non-negative integer", ErrInvalid, name, v)
	}
	return n, nil
}

// RequestID sets an X-Request-Id response header on every request, reusing
// the caller's id when one is sent.
func RequestID(ids IDGenerator, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" {
			id = ids.NewID("req")
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r)
	})
}
