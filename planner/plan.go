package planner

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Schema is the version tag of the plan JSON document.
const Schema = "ficus.plan/v1"

// Plan is a proposed split of a monolith into services, self-describing so
// that a renderer needs nothing else; docs/plan-format.md describes every
// field. A ground truth for 'ficus score' has the same shape, with only
// names and members filled in.
type Plan struct {
	Schema string `json:"schema"`
	Module string `json:"module,omitempty"`
	// Settings are the inputs that produced the plan.
	Settings *Settings `json:"settings,omitempty"`
	// Organization is how the code is laid out, subtree by subtree, as
	// read from its folders before clustering; Features are the business
	// areas a feature layout states, each kept as one service.
	Organization []Organization `json:"organization,omitempty"`
	Features     []Feature      `json:"features,omitempty"`
	Services     []Service      `json:"services"`
	// Shared is the shared kernel: units used from everywhere, to become a
	// library every service links, not a service.
	Shared []string `json:"shared"`
	// SharedReasons say, package by package, why units are in the kernel.
	SharedReasons []KernelReason `json:"shared_reasons,omitempty"`
	// Libraries are the packages of generic folders the kernel holds whole
	// (logging, errors, configuration, database helpers): each becomes a
	// versioned module every service imports. The rest of Shared is the
	// kernel proper, the shared code a migration must design away.
	Libraries []Library `json:"libraries,omitempty"`
	// SharedTables are tables written by more than one service.
	SharedTables []SharedTable `json:"shared_tables,omitempty"`
	// SharedState is shared mutable state: package-level variables that
	// tie services together at run time (see FindSharedState).
	SharedState []SharedState `json:"shared_state,omitempty"`
	// Cycles are groups of services that call each other in a cycle.
	Cycles  [][]string `json:"cycles,omitempty"`
	Metrics *Metrics   `json:"metrics,omitempty"`
	// Sweep is the granularity sweep, when the number of services was
	// chosen by it.
	Sweep []SweepPoint `json:"sweep,omitempty"`
	// Order is the recommended extraction order, first to extract first.
	Order []Step `json:"order,omitempty"`
	// Unplaced are units with no relation to anything (dead code, or code
	// reached by reflection only); no service claims them.
	Unplaced []string `json:"unplaced,omitempty"`
	// Tools are the programs of the code that are no service: a program
	// of its own, named after a mechanism (a log formatter, a code
	// generator), that serves no route, owns no table and runs no job.
	Tools []Tool `json:"tools,omitempty"`
}

// Tool is a program the plan sets aside rather than propose as a service
// (see Plan.Tools).
type Tool struct {
	Name string `json:"name"`
	// Members are the ids of the program's units.
	Members []string `json:"members"`
	// Reason says why it is a tool.
	Reason string `json:"reason"`
}

// Settings record how a plan was made.
type Settings struct {
	Seed       uint64  `json:"seed"`
	Services   int     `json:"services"` // requested; 0 when chosen by the sweep
	Resolution float64 `json:"resolution"`
	Weights    Weights `json:"weights"`
	Spread     float64 `json:"kernel_spread"`
}

// Service is one proposed service.
type Service struct {
	Name string `json:"name"`
	// Naming says why the service is not named after the word its code
	// repeats most: that word was a layer, technology, helper or
	// generated-code word, a truncation or an abbreviation, and what
	// named it instead, or that nothing did. Empty when the name is that
	// word.
	Naming string `json:"naming,omitempty"`
	// NamingNote is Naming in a few words for one line of a summary:
	// "renamed from csrf: csrf is a general technique, format or
	// mechanism", or "likely a helper: ..." for a name nothing replaced.
	NamingNote string `json:"naming_note,omitempty"`
	// Members are the ids of every unit the service owns: symbols, routes,
	// owned tables, jobs.
	Members []string `json:"members"`
	// Packages groups the member symbols by package and file.
	Packages []PackageMembers `json:"packages,omitempty"`
	// Routes are the HTTP routes the service serves.
	Routes []string `json:"routes"`
	// Tables are the tables the service owns (writes most).
	Tables []string `json:"tables"`
	// Writes and Reads are every table the service writes or only reads.
	Writes []string `json:"writes,omitempty"`
	Reads  []string `json:"reads,omitempty"`
	// SharedTables are tables this service writes along with another one.
	SharedTables []string `json:"shared_tables,omitempty"`
	// SharedState are the package-level variables the service shares
	// with others: blockers of its extraction.
	SharedState []string `json:"shared_state,omitempty"`
	// API are the member symbols other services call or reference: what
	// the service must expose once it is out of process.
	API []APIEntry `json:"api,omitempty"`
	// Publishes and Subscribes are the events the service sends and hears.
	Publishes  []string `json:"publishes,omitempty"`
	Subscribes []string `json:"subscribes,omitempty"`
	Jobs       []string `json:"jobs,omitempty"`
	// DependsOn lists the services this one calls or references.
	DependsOn []Dependency    `json:"depends_on,omitempty"`
	Cost      *Cost           `json:"cost,omitempty"`
	Metrics   *ServiceMetrics `json:"metrics,omitempty"`
	// History lists the members change history holds here (see
	// HistoryPlacement); only plans of graphs with history have it.
	History []HistoryPlacement `json:"history,omitempty"`
	// Evidence lists the members production evidence holds here (see
	// EvidencePlacement); only plans of graphs with executes edges have it.
	Evidence []EvidencePlacement `json:"evidence,omitempty"`
	// Concerns lists the files of seed or migration packages moved here
	// because their data is this service's (see ConcernPlacement).
	Concerns []ConcernPlacement `json:"concerns,omitempty"`
	// DomainFiles lists the files of domain packages every service uses
	// moved here because this service's code uses them (see
	// DomainPlacement).
	DomainFiles []DomainPlacement `json:"domain_files,omitempty"`
	// Hubs lists the files of a hub type's handlers moved here from the
	// hub's service because they are this service's area (see HubPlacement).
	Hubs []HubPlacement `json:"hubs,omitempty"`
}

