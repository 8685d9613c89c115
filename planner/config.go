package planner

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
)

// ConfigFile is the per-repository configuration file; the planner reads
// its plan section.
const ConfigFile = "ficus.yaml"

// Config is the plan section of ficus.yaml.
type Config struct {
	// Weights are the strength of each signal between two units.
	Weights Weights
	// Kernel tunes the detection of the shared kernel.
	Kernel KernelConfig
	// Services is the target number of services; 0 picks it by a sweep.
	Services int
	// Pin places units in named services: service name → unit ids
	// ("pkg:PATH" pins every unit of a package).
	Pin map[string][]string
	// Together lists groups of units that must share a service.
	Together [][]string
	// Apart lists groups of units that must be in pairwise different
	// services.
	Apart [][]string

	// source and name are the file the section came from, so errors about
	// a constraint can show its line.
	source []byte
	name   string
}

// Weights are the per-signal edge weights of the planning graph. Each
// analyzer edge kind has one; Receiver, Files and Names are signals the
// planner derives itself. Documented in docs/plan-format.md.
type Weights struct {
	Calls      float64 `yaml:"calls" json:"calls"`
	References float64 `yaml:"references" json:"references"`
	Embeds     float64 `yaml:"embeds" json:"embeds"`
	Implements float64 `yaml:"implements" json:"implements"`
	Handles    float64 `yaml:"handles" json:"handles"`
	Reads      float64 `yaml:"reads" json:"reads"`
	Writes     float64 `yaml:"writes" json:"writes"`
	Uses       float64 `yaml:"uses" json:"uses"`
	Runs       float64 `yaml:"runs" json:"runs"`
	// Events joins each publisher of an event to each subscriber.
	Events float64 `yaml:"events" json:"events"`
	// Entries joins each entry point (route, job, event subscriber) to
	// the code its calls reach.
	Entries float64 `yaml:"entries" json:"entries"`
	// Receiver joins a method to its receiver type.
	Receiver float64 `yaml:"receiver" json:"receiver"`
	// Files joins the symbols declared in one file.
	Files float64 `yaml:"files" json:"files"`
	// Names joins symbols whose identifiers, file names or package names
	// share a word.
	Names float64 `yaml:"names" json:"names"`
	// Stems joins symbols declared in files whose names start with the
	// same business word in different folders (handlers/orders.go,
	// services/order_service.go, repository/order_repository.go): layered
	// code mirrors its areas' file names across the layers.
	Stems float64 `yaml:"stems" json:"stems"`
	// Resources joins the routes of one REST resource (the first path
	// segment that is no layer or version word: /orders, /orders/{id}).
	Resources float64 `yaml:"resources" json:"resources"`
	// CoChanges is the pull toward each other of the symbols of two files
	// changed in the same commits (co-changes edges of ficus analyze
	// --history), by how often and how recently. Evidence refines the
	// structural plan and never enters the clustering (see
	// refineWithEvidence); a plan records it only when the graph has
	// history.
	CoChanges float64 `yaml:"co_changes" json:"co_changes,omitempty"`
	// Executes is the pull of a route on the functions production traces
	// or per-route coverage saw it run (executes edges of ficus evidence),
	// less for functions many routes run; like CoChanges it refines the
	// structural plan, and a plan records it only when the graph has such
	// evidence.
	Executes float64 `yaml:"executes" json:"executes,omitempty"`
}

// KernelConfig tunes the shared kernel.
type KernelConfig struct {
	// Spread is how many services must use a symbol, counted as an
	// effective number (inverse Simpson index of the users' services), for
	// it to be shared; 0 turns the detection off.
	Spread float64 `yaml:"spread"`
	// Include lists units always in the kernel ("pkg:PATH" for a package).
	Include []string `yaml:"include"`
	// Exclude lists units never in the kernel.
	Exclude []string `yaml:"exclude"`
	// MaxShare is the share of the units above which the kernel gives the
	// code one service mostly uses back to it (default 0.15); 1 turns the
	// cap off.
	MaxShare float64 `yaml:"max_share"`
}

