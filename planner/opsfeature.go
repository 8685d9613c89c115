package planner

import "github.com/ficus-dev/ficus/analyzer"

// A folder laid out like a feature whose routes are all operational
// (liveness and readiness probes, metrics, API documentation) and whose
// code writes no table and runs no job is no business area: it is the
// health and metrics surface every deployable mounts, and the kernel
// holds it (see mergeHelperClusters). Kept as a feature it became a
// service named "check" or "health", which no team would extract.

// dropOperationsFeatures removes the features that serve routes, every
// one of them operational, and write no table nor run a job. Programs
// stay: a program is a deployment target of its own.
func (s *structure) dropOperationsFeatures(m *model, r *roles) {
	if len(s.features) == 0 {
		return
	}
	feat := s.unitFeatures(m, r)
	routes := make([]bool, len(s.features))
	business := make([]bool, len(s.features))
	for u, f := range feat {
		if f < 0 {
			continue
		}
		switch n := m.unitNode(int32(u)); {
		case n.Kind == analyzer.KindRoute:
			routes[f] = true
			if isBusinessRoute(n.Name) {
				business[f] = true
			}
		case n.Kind == analyzer.KindJob || m.writes[u]:
			business[f] = true
		}
	}
	into := make([]int32, len(s.features))
	some := false
	for f := range s.features {
		into[f] = keepFeature
		if routes[f] && !business[f] && !s.features[f].Program {
			into[f], some = -1, true
		}
	}
	if some {
		s.reshape(into, nil)
	}
}
