package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// jobsRecognizer reads background jobs, in two shapes:
//
//	c.AddFunc("@hourly", stats.Snapshot)              // a call named in jobs.schedule
//	sched.Every("stats-rollup", time.Hour, s.Rollup)  // named by its constant argument
//	go w.loop(ctx)                                    // loop's body ticks on time.NewTicker
//
// A registration names the job by its first constant string argument that
// is not a schedule spec, or else by the function it runs. A goroutine
// started on a module function that loops on a ticker (and calls no
// function value it was handed, which would make it a scheduler) is a job
// named by that function; a ticking function literal makes its enclosing
// declaration one. Generated code registers no jobs.
func jobsRecognizer() recognizer {
	return &declared[jobFacts]{
		Name: "jobs",
		Doc:  "scheduler calls named in ficus.yaml (jobs.schedule) and goroutines looping on a time.Ticker",
		Run: func(p *pass, f *jobFacts) hooks {
			var traits funcTraits // of the declaration being walked
			return hooks{
				enter: func() { traits = funcTraits{} },
				anyCall: func(_ *ast.CallExpr, c callee) {
					traits.dynamicCall = traits.dynamicCall || c.dynamic
					traits.ticker = traits.ticker || isTicker(c)
				},
				funcDecl: func(fn *types.Func, _ *ast.FuncDecl) {
					if f.traits == nil {
						f.traits = map[string]funcTraits{}
					}
					f.traits[funcID(fn)] = traits
				},
				call:   func(call *ast.CallExpr, c callee) { f.registration(p, call, c) },
				goStmt: func(g *ast.GoStmt) { f.goStmt(p, g) },
			}
		},
		Resolve: resolveJobs,
	}
}

// jobFacts are the jobs of one package: registrations, goroutines that may
// be jobs, and what each function's body does.
type jobFacts struct {
	regs    []jobReg
	goCalls []goCall
	traits  map[string]funcTraits
}

// funcTraits records what a function body does that matters for job
// detection: whether it loops on a ticker and whether it calls a function
// value it was handed (a scheduler, not a job).
type funcTraits struct {
	ticker      bool
	dynamicCall bool
}

// goCall is a `go f(...)` statement whose target may be a ticker loop.
type goCall struct {
	target string
	pkg    string
	pos    string
	// literal marks a `go func(){...}()` already known to loop on a ticker.
	literal bool
}

// jobReg is a background job found at a registration call.
type jobReg struct {
	name    string
	pkg     string
	pos     string
	targets []string
}

func isTicker(c callee) bool {
	return c.pkg == "time" && (c.name == "NewTicker" || c.name == "Tick")
}

// resolveJobs adds the registered jobs, then the goroutines whose target
// loops on a ticker, once every function body is read.
func resolveJobs(r *resolution, all []*jobFacts) {
	traits := map[string]funcTraits{}
	var jobs []jobReg
	for _, f := range all {
		for id, t := range f.traits {
			traits[id] = t
		}
		jobs = append(jobs, f.regs...)
	}
	for _, f := range all {
		for _, gc := range f.goCalls {
			if t := traits[gc.target]; gc.literal || t.ticker && !t.dynamicCall {
				jobs = append(jobs, jobReg{name: gc.target, pkg: gc.pkg, pos: gc.pos, targets: []string{gc.target}})
			}
		}
	}
	for _, j := range jobs {
		id := "job:" + j.name
		r.node(Node{ID: id, Kind: KindJob, Name: j.name, Package: j.pkg, Pos: j.pos, Lines: 1})
		for _, t := range j.targets {
			r.edge(id, t, EdgeRuns, 1)
		}
	}
}

// registration reads a call named in jobs.schedule, outside the standard
// library, given a function to run.
func (f *jobFacts) registration(p *pass, call *ast.CallExpr, c callee) {
	if p.generated() || !slices.Contains(p.config().Jobs.Schedule, c.name) || isStd(c.pkg) {
		return
	}
	var name string
	var targets []string
	for _, a := range call.Args {
		if s, ok := p.constString(a); ok {
			if name == "" && !isScheduleSpec(s) && !strings.HasPrefix(c.pkg, "github.com/robfig/cron") {
				name = s
			}
			continue
		}
		targets = append(targets, p.funcValues(a)...)
	}
	if len(targets) == 0 {
		return
	}
	if name == "" {
		name = targets[0]
	}
	f.regs = append(f.regs, jobReg{name: name, pkg: p.pkg(), pos: p.pos(call.Pos()), targets: targets})
}

// isScheduleSpec recognises cron specs ("@every 1h", "*/5 * * * *") and
// durations, which say when a job runs, not what it is.
func isScheduleSpec(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "@") {
		return true
	}
	fields := strings.Fields(s)
	if len(fields) >= 5 && len(fields) <= 7 {
		for _, f := range fields {
			if strings.Trim(f, "0123456789*/,-?LW#") != "" && !isCronName(f) {
				return false
			}
		}
		return true
	}
	return false
}

func isCronName(f string) bool {
	f = strings.ToUpper(f)
	for _, part := range strings.FieldsFunc(f, func(r rune) bool { return r == ',' || r == '-' }) {
		switch part {
		case "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
			"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT":
		default:
			return false
		}
	}
	return true
}

// goStmt records goroutines started on module functions, and a literal
// that loops on a ticker (its enclosing declaration is then a job).
func (f *jobFacts) goStmt(p *pass, g *ast.GoStmt) {
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		if litUsesTicker(p, lit) {
			f.goCalls = append(f.goCalls, goCall{target: p.owner(), pkg: p.pkg(), pos: p.pos(g.Pos()), literal: true})
		}
		return
	}
	c := p.callee(g.Call)
	if c.fn != nil && p.inRoots(c.fn) && c.iface == nil {
		f.goCalls = append(f.goCalls, goCall{target: funcID(c.fn), pkg: p.pkg(), pos: p.pos(g.Pos())})
	}
}

// litUsesTicker reports whether a function literal loops on a ticker and
// calls no function value it was handed (which would make it a scheduler).
func litUsesTicker(p *pass, lit *ast.FuncLit) bool {
	ticker, dynamic := false, false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		c := p.callee(call)
		ticker = ticker || isTicker(c)
		dynamic = dynamic || c.dynamic
		return true
	})
	return ticker && !dynamic
}
