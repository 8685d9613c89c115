package analyzer

import (
	"go/ast"
	"slices"
	"strings"
)

// jobCall finds job registrations: a call named in jobs.schedule, outside
// the standard library, given a function to run. The job is named by its
// first constant string argument that is not a schedule spec, or else by
// the function it runs.
func (x *extractor) jobCall(call *ast.CallExpr, c callee) {
	if !slices.Contains(x.cfg.Jobs.Schedule, c.name) || isStd(c.pkg) {
		return
	}
	var name string
	var targets []string
	for _, a := range call.Args {
		if s, ok := x.constString(a); ok {
			if name == "" && !isScheduleSpec(s) && !strings.HasPrefix(c.pkg, "github.com/robfig/cron") {
				name = s
			}
			continue
		}
		targets = append(targets, x.funcValues(a)...)
	}
	if len(targets) == 0 {
		return
	}
	if name == "" {
		name = targets[0]
	}
	x.f.jobs = append(x.f.jobs, jobReg{name: name, pkg: x.pkg, pos: x.pos(call.Pos()), targets: targets})
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

// goStmt records goroutines started on module functions: one that loops on
// a ticker is a background job (decided once every body is read). A
// literal that loops on a ticker makes its enclosing declaration a job.
func (x *extractor) goStmt(g *ast.GoStmt) {
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		if x.litUsesTicker(lit) {
			x.f.goCalls = append(x.f.goCalls, goCall{owner: x.owner, target: x.owner, pkg: x.pkg, pos: x.pos(g.Pos()), literal: true})
		}
		return
	}
	c, _ := x.peekCallee(g.Call)
	if c.fn != nil && x.inRoots(c.fn) && c.iface == nil {
		x.f.goCalls = append(x.f.goCalls, goCall{owner: x.owner, target: funcID(c.fn), pkg: x.pkg, pos: x.pos(g.Pos())})
	}
}

// litUsesTicker reports whether a function literal loops on a ticker and
// calls no function value it was handed (which would make it a scheduler).
func (x *extractor) litUsesTicker(lit *ast.FuncLit) bool {
	ticker, dynamic := false, false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		c, _ := x.peekCallee(call)
		if c.pkg == "time" && (c.name == "NewTicker" || c.name == "Tick") {
			ticker = true
		}
		if c.dynamic {
			dynamic = true
		}
		return true
	})
	return ticker && !dynamic
}
