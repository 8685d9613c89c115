package strangler

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
)

// StateSchema versions the state file.
const StateSchema = "ficus.proxy.state/v1"

// ErrCorruptState is returned when the state file cannot be read as a
// state document. The proxy then starts with every route on the monolith.
var ErrCorruptState = errors.New("corrupt state file")

// StateDoc is the state file: every route's live mode, weight and rollout
// progress, and the file's mode and weight they were derived from, so that
// a later edit of the file wins over a stale state.
type StateDoc struct {
	Schema  string                `json:"schema"`
	SavedAt time.Time             `json:"saved_at"`
	Routes  map[string]RouteState `json:"routes"`
}

// RouteState is one route's entry in the state file.
type RouteState struct {
	Mode       config.Mode     `json:"mode"`
	Weight     float64         `json:"weight"`
	FileMode   config.Mode     `json:"file_mode"`
	FileWeight float64         `json:"file_weight"`
	Rollout    rolloutProgress `json:"rollout"`
	// Parity is the route's shadow evidence, kept so that a restart does
	// not erase what the parity gate judges.
	Parity *ParityEvidence `json:"parity,omitempty"`
}

// ReadState reads a state file; it returns nil and no error when the file
// does not exist.
func ReadState(path string) (*StateDoc, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("strangler: read state: %w", err)
	}
	var doc StateDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("strangler: %s: %w: %v", path, ErrCorruptState, err)
	}
	if doc.Schema != StateSchema {
		return nil, fmt.Errorf("strangler: %s: %w: schema %q, want %q", path, ErrCorruptState, doc.Schema, StateSchema)
	}
	for name, rs := range doc.Routes {
		_, err := config.WeightToBuckets(rs.Weight)
		if _, merr := config.ParseMode(string(rs.Mode)); err != nil || (rs.Mode != config.ModeNone && merr != nil) {
			return nil, fmt.Errorf("strangler: %s: %w: route %s has mode %q and weight %g", path, ErrCorruptState, name, rs.Mode, rs.Weight)
		}
	}
	return &doc, nil
}

// writeState writes doc atomically: a temporary file in the same
// directory, synced, then renamed over path.
func writeState(path string, doc *StateDoc) error {
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("strangler: write state: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("strangler: write state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("strangler: write state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("strangler: write state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("strangler: write state: %w", err)
	}
	return nil
}

// snapshot returns the live state of every route; p.mu must be held.
func (p *Proxy) snapshot() *StateDoc {
	doc := &StateDoc{Schema: StateSchema, SavedAt: p.now().UTC(), Routes: map[string]RouteState{}}
	for _, r := range p.Table().Routes {
		s := r.state
		s.mu.Lock()
		doc.Routes[r.Name] = RouteState{
			Mode: s.liveMode(), Weight: float64(s.weight()) * 100 / config.Buckets,
			FileMode: s.fileM, FileWeight: float64(s.file) * 100 / config.Buckets, Rollout: s.rollout,
		}
		s.mu.Unlock()
		if p.parity != nil {
			rs := doc.Routes[r.Name]
			rs.Parity = p.parity.evidence(r.Name)
			doc.Routes[r.Name] = rs
		}
	}
	return doc
}

// persist saves the live state; p.mu must be held. A failure is logged:
// the proxy keeps serving, and the next change tries again.
func (p *Proxy) persist() {
	if p.statePath == "" {
		return
	}
	if err := writeState(p.statePath, p.snapshot()); err != nil {
		p.log.Error("could not save the route state; a restart would lose the latest changes", "file", p.statePath, "err", err)
	}
}

// restore applies a saved state at start. Routes whose file mode or weight
// changed since the state was saved keep the file's. A corrupt state file
// is moved aside and every route starts on the monolith.
func (p *Proxy) restore() {
	if p.statePath == "" {
		return
	}
	doc, err := ReadState(p.statePath)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.parity == nil {
		p.parity = newParity(p.Table().Config.Parity.Samples)
	}
	if errors.Is(err, ErrCorruptState) {
		aside := p.statePath + ".corrupt"
		_ = os.Rename(p.statePath, aside)
		p.stateErr = err
		p.log.Error("state file is corrupt; every route starts on the monolith until promoted again", "file", p.statePath, "moved_to", aside, "err", err)
		for _, r := range p.Table().Routes {
			r.state.setMode(config.ModeMonolith, 0, rolloutProgress{})
		}
		p.persist()
		return
	}
	if err != nil {
		p.stateErr = err
		p.log.Error("cannot read the state file; starting from the config file", "file", p.statePath, "err", err)
		return
	}
	if doc == nil {
		return
	}
	for _, r := range p.Table().Routes {
		rs, ok := doc.Routes[r.Name]
		if !ok {
			continue
		}
		fileBuckets, _ := config.WeightToBuckets(rs.FileWeight)
		s := r.state
		s.mu.Lock()
		same := s.fileM == rs.FileMode && int(s.file) == fileBuckets
		s.mu.Unlock()
		if !same {
			p.log.Info("route changed in the config file since the state was saved; using the file", "route", r.Name)
			continue
		}
		buckets, _ := config.WeightToBuckets(rs.Weight)
		s.setMode(rs.Mode, buckets, rs.Rollout)
		if rs.Parity != nil {
			p.parity.restore(r.Name, rs.Parity)
		}
		p.log.Info("route state restored", "route", r.Name, "mode", string(rs.Mode), "weight", rs.Weight, "step", rs.Rollout.Step)
	}
}

// StateError returns the problem met reading the state file at start, or nil.
func (p *Proxy) StateError() error { return p.stateErr }