// DefaultConfig returns the configuration used without a plan section.
func DefaultConfig() Config {
	return Config{
		Weights: Weights{
			Calls: 1, References: 0.5, Embeds: 1, Implements: 1, Handles: 4,
			Reads: 1, Writes: 2, Uses: 0.5, Runs: 4, Events: 0.25,
			Entries: 0.5, Receiver: 2, Files: 0.5, Names: 0.25, Stems: 0.5, Resources: 1, CoChanges: 1, Executes: 1,
		},
		Kernel: KernelConfig{Spread: 3, MaxShare: maxKernelShare},
	}
}

// isZero reports whether c is the zero Config, which Propose reads as
// DefaultConfig.
func (c Config) isZero() bool {
	return c.Weights == (Weights{}) && c.Kernel.Spread == 0 && c.Kernel.MaxShare == 0 && c.Kernel.Include == nil && c.Kernel.Exclude == nil &&
		c.Services == 0 && c.Pin == nil && c.Together == nil && c.Apart == nil
}

// planFile is the plan section as written; pointers tell "absent" from 0.
type planFile struct {
	Weights  *weightsFile        `yaml:"weights"`
	Kernel   *kernelFile         `yaml:"kernel"`
	Services *int                `yaml:"services"`
	Pin      map[string][]string `yaml:"pin"`
	Together [][]string          `yaml:"together"`
	Apart    [][]string          `yaml:"apart"`
}

type weightsFile struct {
	Calls      *float64 `yaml:"calls"`
	References *float64 `yaml:"references"`
	Embeds     *float64 `yaml:"embeds"`
	Implements *float64 `yaml:"implements"`
	Handles    *float64 `yaml:"handles"`
	Reads      *float64 `yaml:"reads"`
	Writes     *float64 `yaml:"writes"`
	Uses       *float64 `yaml:"uses"`
	Runs       *float64 `yaml:"runs"`
	Events     *float64 `yaml:"events"`
	Entries    *float64 `yaml:"entries"`
	Receiver   *float64 `yaml:"receiver"`
	Files      *float64 `yaml:"files"`
	Names      *float64 `yaml:"names"`
	Stems      *float64 `yaml:"stems"`
	Resources  *float64 `yaml:"resources"`
	CoChanges  *float64 `yaml:"co_changes"`
	Executes   *float64 `yaml:"executes"`
}

type kernelFile struct {
	Spread   *float64 `yaml:"spread"`
	Include  []string `yaml:"include"`
	Exclude  []string `yaml:"exclude"`
	MaxShare *float64 `yaml:"max_share"`
}

// wholeFile is ficus.yaml; the sections of other stages are accepted and
// left to them.
type wholeFile struct {
	Events   any       `yaml:"events"`
	Jobs     any       `yaml:"jobs"`
	SQL      any       `yaml:"sql"`
	History  any       `yaml:"history"`
	Prefixes any       `yaml:"prefixes"`
	Plan     *planFile `yaml:"plan"`
}

// LoadConfig reads the plan section of dir/ficus.yaml; a missing file or
// section gives DefaultConfig.
func LoadConfig(dir string) (Config, error) {
	path := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return DefaultConfig(), nil
	}
	if err != nil {
		return DefaultConfig(), fmt.Errorf("read %s: %w", path, err)
	}
	return ParseConfig(path, data)
}

