package planner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// Options configure Propose.
type Options struct {
	// Services is the number of services wanted; 0 takes Config.Services,
	// and if that is 0 too the granularity sweep chooses.
	Services int
	// Seed seeds every random choice: the same graph, options and seed
	// give the same plan, byte for byte.
	Seed uint64
	// Config is the plan section of ficus.yaml (see LoadConfig); the zero
	// Config stands for DefaultConfig.
	Config Config
	// Logger receives debug detail; nil discards it.
	Logger *slog.Logger
}

// ErrNothingToPlan is returned for a graph without any unit to place.
var ErrNothingToPlan = errors.New("nothing to plan")

// Propose clusters the graph into services and explains the result.
func Propose(ctx context.Context, doc analyzer.Document, opts Options) (*Plan, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := newModel(doc)
	if len(m.units) == 0 {
		return nil, fmt.Errorf("%w: the graph of %s has no types, functions, routes or tables; run 'ficus analyze' on the module's root, with its package patterns", ErrNothingToPlan, orModule(doc.Module))
	}
	cfg := opts.Config
	if cfg.isZero() {
		cfg = DefaultConfig()
	}
	want := opts.Services
	if want == 0 {
		want = cfg.Services
	}
	s := buildSignals(m, cfg.Weights)
	r := m.rolesOf()
	cons, err := resolveConstraints(m, r, cfg)
	if err != nil {
		return nil, err
	}
	st := m.structureOf()
	if want == 0 || want <= len(st.features) {
		cons.keepFeatures(m, r, st)
	}
	c, err := newClusterer(ctx, m, s, r, cfg, cons, pointRand(opts.Seed, -1))
	if err != nil {
		return nil, err
	}
	log.Debug("kernel found", "units", count(c.kernel))
	ps, err := c.sweep(ctx, sweepResolutions(), opts.Seed)
	if err != nil {
		return nil, err
	}
	var chosen partition
	var sweep []SweepPoint
	if want > 0 {
		if chosen, err = c.target(ctx, want, ps, opts.Seed); err != nil {
			return nil, err
		}
		if chosen.services != want {
			log.Debug("cannot reach the requested number of services", "want", want, "got", chosen.services)
		}
	} else {
		top := knee(ps)
		best := c.areaKnee(ps, top)
		chosen = ps[best]
		for i, p := range ps {
			sweep = append(sweep, SweepPoint{Resolution: p.resolution, Services: p.services,
				Modularity: round4(p.modularity), ICP: round4(p.icp), Chosen: i == best})
		}
		sweep[best].Reason = cmp.Or(areaReason(ps, top, best), kernelReason(ps, top))
	}
	label := chosen.label
	if chosen.services == 0 {
		// Nothing stands apart from the rest: the whole code is one service.
		label = make([]int32, len(label))
		chosen = c.measure(label, chosen.resolution)
	}
	hubMoves := hubAreas(m, s, r, cons, label)
	if cfg.Kernel.Include == nil {
		genericToKernel(m, s, r, cons, label)
		middlewareToKernel(m, r, cons, label)
		trimKernel(m, s, r, cons, label, cfg.Kernel.MaxShare)
	}
	var concerns, domains []concernMove
	if want == 0 {
		// a requested number of services is the user's call
		concerns = placeConcernFiles(m, s, r, cons, label, cfg.Kernel.MaxShare)
		domains = placeDomainFiles(m, s, cons, label)
		mergeNonServices(m, s, cons, label)
		mergeTiny(m, s, cons, label)
		mergeSameName(m, cons, label)
		mergeHelperClusters(m, s, cons, label, cfg.Kernel.MaxShare, cfg.Kernel.Spread > 0 && cfg.Kernel.Include == nil)
		placeConstructors(m, cons, label)
		mainToKernel(m, s, cons, label)
		if cfg.Kernel.Include == nil {
			// the merges can leave kernel code with one user, and a main
			// that builds several services can take the kernel over its cap
			giveSoleUsed(m, s, r, cons, label)
			giveSoleReached(m, s, r, cons, label)
			// the composition root a service took makes it the sole user
			// of the middleware it registers
			middlewareToKernel(m, r, cons, label)
			trimKernel(m, s, r, cons, label, cfg.Kernel.MaxShare)
			domainPackagesOut(m, s, r, cons, label)
		}
	}
	if cfg.Kernel.Include == nil {
		for _, pkg := range stubsToServer(m, cons, label) {
			log.Debug("generated stubs go to the service serving them", "pkg", pkg)
		}
		if want == 0 && cfg.Kernel.Spread > 0 {
			for _, pkg := range testHelpersToKernel(m, cons, label) {
				log.Debug("test helpers several services use join the kernel", "pkg", pkg)
			}
		}
	}
	if want == 0 {
		if _, err := splitGiants(ctx, m, s, cons, label, opts.Seed); err != nil {
			return nil, err
		}
	}
	moved := refineWithEvidence(m, s, cons, label, cfg.Weights)
	if want == 0 {
		placeUnplacedByFolder(m, cons, label, cfg.Kernel.MaxShare, cfg.Kernel.Spread > 0 && cfg.Kernel.Include == nil)
	}
	// files move whole whatever the number of services: no service
	// vanishes, so a requested number stays; filed are the units it put
	// in the kernel
	filed := keepFilesWhole(m, cons, label, moved, cfg.Kernel.MaxShare, cfg.Kernel.Include == nil)
	if cfg.Kernel.Include == nil {
		// a route follows its handler out of the kernel first; a route
		// whose handler stays goes to the service of its resource
		routesToHandlers(m, cons, label)
		routesToResources(m, cons, label)
	}
	services := 0
	for _, l := range label {
		services = max(services, int(l)+1)
	}
	plan := explainPlan(m, s, r, cons, label, services, moved, filed, concerns, domains)
	hubPlacements(m, plan, hubMoves)
	plan.Module = doc.Module
	plan.Organization = st.orgs
	plan.Features = st.features
	plan.Settings = &Settings{Seed: opts.Seed, Services: want, Resolution: chosen.resolution, Weights: settingsWeights(m, cfg.Weights), Spread: cfg.Kernel.Spread}
	plan.Sweep = sweep
	log.Debug("plan ready", "services", len(plan.Services), "shared", len(plan.Shared), "resolution", chosen.resolution)
	return plan, nil
}

