package config

import (
	"sort"
	"strings"
)

// routeTable is the analyzer's routes as the proxy must match them: each
// id's match, translated for its framework, and the guards that keep on
// the monolith what those matches would take but the framework refuses.
type routeTable struct {
	key    map[string]string // id → "route:METHOD pattern" of its proxy match
	exact  map[string]bool   // ids whose GET match must not take HEAD
	guards []routeGuard
}

// routeGuard is a guard and the id it was made for.
type routeGuard struct {
	id string
	pm ProxyMatch
}

// translateRoutes translates ids, each under its framework (frameworks
// maps id to framework; ids without one keep their pattern).
func translateRoutes(ids []string, frameworks map[string]string) routeTable {
	t := routeTable{key: map[string]string{}, exact: map[string]bool{}}
	byFw := map[string][]string{}
	for _, id := range ids {
		byFw[frameworks[id]] = append(byFw[frameworks[id]], id)
	}
	fws := make([]string, 0, len(byFw))
	for fw := range byFw {
		fws = append(fws, fw)
	}
	sort.Strings(fws)
	for _, fw := range fws {
		group := byFw[fw]
		sort.Strings(group)
		var refs []RouteRef
		var refIDs []string
		for _, id := range group {
			rest, ok := strings.CutPrefix(id, "route:")
			if !ok {
				continue
			}
			method, pattern, ok := strings.Cut(rest, " ")
			if !ok {
				method, pattern = "*", rest
			}
			if method == "*" {
				method = ""
			}
			refs = append(refs, RouteRef{Method: method, Path: pattern})
			refIDs = append(refIDs, id)
		}
		for _, pm := range TranslateRoutes(fw, refs) {
			id := refIDs[pm.Of]
			if pm.Guard {
				t.guards = append(t.guards, routeGuard{id: id, pm: pm})
				continue
			}
			t.key[id] = proxyKey(pm.Method, pm.Path)
			t.exact[id] = pm.ExactMethods
		}
	}
	return t
}

// proxyKey is a proxy match's key as routeKey spells it.
func proxyKey(method, pattern string) string {
	if method == "" {
		method = "*"
	}
	return "route:" + method + " " + pattern
}

// translated is id's proxy key, or id itself when it was not translated.
func (t routeTable) translated(id string) string {
	if k, ok := t.key[id]; ok {
		return k
	}
	return id
}

// match is id's proxy match, as 'proxy init' writes it.
func (t routeTable) match(id string) (MatchConfig, bool) {
	m, ok := routeMatch(t.translated(id))
	m.ExactMethods = ok && t.exact[id]
	return m, ok
}
