package planner

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// Weights of the domain evidence that renames a service: a route's
// resource or an owned table names it more surely than a package does.
const (
	domainRouteWeight   = 3
	domainTableWeight   = 3
	domainPackageWeight = 1
)

// serviceNames names the k services of a final plan. Each keeps the name
// nameServices gives it when that name is a domain word; a name that is a
// layer, technology, helper or generated-code word (initdb, kodo, req), a
// verb (configure), a general technique or format (csrf, locale,
// logfmt), the app's own name (wtfd), a generator (parquetquerygen), a
// layer word glued to a business word (oauthapp), a truncation (tran of
// transaction, opera of operation) or an abbreviation without a vowel
// (btn) is replaced by the best domain phrase of what the service holds:
// its routes' resources (a verb segment gives its noun: disableTag gives
// tag), its jobs, the tables it owns (most of all the noun its routes
// share), its packages. A user's pin keeps its name, and so does a
// feature named after its parent folder (core-data) or a program of its
// own (the deployable's folder), names the structure reading chose on
// purpose; a program named after a mechanism says so. A service with no
// domain phrase keeps its name, and its reason says it is likely a
// helper. Names stay unique by stem, without numbers where a domain
// phrase is left. The second result is each service's naming, empty for
// a name kept.
func serviceNames(m *model, cons *constraints, label []int32, k int) ([]string, []naming) {
	// the names the code repeats and the domain evidence are read side
	// by side: both only read the plan
	var names []string
	var ev []nameEvidence
	parallel(2, func(i int) {
		if i == 0 {
			names = nameServices(m, label, k, pinnedNames(cons, label))
		} else {
			ev = gatherNameEvidence(m, cons, label, k)
		}
	})
	out := make([]naming, k)
	used := map[string]bool{} // by stem: "users" is taken by "user"
	for _, n := range names {
		used[nameKey(n)] = true
	}
	spread := map[string]int{}
	for l := range ev {
		for p := range ev[l].phrases {
			spread[p]++
		}
	}
	for l := range names {
		e := &ev[l]
		if e.user || (e.feature && strings.Contains(names[l], "-")) || e.accepts(names[l]) && (e.featureNames() || e.unsaid(names[l]) == "") ||
			e.program && !e.mechanism(names[l]) {
			continue
		}
		fault := cmp.Or(e.fault(names[l]), e.unsaid(names[l]))
		if e.feature && e.accepts(names[l]) {
			fault = fmt.Sprintf("its feature folder holds %d of its %d symbols, and %s", e.featureSymbols, e.symbols, fault)
		}
		if e.program {
			out[l] = naming{
				reason: "kept " + names[l] + ", the folder name of a program of its own, though " + fault +
					": a program named so is most often a tool, not a business area",
				note: "a program's own name, likely a tool: " + fault,
				tool: fault,
			}
			continue
		}
		if n, why := e.best(names[l], spread, used); n != "" {
			out[l] = naming{
				reason: "named " + n + " after " + why + ", not " + names[l] + " (" + fault + ")",
				note:   "renamed from " + names[l] + ": " + fault,
			}
			names[l] = n
			used[nameKey(n)] = true
			continue
		}
		if taken := e.taken(used); len(taken) > 0 {
			out[l] = naming{
				reason: "named " + names[l] + " for want of a better word: " + fault + ", and the domain words of its routes, tables and packages (" +
					strings.Join(taken, ", ") + ") name other services already: likely a part of one of them",
				note: "kept: " + fault + "; its domain words name other services",
			}
			continue
		}
		out[l] = naming{
			reason: "named " + names[l] + " for want of a better word: " + fault +
				", and no route, owned table or package of the service names a business area: likely a helper, not a service",
			note: "likely a helper: " + fault,
		}
	}
	return names, out
}

// naming is why a service does not carry the word its code repeats most:
// the whole reason for the plan's JSON, and a note short enough for one
// line of the summary. Both are empty for a name kept.
type naming struct {
	reason, note string
	// tool is, for a program of its own named after a mechanism, what
	// its name is (see setAsideTools); empty for any other service.
	tool string
}

