package strangler

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// RoutesSchema versions the JSON document served at GET /routes.
const RoutesSchema = "ficus.proxy.routes/v1"

// AdminOptions configure the admin handler.
type AdminOptions struct {
	// Token is the bearer token that changes (weights, reloads) require.
	// When empty, changes are refused.
	Token string
	// Gatherer serves GET /metrics; nil means no metrics endpoint.
	Gatherer prometheus.Gatherer
	// Ready reports whether the proxy should receive traffic; nil means
	// always. The server turns it off while draining.
	Ready func() bool
}

// NewAdmin returns the admin API for p:
//
//	GET  /                      HTML status page
//	GET  /routes                live route table (JSON, schema ficus.proxy.routes/v1)
//	POST /routes/{name}/weight  set a route's live weight: {"weight": 50}
//	POST /routes/{name}/mode    set a route's mode: {"mode": "shadow"}
//	POST /routes/{name}/promote move a route one stage (or canary step) on
//	POST /routes/{name}/rollback send a route back to the monolith: {"reason": "..."}
//	GET  /parity                shadow comparison results (schema ficus.proxy.parity/v1)
//	POST /reload                reload the configuration file
//	GET  /metrics               Prometheus metrics
//	GET  /healthz               liveness
//	GET  /ready                 readiness (503 while draining)
func NewAdmin(p *Proxy, opts AdminOptions) http.Handler {
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

type admin struct {
	p    *Proxy
	opts AdminOptions
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

// RoutesDoc is the JSON document served at GET /routes.
type RoutesDoc struct {
	Schema     string          `json:"schema"`
	Generation uint64          `json:"generation"`
	LoadedAt   time.Time       `json:"loaded_at"`
	Config     string          `json:"config,omitempty"`
	LastReload *ReloadFailure  `json:"last_reload_error,omitempty"`
	Default    string          `json:"default"`
	Routes     []RouteStatus   `json:"routes"`
	Backends   []BackendStatus `json:"backends"`
}

// ReloadFailure is the last rejected reload.
type ReloadFailure struct {
	At    time.Time `json:"at"`
	Error string    `json:"error"`
}

// RouteStatus is one route's live state.
type RouteStatus struct {
	Name             string             `json:"name"`
	Line             int                `json:"line,omitempty"`
	Match            config.MatchConfig `json:"match"`
	To               string             `json:"to"`
	Fallback         string             `json:"fallback,omitempty"`
	Default          string             `json:"default"`
	Weight           float64            `json:"weight"`
	FileWeight       float64            `json:"file_weight"`
	WeightOverridden bool               `json:"weight_overridden"`
	Cohort           string             `json:"cohort"`
	// Mode is the live lifecycle stage; FileMode the file's.
	Mode     config.Mode `json:"mode,omitempty"`
	FileMode config.Mode `json:"file_mode,omitempty"`
	// Rollout is the canary's progress, and the last rollback of any route.
	Rollout *RolloutStatus `json:"rollout,omitempty"`
}

// RolloutStatus is where a route is on its progressive rollout.
type RolloutStatus struct {
	Step         int       `json:"step"`
	Steps        []float64 `json:"steps"`
	StepSince    time.Time `json:"step_since,omitzero"`
	NextCheck    time.Time `json:"next_check,omitzero"`
	Manual       bool      `json:"manual,omitempty"`
	LastRollback *Rollback `json:"last_rollback,omitempty"`
}

// Routes describes the live table.
func (p *Proxy) Routes() RoutesDoc {
	t := p.Table()
	doc := RoutesDoc{
		Schema: RoutesSchema, Generation: t.Generation, LoadedAt: t.LoadedAt,
		Config: t.Config.File(), Default: t.Default.Name,
		Routes: []RouteStatus{}, Backends: []BackendStatus{},
	}
	if at, err := p.LastReloadError(); err != nil {
		doc.LastReload = &ReloadFailure{At: at, Error: err.Error()}
	}
	for _, r := range t.Routes {
		doc.Routes = append(doc.Routes, p.routeStatus(r))
	}
	for _, name := range sortedBackendNames(t) {
		doc.Backends = append(doc.Backends, t.Backends[name].Status())
	}
	return doc
}

// routeStatus describes one route of the live table.
func (p *Proxy) routeStatus(r *Route) RouteStatus {
	rs := RouteStatus{
		Name: r.Name, Line: r.Line, Match: r.Config.Match, To: r.To.Name, Default: r.Default.Name,
		Weight: r.Weight(), FileWeight: float64(r.Config.WeightBuckets()) * 100 / config.Buckets,
		WeightOverridden: r.WeightOverridden(), Cohort: r.cohort.String(),
		Mode: r.Mode(), FileMode: config.Mode(r.Config.Mode),
	}
	if r.Fallback != nil {
		rs.Fallback = r.Fallback.Name
	}
	prog := r.state.progress()
	if rs.Mode == config.ModeCanary || prog.LastRollback != nil {
		rc := p.Table().Config.RouteRollout(&r.Config)
		st := &RolloutStatus{Steps: rc.Steps, Manual: rc.Manual, LastRollback: prog.LastRollback}
		if rs.Mode == config.ModeCanary {
			st.Step, st.StepSince = prog.Step, prog.StepSince
			if !rc.Manual && !prog.StepSince.IsZero() {
				st.NextCheck = prog.StepSince.Add(rc.Interval.D())
			}
		}
		rs.Rollout = st
	}
	return rs
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
		if errors.Is(err, ErrUnknownRoute) {
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