// ParseConfig parses the plan section of a ficus.yaml; name is used in
// errors. Unknown keys are errors that show the line.
func ParseConfig(name string, data []byte) (Config, error) {
	cfg := DefaultConfig()
	var wf wholeFile
	if err := unmarshal(data, &wf); err != nil {
		return cfg, fmt.Errorf("%s: %s\nfix the file: the plan section takes weights, kernel, services, pin, together and apart (see docs/plan-format.md)", name, yaml.FormatError(err, false, true))
	}
	pf := wf.Plan
	if pf == nil {
		return cfg, nil
	}
	if w := pf.Weights; w != nil {
		for _, f := range []struct {
			dst *float64
			src *float64
			key string
		}{
			{&cfg.Weights.Calls, w.Calls, "calls"}, {&cfg.Weights.References, w.References, "references"},
			{&cfg.Weights.Embeds, w.Embeds, "embeds"}, {&cfg.Weights.Implements, w.Implements, "implements"},
			{&cfg.Weights.Handles, w.Handles, "handles"}, {&cfg.Weights.Reads, w.Reads, "reads"},
			{&cfg.Weights.Writes, w.Writes, "writes"}, {&cfg.Weights.Uses, w.Uses, "uses"},
			{&cfg.Weights.Runs, w.Runs, "runs"}, {&cfg.Weights.Events, w.Events, "events"},
			{&cfg.Weights.Entries, w.Entries, "entries"}, {&cfg.Weights.Receiver, w.Receiver, "receiver"}, {&cfg.Weights.Files, w.Files, "files"},
			{&cfg.Weights.Names, w.Names, "names"}, {&cfg.Weights.Stems, w.Stems, "stems"},
			{&cfg.Weights.Resources, w.Resources, "resources"},
			{&cfg.Weights.CoChanges, w.CoChanges, "co_changes"}, {&cfg.Weights.Executes, w.Executes, "executes"},
		} {
			if f.src == nil {
				continue
			}
			if !(*f.src >= 0) || math.IsInf(*f.src, 1) {
				return cfg, fmt.Errorf("%s: plan.weights.%s is %g; a weight must be a number, 0 (off) or more", name, f.key, *f.src)
			}
			*f.dst = *f.src
		}
	}
	if k := pf.Kernel; k != nil {
		if k.Spread != nil {
			if *k.Spread != 0 && !(*k.Spread >= 2) || math.IsInf(*k.Spread, 1) {
				return cfg, fmt.Errorf("%s: plan.kernel.spread is %g; use 0 (no kernel) or 2 and more", name, *k.Spread)
			}
			cfg.Kernel.Spread = *k.Spread
		}
		if k.MaxShare != nil {
			if !(*k.MaxShare > 0 && *k.MaxShare <= 1) {
				return cfg, fmt.Errorf("%s: plan.kernel.max_share is %g; use a share above 0 and at most 1 (1: no cap)", name, *k.MaxShare)
			}
			cfg.Kernel.MaxShare = *k.MaxShare
		}
		cfg.Kernel.Include, cfg.Kernel.Exclude = k.Include, k.Exclude
	}
	if pf.Services != nil {
		if *pf.Services < 0 {
			return cfg, fmt.Errorf("%s: plan.services is %d; use 0 (choose by sweep) or more", name, *pf.Services)
		}
		cfg.Services = *pf.Services
	}
	cfg.Pin, cfg.Together, cfg.Apart = pf.Pin, pf.Together, pf.Apart
	cfg.source, cfg.name = data, name
	return cfg, nil
}

// unmarshal decodes strictly. The YAML decoder panics on some malformed
// input (a tagged scalar where a list is expected); that is reported as
// an error like any other.
func unmarshal(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML cannot be decoded (%v)", r)
		}
	}()
	return yaml.UnmarshalWithOptions(data, v, yaml.DisallowUnknownField())
}

// where names the place of a YAML path ("$.plan.pin.orders[1]") in the
// file the configuration came from: "ficus.yaml:12" or the path itself.
func (c Config) where(path string) string {
	if c.source == nil {
		return path
	}
	p, err := yaml.PathString(path)
	if err != nil {
		return path
	}
	f, err := parser.ParseBytes(c.source, 0)
	if err != nil {
		return path
	}
	n, err := p.FilterFile(f)
	if err != nil || n == nil || n.GetToken() == nil {
		return c.name + ": " + path
	}
	return fmt.Sprintf("%s:%d", c.name, n.GetToken().Position.Line)
}