// nameEvidence is what one service holds that can name it.
type nameEvidence struct {
	// phrases are the domain phrases of its routes' resources, owned
	// tables and packages, with their weights; why says where the best of
	// each came from.
	phrases map[string]float64
	why     map[string]string
	// words counts the words of its identifiers and of the code they
	// call: where a truncated name finds its whole word.
	words map[string]int
	// tableWords are the words of the non-technical tables it owns: a
	// helper word that names stored data (sys_config) is the service's
	// business.
	tableWords map[string]bool
	// known counts the words of the whole module as its names spell them:
	// what a compound or an abbreviation is made of.
	known map[string]int
	// user is set for a service a user's pin names; feature for one a
	// feature folder names.
	user, feature bool
	// featureSymbols and symbols count the service's symbols of its
	// feature folder and all of its symbols: a feature that grew to hold
	// mostly other code no longer names the service by itself.
	featureSymbols, symbols int
	// program is set for a program of its own: a deployable keeps the
	// name its folder gives it (a metrics sidecar is "metrics").
	program bool
	// tables are the phrases of the tables it owns.
	tables map[string]bool
	// app are the words of the module's own name: they name every area
	// at once (wtf, wtfd).
	app map[string]bool
	// agreed are the phrases of the owned tables whose words a route of
	// the service also holds (applications under /application): the
	// noun the service's whole surface says. said are the stems of the
	// words of its business routes, owned tables, and of its handlers and
	// jobs and their files (CatalogHandler in catalog.go says catalog).
	agreed map[string]bool
	said   map[string]bool
}

// gatherNameEvidence reads each service's domain phrases and words.
func gatherNameEvidence(m *model, cons *constraints, label []int32, k int) []nameEvidence {
	known := m.spelled  // as spelled: see compound
	parts := rawCache{} // the raw words of file names, split once
	technical := technicalTables(m)
	ev := make([]nameEvidence, k)
	for l := range ev {
		ev[l] = nameEvidence{phrases: map[string]float64{}, why: map[string]string{}, words: map[string]int{},
			tableWords: map[string]bool{}, tables: map[string]bool{}, known: known,
			agreed: map[string]bool{}, said: map[string]bool{}}
	}
	app := map[string]bool{}
	for _, mod := range strings.Split(m.module, ",") {
		for _, w := range words(path.Base(mod), nil) {
			app[w] = true // the app's own name says nothing of one area
		}
	}
	if !strings.Contains(m.module, ",") {
		// in a repository of several modules each module's name is its
		// program's, no name of the whole app
		for l := range ev {
			ev[l].app = app
		}
	}
	add := func(l int32, p string, weight float64, why string) {
		if p == "" {
			return
		}
		if ev[l].phrases[p] == 0 {
			ev[l].why[p] = why
		}
		ev[l].phrases[p] += weight
	}
	type pkgKey struct {
		l   int32
		pkg string
	}
	seenPkg := map[pkgKey]bool{}
	entry := make([]bool, len(m.units))
	for _, u := range m.entries {
		entry[u] = true
	}
	routeWords := make([][]map[string]bool, k) // each route's path words, per service
	tablePhrases := make([]map[string]bool, k)
	for u, l := range label {
		if l < 0 {
			continue
		}
		e := &ev[l]
		if cons.set[u] >= 0 && cons.pin[cons.set[u]] != "" {
			if cons.feature != nil && cons.feature[u] {
				e.feature = true
				e.program = e.program || cons.program[cons.set[u]]
			} else {
				e.user = true
			}
		}
		n := m.unitNode(int32(u))
		if isSymbol(n) {
			e.symbols++
			if cons.feature != nil && cons.feature[u] {
				e.featureSymbols++
			}
		}
		for _, w := range m.words[u] {
			e.words[w]++
		}
		for _, c := range m.calls[u] {
			for _, w := range m.words[c] {
				e.words[w]++
			}
		}
		switch n.Kind {
		case analyzer.KindRoute:
			if isOpsRoute(n.Name) {
				continue // the program's own state is no business resource
			}
			_, p, _ := strings.Cut(n.Name, " ")
			rw := map[string]bool{}
			for _, w := range words(p, nil) {
				rw[w] = true
				e.said[stem(w)] = true
			}
			routeWords[l] = append(routeWords[l], rw)
			if seg := resourceSegment(n.Name, app); seg != "" {
				add(l, domainPhrase(seg, app), domainRouteWeight, "its routes ("+n.Name+")")
			}
		case analyzer.KindJob:
			// a job's function says what it does on a schedule
			// (cli.feedScheduler gives feed-scheduler)
			name := n.Name[strings.LastIndex(n.Name, ".")+1:]
			add(l, domainPhrase(name, app), domainRouteWeight, "its job "+name)
		case analyzer.KindTable:
			if technical[n.Name] {
				continue
			}
			for _, w := range words(n.Name, nil) {
				if !isPrefixWord(w) {
					e.tableWords[w] = true
				}
				e.said[stem(w)] = true
			}
			p := tablePhrase(n.Name, app)
			add(l, p, domainTableWeight, "its table "+n.Name)
			if p != "" {
				e.tables[p] = true
				if tablePhrases[l] == nil {
					tablePhrases[l] = map[string]bool{}
				}
				tablePhrases[l][p] = true
			}
		default:
			if entry[u] {
				// what a handler or job is called, and its file, say what
				// the requests it serves are about
				for _, w := range m.words[u] {
					e.said[stem(w)] = true
				}
				for _, w := range parts.words(path.Base(file(n))) {
					e.said[stem(w)] = true
				}
			}
			if p := n.Package; p != "" && isSymbol(n) && !seenPkg[pkgKey{l, p}] {
				seenPkg[pkgKey{l, p}] = true
				add(l, domainPhrase(featureKey(path.Base(p)), app), domainPackageWeight, "its package "+path.Base(p))
			}
		}
	}
	shareRouteNouns(ev, tablePhrases, routeWords)
	return ev
}

