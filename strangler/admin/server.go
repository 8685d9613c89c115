package admin

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/config"
)

// Options configure the admin handler.
type Options struct {
	// Token is the bearer token that changes (weights, reloads) require.
	// When empty, changes are refused.
	Token string
	// Gatherer serves GET /metrics; nil means no metrics endpoint.
	Gatherer prometheus.Gatherer
	// Ready reports whether the proxy should receive traffic; nil means
	// always. The server turns it off while draining.
	Ready func() bool
	// Logger receives the handler's own failures at Debug; nil discards.
	Logger *slog.Logger
}

// New returns the admin API for p:
//
//	GET  /                      HTML status page
//	GET  /routes                live route table (JSON, schema ficus.proxy.routes/v1)
//	POST /routes/{name}/weight  set a route's live weight: {"weight": 50}
//	POST /routes/{name}/mode    set a route's mode: {"mode": "shadow"}
//	POST /routes/{name}/promote move a route one stage (or canary step) on;
//	                            {"force": true} past a failing parity gate
//	POST /routes/{name}/rollback send a route back to the monolith: {"reason": "..."}
//	GET  /parity                shadow comparison results (schema ficus.proxy.parity/v1)
//	POST /reload                reload the configuration file
//	GET  /metrics               Prometheus metrics
//	GET  /healthz               liveness
//	GET  /ready                 readiness (503 while draining)
func New(p *strangler.Proxy, opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	a := &admin{p: p, opts: opts, page: template.Must(template.New("status").Parse(statusTemplate))}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.statusPage)
	mux.HandleFunc("GET /routes", a.routes)
	mux.Handle("POST /routes/{name}/weight", a.authorized(a.setWeight))
	mux.Handle("POST /routes/{name}/mode", a.authorized(a.setMode))
	mux.Handle("POST /routes/{name}/promote", a.authorized(a.promote))
	mux.Handle("POST /routes/{name}/rollback", a.authorized(a.rollback))
	mux.HandleFunc("GET /parity", a.parityDoc)
	mux.Handle("POST /reload", a.authorized(a.reload))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /ready", a.ready)
	if opts.Gatherer != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(opts.Gatherer, promhttp.HandlerOpts{}))
	}
	return mux
}

// admin serves the endpoints New lists.
type admin struct {
	p    *strangler.Proxy
	opts Options
	page *template.Template
}

func (a *admin) authorized(next http.HandlerFunc) http.Handler {
	want := sha256.Sum256([]byte(a.opts.Token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.opts.Token == "" {
			writeJSONError(w, http.StatusForbidden, "admin changes are disabled: no admin token is configured (set FICUS_ADMIN_TOKEN or --admin-token-file)")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		gotSum := sha256.Sum256([]byte(strings.TrimSpace(got)))
		if !ok || subtle.ConstantTimeCompare(gotSum[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="ficus-proxy"`)
			writeJSONError(w, http.StatusUnauthorized, "a valid bearer token is required: send Authorization: Bearer TOKEN")
			return
		}
		next(w, r)
	})
}

func (a *admin) ready(w http.ResponseWriter, _ *http.Request) {
	if a.opts.Ready != nil && !a.opts.Ready() {
		http.Error(w, "draining", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

func (a *admin) routes(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.p.Routes())
}

func (a *admin) setWeight(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Weight *float64 `json:"weight"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil || body.Weight == nil {
		writeJSONError(w, http.StatusBadRequest, `send a JSON body like {"weight": 50}`)
		return
	}
	name := r.PathValue("name")
	if err := a.p.SetWeight(name, *body.Weight); err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, strangler.ErrUnknownRoute) {
			status = http.StatusNotFound
		}
		writeJSONError(w, status, err.Error())
		return
	}
	for _, rs := range a.p.Routes().Routes {
		if rs.Name == name {
			writeJSON(w, http.StatusOK, rs)
			return
		}
	}
	writeJSONError(w, http.StatusNotFound, fmt.Sprintf("route %q was removed by a reload", name))
}

func (a *admin) reload(w http.ResponseWriter, r *http.Request) {
	if err := a.p.Reload(r.Context()); err != nil {
		writeJSONError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"generation": a.p.Table().Generation})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func (a *admin) setMode(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Mode   string `json:"mode"`
		Reason string `json:"reason"`
	}
	if !decodeBody(w, r, &body, true) || body.Mode == "" {
		writeJSONError(w, http.StatusBadRequest, `send a JSON body like {"mode": "shadow"}`)
		return
	}
	reason := strangler.ReasonAdmin
	if m := config.Mode(body.Mode); m == config.ModeMonolith {
		st, err := a.p.Rollback(r.PathValue("name"), body.Reason)
		a.answer(w, st, err)
		return
	}
	st, err := a.p.SetMode(r.PathValue("name"), config.Mode(body.Mode), reason)
	a.answer(w, st, err)
}

func (a *admin) promote(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Force bool `json:"force"`
	}
	if !decodeBody(w, r, &body, false) {
		writeJSONError(w, http.StatusBadRequest, `send no body, or a JSON body like {"force": true}`)
		return
	}
	st, err := a.p.PromoteWith(r.PathValue("name"), strangler.PromoteOptions{Force: body.Force})
	a.answer(w, st, err)
}

func (a *admin) rollback(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Reason string `json:"reason"`
	}
	if !decodeBody(w, r, &body, false) {
		writeJSONError(w, http.StatusBadRequest, `send no body, or a JSON body like {"reason": "p99 too high"}`)
		return
	}
	st, err := a.p.Rollback(r.PathValue("name"), body.Reason)
	a.answer(w, st, err)
}

func (a *admin) parityDoc(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.p.Parity())
}

// answer writes a route's new status, or the error with its status code.
func (a *admin) answer(w http.ResponseWriter, st strangler.RouteStatus, err error) {
	switch {
	case errors.Is(err, strangler.ErrUnknownRoute):
		writeJSONError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, config.ErrBadMode), errors.Is(err, strangler.ErrParityGate):
		writeJSONError(w, http.StatusConflict, err.Error())
	case err != nil:
		writeJSONError(w, http.StatusBadRequest, err.Error())
	default:
		writeJSON(w, http.StatusOK, st)
	}
}

// decodeBody reads a small JSON body into v; an empty body is accepted
// unless required.
func decodeBody(w http.ResponseWriter, r *http.Request, v any, required bool) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if errors.Is(err, io.EOF) {
		return !required
	}
	return err == nil
}