func orModule(m string) string {
	if m == "" {
		return "(no module)"
	}
	return m
}

func count(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// explainPlan builds the plan document of a final labelling with k
// services; moved are the units evidence placed (refineWithEvidence),
// concerns the files placeConcernFiles moved.
func explainPlan(m *model, s *signals, r *roles, cons *constraints, label []int32, k int, moved map[int32]int32, filed map[int32]bool, concerns, domains []concernMove) *Plan {
	names, naming := serviceNames(m, cons, label, k)
	tools, names, naming, renumber := setAsideTools(m, label, names, naming)
	k = len(names)
	if renumber != nil {
		// the units evidence placed keep the service they came from
		kept := make(map[int32]int32, len(moved))
		for u, from := range moved {
			if from >= 0 {
				from = renumber[from]
			}
			kept[u] = from
		}
		moved = kept
	}
	// why the kernel holds what it holds and which of it is libraries
	// read the final labels, which nothing below changes: they are worked
	// out meanwhile
	var reasons []KernelReason
	var libs []Library
	done := make(chan struct{})
	go func() {
		defer close(done)
		reasons, libs = kernelReasons(m, s, cons, label, filed), libraries(m, label)
	}()
	x := &explainer{m: m, r: r, label: label, names: names, moved: moved}
	services := x.services()
	for i := range services {
		services[i].Naming, services[i].NamingNote = naming[i].reason, naming[i].note
	}
	shared := x.sharedTables(services)
	inCalls, outCalls := x.api(services)
	sm := serviceMetrics(m, s, label, k)
	api := make([]int, k)
	for i := range services {
		services[i].Metrics = &sm[i]
		services[i].Cost = cost(&services[i], inCalls[i], outCalls[i])
		api[i] = len(services[i].API)
	}
	met := planMetrics(s, label, k, api)
	x.historyPlacements(services)
	x.evidencePlacements(services)
	x.concernPlacements(services, concerns)
	x.domainPlacements(services, domains)
	plan := &Plan{Schema: Schema, Services: services, Shared: []string{}, SharedTables: shared, Metrics: &met, Tools: tools}
	for u, l := range label {
		switch l {
		case labelKernel:
			plan.Shared = append(plan.Shared, m.unitNode(int32(u)).ID)
		case labelUnplaced:
			plan.Unplaced = append(plan.Unplaced, m.unitNode(int32(u)).ID)
		}
	}
	slices.Sort(plan.Shared)
	slices.Sort(plan.Unplaced)
	slices.SortFunc(plan.Services, func(a, b Service) int { return cmp.Compare(a.Name, b.Name) })
	<-done
	plan.SharedReasons, plan.Libraries = reasons, libs
	plan.Cycles = cycles(plan.Services)
	plan.Order = migrationOrder(plan.Services)
	return plan
}

// pinnedNames maps the labels of pinned groups to their pin names.
func pinnedNames(cons *constraints, label []int32) map[int32]string {
	out := map[int32]string{}
	for u, s := range cons.set {
		if s >= 0 && cons.pin[s] != "" && label[u] >= 0 {
			out[label[u]] = cons.pin[s]
		}
	}
	return out
}