// shareRouteNouns weighs each owned table's phrase once more for every
// route of the service whose path holds all its words: the noun routes
// and tables share names the service even when it is a layer word that
// routes alone never give (sys_apis under /api/getApiList gives apis).
func shareRouteNouns(ev []nameEvidence, tablePhrases []map[string]bool, routeWords [][]map[string]bool) {
	for l := range ev {
		for p := range tablePhrases[l] {
			ws := words(p, nil)
			for _, rw := range routeWords[l] {
				// stem keeps "apis" whole (analysis); the route says "Api"
				if len(ws) > 0 && !slices.ContainsFunc(ws, func(w string) bool { return !rw[w] && !rw[strings.TrimSuffix(w, "s")] }) {
					ev[l].phrases[p] += domainRouteWeight
					ev[l].agreed[p] = true
				}
			}
		}
	}
}

// resourceSegment is the first literal segment of a route's path that
// holds a domain word: "GET /api/v1/sys-opera-log" gives sys-opera-log,
// "GET /v1/liveness" nothing, and nor does a route of a tool's, under a
// technology or generated-code segment ("GET /api/v1/gen/toproject").
func resourceSegment(route string, app map[string]bool) string {
	_, p, _ := strings.Cut(route, " ")
	for _, seg := range strings.Split(p, "/") {
		if i := strings.LastIndexByte(seg, '.'); i > 0 {
			seg = seg[:i] // a file's extension is its format: /favicon.ico
		}
		if ws := rawWords(seg); len(ws) == 1 && isTechName(stem(ws[0])) {
			return "" // under /gen/ or /db/ a segment names what the tool works on
		}
		if seg != "" && !strings.HasPrefix(seg, "{") && domainPhrase(seg, app) != "" {
			return seg
		}
	}
	return ""
}

// technicalTables are the tables of a database's own catalog, of a
// technology or of a general technique (information_schema.tables,
// schema_migrations, casbin_rule, acme_cache),
// which no business stores, and the tables that share their first word
// with such tables more often than not (Oracle's all_tables beside
// all_users): the prefix is the catalog's.
func technicalTables(m *model) map[string]bool {
	out := map[string]bool{}
	var names []string
	for _, ni := range m.units {
		if n := m.nodes[ni]; n.Kind == analyzer.KindTable {
			names = append(names, n.Name)
		}
	}
	tech, all := map[string]int{}, map[string]int{}
	for _, name := range names {
		ws := rawWords(name)
		if len(ws) == 0 {
			continue
		}
		all[ws[0]]++
		if isSystemTable(name) {
			out[name] = true
			tech[ws[0]]++
			continue
		}
		if q, _, ok := strings.Cut(name, "."); ok && (isPrefixWord(q) || isTechName(stem(q))) {
			// a catalog's schema: sys.databases, information_schema.tables
			out[name] = true
			tech[ws[0]]++
			continue
		}
		for _, w := range ws {
			if isTechName(stem(w)) || isTechnique(stem(w)) || w == "information" && strings.Contains(name, "schema") {
				out[name] = true
				tech[ws[0]]++
				break
			}
		}
	}
	for _, name := range names {
		if ws := rawWords(name); len(ws) > 1 && 2*tech[ws[0]] > all[ws[0]] {
			out[name] = true
		}
	}
	return out
}

