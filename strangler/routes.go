package strangler

import (
	"sort"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
)

// RoutesSchema versions the JSON document served at GET /routes.
const RoutesSchema = "ficus.proxy.routes/v1"

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

func sortedBackendNames(t *Table) []string {
	names := make([]string, 0, len(t.Backends))
	for n := range t.Backends {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