// PackageMembers are a service's members declared in one package.
type PackageMembers struct {
	Package string        `json:"package"`
	Files   []FileMembers `json:"files"`
}

// FileMembers are a service's members declared in one file.
type FileMembers struct {
	File    string   `json:"file"`
	Members []string `json:"members"`
}

// APIEntry is one symbol a service must expose, with its callers.
type APIEntry struct {
	Symbol  string   `json:"symbol"`
	Callers []Caller `json:"callers"`
}

// Caller is a use of an API symbol from another service. Pos is the
// declaration of the calling symbol: the graph records which symbol makes
// the call, not the line of the call.
type Caller struct {
	Symbol  string `json:"symbol"`
	Service string `json:"service"`
	Kind    string `json:"kind"` // calls, references, uses, ...
	Pos     string `json:"pos,omitempty"`
}

// Dependency is an outgoing coupling to another service.
type Dependency struct {
	Service string `json:"service"`
	Calls   int    `json:"calls"`
	Other   int    `json:"other"` // references, variable uses, embedding
}

// Cost estimates the work of extracting a service.
type Cost struct {
	// Lines is the source size of the members.
	Lines int `json:"lines"`
	// APISymbols and InboundCalls are what other services use of it.
	APISymbols   int `json:"api_symbols"`
	InboundCalls int `json:"inbound_calls"`
	// OutboundCalls are its calls into other services (to become remote).
	OutboundCalls int `json:"outbound_calls"`
	// SharedTables need a data split.
	SharedTables int `json:"shared_tables"`
	// Score is the weighted sum documented in docs/plan-format.md;
	// Level buckets it as low, medium or high.
	Score float64 `json:"score"`
	Level string  `json:"level"`
}

// SharedTable is a table more than one service writes.
type SharedTable struct {
	Table   string   `json:"table"`
	Owner   string   `json:"owner"`
	Writers []string `json:"writers"`
}

// SweepPoint is one resolution of the granularity sweep.
type SweepPoint struct {
	Resolution float64 `json:"resolution"`
	Services   int     `json:"services"`
	Modularity float64 `json:"modularity"`
	ICP        float64 `json:"icp"`
	Chosen     bool    `json:"chosen,omitempty"`
	// Reason is set on the chosen point when something other than the
	// largest modularity minus inter-service calls chose it.
	Reason string `json:"reason,omitempty"`
}

// Step is one place in the extraction order.
type Step struct {
	Rank    int     `json:"rank"`
	Service string  `json:"service"`
	Score   float64 `json:"score"`
	Reason  string  `json:"reason"`
}

// WriteJSON writes the plan as indented JSON.
func (p *Plan) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	return nil
}

// ErrPlanSchema is returned when a document is not a ficus plan of a
// version this ficus reads.
var ErrPlanSchema = errors.New("not a ficus plan")

// ReadPlan reads a plan (or a ground truth in the plan's shape) and checks
// that no unit is in two places.
func ReadPlan(r io.Reader) (*Plan, error) {
	var p Plan
	dec := json.NewDecoder(bufio.NewReader(r))
	if err := dec.Decode(&p); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("read plan: the file is empty or truncated: %w; write it again with 'ficus plan -o'", err)
		}
		return nil, fmt.Errorf("read plan: %w", err)
	}
	if p.Schema != Schema {
		if strings.HasPrefix(p.Schema, "ficus.plan/") {
			return nil, fmt.Errorf("%w: schema %q is not supported, this ficus reads %q; re-run 'ficus plan' with this version", ErrPlanSchema, p.Schema, Schema)
		}
		return nil, fmt.Errorf("%w: schema is %q, want %q; pass the output of 'ficus plan' or a truth file of the same shape", ErrPlanSchema, p.Schema, Schema)
	}
	where := map[string]string{}
	place := func(id, in string) error {
		if prev, dup := where[id]; dup {
			return fmt.Errorf("read plan: %s is in %s and in %s; a unit belongs to one place", id, prev, in)
		}
		where[id] = in
		return nil
	}
	names := map[string]bool{}
	for i, s := range p.Services {
		if s.Name == "" {
			return nil, fmt.Errorf("read plan: service %d has no name", i)
		}
		if names[s.Name] {
			return nil, fmt.Errorf("read plan: two services are named %q; names must be unique", s.Name)
		}
		names[s.Name] = true
		for _, id := range s.Members {
			if err := place(id, "service "+s.Name); err != nil {
				return nil, err
			}
		}
	}
	for _, id := range p.Shared {
		if err := place(id, "shared"); err != nil {
			return nil, err
		}
	}
	return &p, nil
}