// isAppWord reports the app's own name and its daemon's (wtf, wtfd):
// they name every area at once.
func isAppWord(w string, app map[string]bool) bool {
	for a := range app {
		if strings.HasPrefix(w, a) && len(w) <= len(a)+1 {
			return true
		}
	}
	return false
}

// nameKey is what two names must not share: "users" and "user" name one
// area.
func nameKey(n string) string { return stem(strings.ToLower(n)) }

// tablePhrase is the domain phrase of a table the service owns, with the
// record noun that ends it (access-logs: a log of access is no access
// control); when
// every word of it is a helper or layer word (sys_config, sys_api), those
// words less the namespace prefix: the data the service stores is its
// business, whatever the word.
func tablePhrase(name string, app map[string]bool) string {
	if p := domainPhrase(name, app); p != "" {
		// sys_data_access_logs gives access-logs; in support_scheduler.record
		// the schema is the service's, not a qualifier of its records
		if ws := rawWords(name); len(ws) > 1 && isRecordNoun(stem(ws[len(ws)-1])) && !strings.Contains(name, ".") {
			return p + "-" + ws[len(ws)-1]
		}
		return p
	}
	var keep []string
	for _, w := range rawWords(name) {
		if len(w) >= 3 && !isPrefixWord(w) && !isTechName(stem(w)) && !isAppWord(w, app) {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, "-")
}

// domainPhrase is the domain part of a route segment, table or package
// name: its words less noise and the app's own name, joined by '-', in
// their order and spelling ("sys-opera-log" gives "opera", "uploadFile"
// "upload", "sys_config" nothing).
func domainPhrase(s string, app map[string]bool) string {
	var keep []string
	for _, w := range rawWords(s) {
		st := stem(w)
		if len(w) < 3 || isNameNoise(w) || isAppWord(w, app) || isGoWord(st) {
			continue
		}
		keep = append(keep, w)
	}
	return strings.Join(keep, "-")
}

// accepts reports whether name is a domain name for the service: each of
// its words is no noise (unless the service's own tables store it), not
// glued to a layer word, not a truncation of a word its code spells out,
// and has a vowel.
func (e *nameEvidence) accepts(name string) bool { return e.fault(name) == "" }

// minFeatureNameShare is the share of a service's symbols its feature
// folder must hold for the folder's name to name it whatever its routes
// and tables say: a feature folder (email/) the clustering grew into a
// service of mostly other code (the issues its mails are about) names
// that service only if its routes or tables say so too.
const minFeatureNameShare = 1.0 / 3

// featureNames reports a service its feature folder names by itself: the
// folder holds at least minFeatureNameShare of its symbols.
func (e *nameEvidence) featureNames() bool {
	return e.feature && float64(e.featureSymbols) >= minFeatureNameShare*float64(e.symbols)
}

// fault says what is wrong with name as a service name, "" when nothing.
func (e *nameEvidence) fault(name string) string {
	ws := rawWords(name)
	if len(ws) == 0 {
		return "it has no word"
	}
	for _, w := range ws {
		st := stem(w)
		switch {
		case strings.Trim(w, "0123456789") == "":
			return "a number tells services apart, not a word"
		case isTechName(st):
			return w + " names a technology or generated code"
		case isAppWord(w, e.app):
			return w + " is the app's own name, which names every area"
		case (isNamingVerb(w) || isHTTPMethod(w)) && !e.tableWords[st]:
			return w + " is a verb, not an area"
		case isTechnique(st) && !e.tableWords[st]:
			return w + " is a general technique, format or mechanism"
		case isNameNoise(w) && !e.tableWords[st]:
			return w + " is a layer, technology or helper word"
		case featureKey(w) != w && !e.tableWords[st]:
			return w + " glues a layer word to " + featureKey(w)
		case gluedConversion(w) != nil:
			return w + " glues " + strings.Join(gluedConversion(w), ", ") + ": a conversion helper"
		case generatorOf(w, e.known) != "":
			return w + " glues the generated-code word gen to " + generatorOf(w, e.known)
		case techGlue(w, e.known) != "" && !e.tableWords[st]:
			return w + " glues the technology word " + techGlue(w, e.known) + " to a name"
		case e.expand(w) != "":
			return w + " is short for " + e.expand(w)
		case len(ws) == 1 && e.qualified(w) != "":
			return w + " only qualifies what its table stores, " + e.qualified(w)
		case isAbbreviation(w, e.known):
			return w + " is an abbreviation"
		}
	}
	return ""
}

// best returns the service's best unused domain name and where it comes
// from: the whole word of a truncated name first, then the name less a
// glued layer word, then the phrase with the most weight for how few
// services share it; "" when none is left.
func (e *nameEvidence) best(name string, spread map[string]int, used map[string]bool) (string, string) {
	if ws := rawWords(name); len(ws) == 1 {
		for _, p := range slices.Sorted(maps.Keys(e.tables)) {
			if pw := rawWords(p); len(pw) > 1 && pw[0] == ws[0] {
				if n := e.expandPhrase(p); n != p && !used[nameKey(n)] && e.accepts(n) {
					return n, "its table, spelled out"
				}
			}
		}
		if c := e.expand(ws[0]); c != "" && !used[nameKey(c)] && e.accepts(c) {
			return c, "the word its code spells out"
		}
		if k := featureKey(ws[0]); k != ws[0] && !used[nameKey(k)] && e.accepts(k) {
			return k, "its business word"
		}
	}
	type cand struct {
		phrase string
		score  float64
	}
	var cs []cand
	for p, w := range e.phrases {
		cs = append(cs, cand{p, w / float64(spread[p])})
	}
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.phrase, b.phrase)) })
	for _, c := range cs {
		n := e.expandPhrase(c.phrase)
		if !used[nameKey(n)] && e.accepts(n) {
			return n, e.why[c.phrase]
		}
	}
	return "", ""
}

// taken returns up to three of the service's domain phrases that would
// name it but name other services already, heaviest first.
func (e *nameEvidence) taken(used map[string]bool) []string {
	var out []string
	for _, p := range slices.SortedFunc(maps.Keys(e.phrases), func(a, b string) int {
		return cmp.Or(cmp.Compare(e.phrases[b], e.phrases[a]), cmp.Compare(a, b))
	}) {
		if n := e.expandPhrase(p); used[nameKey(n)] && e.accepts(n) && len(out) < 3 {
			out = append(out, n)
		}
	}
	return out
}

// unsaid says why name misses the service's surface: its routes and
// the tables it owns agree on a noun (applications under /application),
// and none of them, nor its handlers, says any of the name's words,
// which then come only from code the requests reach deeper down, a
// helper's most often (a sort-key package named fracdex). "" when the
// name is said or no noun is agreed.
func (e *nameEvidence) unsaid(name string) string {
	if len(e.agreed) == 0 || slices.ContainsFunc(rawWords(name), func(w string) bool { return e.said[stem(w)] }) {
		return ""
	}
	return "its routes and tables say " + strings.Join(slices.Sorted(maps.Keys(e.agreed)), ", ") + ", never " + name
}

// mechanism reports a name with a word of a mechanism rather than of a
// purpose: a verb, a general technique or a generator (logfmt, but not
// metrics, which a metrics program serves).
func (e *nameEvidence) mechanism(name string) bool {
	return slices.ContainsFunc(rawWords(name), func(w string) bool {
		return isNamingVerb(w) || isTechnique(stem(w)) || generatorOf(w, e.known) != "" || gluedConversion(w) != nil
	})
}

// expand returns the whole word a truncated w stands for: one the
// service's code spells out (completion), else one engineers commonly
// cut short (commonTruncation); "" when w is whole.
func (e *nameEvidence) expand(w string) string {
	return cmp.Or(completion(w, e.words, e.known), commonTruncation(w))
}

// expandPhrase spells out each truncated word of a phrase (opera-log
// gives operation-log).
func (e *nameEvidence) expandPhrase(p string) string {
	ws := rawWords(p)
	for i, w := range ws {
		ws[i] = cmp.Or(e.expand(w), w)
	}
	return strings.Join(ws, "-")
}

// qualified returns the phrase of an owned table that w only qualifies
// ("access-logs" for access), "" when a table of the service is w itself
// or none ends in a record noun after w.
func (e *nameEvidence) qualified(w string) string {
	if e.tables[w] {
		return ""
	}
	for _, p := range slices.Sorted(maps.Keys(e.tables)) {
		if ws := rawWords(p); len(ws) == 2 && ws[0] == w && isRecordNoun(stem(ws[1])) {
			return p
		}
	}
	return ""
}

// generatorOf returns what a generator's name generates ("parquetquery"
// of "parquetquerygen"): a name that glues gen to module words; "" for
// any other word (oxygen).
func generatorOf(w string, known map[string]int) string {
	rest, ok := strings.CutSuffix(w, "gen")
	if !ok || len(rest) < 3 || (known[rest] == 0 && !compound(rest, known, 0)) {
		return ""
	}
	return rest
}
