package planner

import (
	"github.com/ficus-dev/ficus/analyzer"
	"maps"
	"path"
	"slices"
	"strings"
)

// isGenericWord reports folder names of code any service may need
// (helpers, configuration, logging, errors, database access): what such a
// folder holds is a library when more than one service uses it.
func isGenericWord(w string) bool {
	switch strings.ToLower(w) {
	case "common", "shared", "util", "utils", "pkg", "lib", "libs", "platform", "base", "foundation",
		"helper", "helpers", "kit", "sdk", "toolkit", "middleware", "middlewares", "config", "configs",
		"errors", "errs", "xerr", "log", "logger", "logging", "db", "database", "cache", "metrics",
		"tracing", "telemetry", "httputil", "response", "request", "validator", "validation", "types",
		// a dependency-injection container: the composition root's
		// wiring, which every area's handlers reach for their stores
		"dependencies", "deps", "di", "inject", "injector":
		return true
	}
	return false
}

// isGenericFolderName reports folder names of generic code: the generic
// words, and folders of configuration, translations, the build's
// version, crypto primitives and libraries around a technique.
func isGenericFolderName(w string) bool {
	switch strings.ToLower(w) {
	case "conf", "locale", "locales", "i18n", "l10n", "version", "buildinfo", "crypto", "metric", "error", "io",
		// the start-up code and globals that every area's wiring shares
		"global", "globals", "initialize", "initializer", "bootstrap":
		return true
	}
	return isGenericWord(w) || isLibraryName(w)
}

// isLibraryName reports folder names that say "library" or "utilities"
// of something (httplib, urllib, netutil, strutils): helpers around a
// technique, whatever the technique.
func isLibraryName(w string) bool {
	w = strings.ToLower(w)
	for _, suf := range []string{"lib", "util", "utils"} {
		if head, ok := strings.CutSuffix(w, suf); ok && len(head) >= 3 {
			return true
		}
	}
	return false
}

// inGenericFolder reports whether a node's file lies below a folder of
// generic code. A generic-named folder that is the app's layout root (see
// layoutRoots: vikunja's pkg/, holding its routers and models) names no
// generic code; the folders below it still can (pkg/utils).
func (m *model) inGenericFolder(f string) bool {
	segs := dirSegments(f)
	// a layout root names no generic code above it either: pkg/types,
	// a layer of entity packages, makes pkg/types/users domain code
	root := -1
	for i := range segs {
		if m.layoutRoots[strings.Join(segs[:i+1], "/")] {
			root = i
		}
	}
	for i, seg := range segs {
		if i > root && isGenericFolderName(seg) {
			return true
		}
	}
	return false
}

// dirSegments splits the folder of a module-relative file into its
// names; none for a file at the root, outside the module or unknown.
func dirSegments(f string) []string {
	dir := path.Dir(f)
	if f == "" || dir == "." || path.IsAbs(f) {
		return nil
	}
	return strings.Split(dir, "/")
}

// minLayoutRootEntries is the fewest entry points a generic-named folder
// must hold to be read as the app's layout root.
const minLayoutRootEntries = 4

// layoutRoots are the generic-named folders (pkg/, internal/pkg/, lib/)
// that hold at least half of the app's entry points (route handlers,
// jobs, event subscribers): a team that puts its whole server below pkg/
// follows a layout, and says nothing about what is generic there. Other
// generic-named folders hold code to share, whatever serves requests
// beside it.
func layoutRoots(m *model) map[string]bool {
	count := map[string]int{}
	for _, u := range m.entries {
		segs := dirSegments(file(m.unitNode(u)))
		for i, seg := range segs {
			if isGenericFolderName(seg) {
				count[strings.Join(segs[:i+1], "/")]++
			}
		}
	}
	var out map[string]bool
	for d, c := range count {
		if c >= minLayoutRootEntries && 2*c >= len(m.entries) {
			if out == nil {
				out = map[string]bool{}
			}
			out[d] = true
		}
	}
	for d := range entityLayers(m) {
		if out == nil {
			out = map[string]bool{}
		}
		out[d] = true
	}
	return out
}

// minEntityLayerPackages is the fewest packages a generic-named folder
// must hold directly to be read as a layer of the app's entities.
const minEntityLayerPackages = 3

// entityLayers are the generic-named folders more than half of whose
// packages (at least 3) are named after the app's business, a word of a
// route's path or a table's name: statping's types/ holding types/users,
// types/services and types/incidents is a layer of entity packages, not
// shared helpers, so each package is clustered as the domain code it is
// (a package only other packages there use would otherwise be settled as
// a generic library and swallowed whole by the kernel).
func entityLayers(m *model) map[string]bool {
	kids := map[string]map[string]bool{} // generic folder → its packages' folder names
	for _, ni := range m.units {
		segs := dirSegments(file(m.nodes[ni]))
		for i := 0; i+1 < len(segs); i++ {
			if !isGenericFolderName(segs[i]) {
				continue
			}
			d := strings.Join(segs[:i+1], "/")
			if kids[d] == nil {
				kids[d] = map[string]bool{}
			}
			kids[d][segs[i+1]] = true
		}
	}
	var business func(string) bool
	var out map[string]bool
	for d, names := range kids {
		if len(names) < minEntityLayerPackages {
			continue
		}
		if business == nil {
			business = domainPackage(m)
		}
		named := 0
		for n := range names {
			// a generic-named package (types/errors) is no entity,
			// whatever table shares its word (an app_config table)
			if business(n) && !isGenericFolderName(n) {
				named++
			}
		}
		if 2*named > len(names) {
			if out == nil {
				out = map[string]bool{}
			}
			out[d] = true
		}
	}
	return out
}

// genericToKernel settles the code of generic folders that no feature
// holds (pkg/, common/, util/, middleware/...), a package at a time, since
// a package is what a library is made of: a package that two or more
// services use, or that the kernel or other generic code uses, joins the
// kernel (the kernel cannot depend on a service); one only a single
// service uses is that service's when its name is a word of the app's
// business (a route's or a table's: pkg/orders), and a library otherwise
// (pkg/pagination): a team puts helpers in pkg/ to share them. Blocks that
// write a table, and units a constraint places, are left alone.
func genericToKernel(m *model, s *signals, r *roles, cons *constraints, label []int32) {
	n := len(label)
	generic := make([]bool, n)
	pkgOf := make([]string, n)
	any := false
	for u := 0; u < n; u++ {
		nd := m.unitNode(int32(u))
		pkgOf[u] = nd.Package
		if isSymbol(nd) && cons.set[u] < 0 && !cons.excluded[u] && m.isGenericFile(file(nd)) {
			generic[u] = true
			any = true
		}
	}
	if !any {
		return
	}
	stateful := writesState(m, r.block)
	domain := domainPackage(m)
	users := map[string]map[int32]bool{} // package → services using it
	library := map[string]bool{}         // used by the kernel or other generic code
	for _, e := range s.uses {
		if !generic[e.to] || pkgOf[e.from] == pkgOf[e.to] {
			continue
		}
		p := pkgOf[e.to]
		switch l := label[e.from]; {
		case generic[e.from], l == labelKernel:
			library[p] = true
		case l >= 0:
			if users[p] == nil {
				users[p] = map[int32]bool{}
			}
			users[p][l] = true
		}
	}
	for u := 0; u < n; u++ {
		if !generic[u] {
			continue
		}
		if m.migration[file(m.unitNode(int32(u)))] {
			// a schema-migration history is the database layer's, however
			// few call it, and a data step that goes through a store is
			// still a step of the history
			label[u] = labelKernel
			continue
		}
		if stateful[r.block[u]] {
			continue
		}
		p := pkgOf[u]
		switch us := users[p]; {
		case len(us) >= 2, library[p]:
			label[u] = labelKernel
		case len(us) == 1 && !domain(p):
			// a helper package (pagination, retry) one service happens
			// to use is still a library: its name is no business word
			label[u] = labelKernel
		case len(us) == 1:
			for l := range us {
				label[u] = l
			}
		}
	}
}

// domainPackage reports packages whose name carries a word of the app's
// business: a word of a route's path or a table's name.
func domainPackage(m *model) func(pkg string) bool {
	business := businessWords(m, true)
	return func(pkg string) bool {
		for _, w := range words(path.Base(pkg), nil) {
			if business[w] {
				return true
			}
		}
		return false
	}
}

// businessWords are the words of the app's business: those of its
// routes' paths and of its tables' names, the catalogs and bookkeeping
// tables of a database or migration tool (see isSystemTable) too when
// system is set.
func businessWords(m *model, system bool) map[string]bool {
	out := routeWords(m)
	for _, ni := range m.units {
		if n := m.nodes[ni]; n.Kind == analyzer.KindTable && (system || !isSystemTable(n.Name)) {
			for _, w := range words(n.Name, nil) {
				out[w] = true
			}
		}
	}
	return out
}

// fileStem is the business part of a file's name: its words less layer,
// helper and generic words ("order_repository.go" gives "order",
// "sys_user.go" "sys_user"); "" when nothing is left.
func fileStem(f string) string {
	b := strings.TrimSuffix(path.Base(f), ".go")
	b = strings.TrimSuffix(b, "_test")
	if i := strings.IndexByte(b, '.'); i > 0 {
		b = b[:i] // order.pb.go, order_grpc.pb.go
	}
	var keep []string
	for _, part := range strings.FieldsFunc(strings.ToLower(b), func(r rune) bool { return r == '_' || r == '-' }) {
		if isLayerWord(part) || isGenericWord(part) || isHelperWord(stem(part)) || isTechWord(part) || len(part) < 3 {
			continue
		}
		keep = append(keep, stem(part))
	}
	return strings.Join(keep, "_")
}

// stemEdges joins, through a virtual node per stem head, the symbols of
// files whose stems start with the same business word across two or more
// folders. Go files are named noun first (dial.go, dial_membership.go,
// dial_create.go; order_item.go): the head is the stem's first word that
// is not in more than a fifth of the files (a prefix every file carries,
// "sys_" in sys_user.go, says nothing).
func stemEdges(m *model, weight float64, next int32) ([]wedge, int32) {
	heads := m.headsOf()
	byHead := map[string][]int32{}
	dirs := map[string]map[string]bool{}
	for u, ni := range m.units {
		n := m.nodes[ni]
		f := file(n)
		head := heads[f]
		if head == "" || !isSymbol(n) {
			continue
		}
		byHead[head] = append(byHead[head], int32(u))
		if dirs[head] == nil {
			dirs[head] = map[string]bool{}
		}
		dirs[head][path.Dir(f)] = true
	}
	return groupEdges(byHead, func(h string) bool { return len(dirs[h]) >= 2 }, weight, next)
}

// isErrorCatalog reports a folder named for the app's errors (errs/,
// errors/, xerr/): its files may be named after areas (errs/user.go), but
// together they are the app's error vocabulary, whose codes every service
// answers with and must keep apart; a library, not one area's code.
func isErrorCatalog(dir string) bool {
	switch strings.ToLower(path.Base(dir)) {
	case "errors", "errs", "xerr":
		return true
	}
	return false
}

// isConfigFolder reports a folder named for the app's configuration
// (config/, configs/, conf/): its files may be named after areas
// (config/email.go), but together they are the configuration schema the
// program loads once at start and hands to each area; a library, not one
// area's code.
func isConfigFolder(dir string) bool {
	switch strings.ToLower(path.Base(dir)) {
	case "config", "configs", "conf", "configuration":
		return true
	}
	return false
}

// concernFiles lists the files of generic folders named after a concern,
// in a folder whose files are named after two concerns or more: a word
// code outside generic folders is also named after (postgres/device.go
// and postgres/reading.go beside core/metadata/device.go and
// core/data/reading.go; generated files name no concern), or that the
// routes and tables name (database/actions.go beside the action table).
// Each is a concern's code in a shared technical package, which
// clustering places, not the package. A generic package of one concern
// (sdk/auth) stays a library, and so do an error catalog (see
// isErrorCatalog) and the configuration (see isConfigFolder).
func concernFiles(m *model) map[string]bool {
	heads := m.headsOf()
	domain := businessWords(m, false) // what the routes and tables name
	for f, h := range heads {
		// a generated file is named after what it wraps (a library's
		// interpreter symbols, yaegi_symbols/xorm.go), no concern of the app
		if h != "" && !m.inGenericFolder(f) && !m.generated[f] {
			domain[h] = true
		}
	}
	concerns := map[string]map[string]bool{} // folder → domain heads of its files
	for f, h := range heads {
		if domain[h] && m.inGenericFolder(f) && !isErrorCatalog(path.Dir(f)) && !isConfigFolder(path.Dir(f)) {
			d := path.Dir(f)
			if concerns[d] == nil {
				concerns[d] = map[string]bool{}
			}
			concerns[d][h] = true
		}
	}
	out := map[string]bool{}
	for f, h := range heads {
		if cs := concerns[path.Dir(f)]; len(cs) >= 2 && cs[h] {
			out[f] = true
		}
	}
	return out
}

// isGenericFile reports whether a file holds generic code: it lies below
// a generic folder and is not named after one of the app's concerns.
func (m *model) isGenericFile(f string) bool {
	if g, ok := m.generic[f]; ok {
		return g
	}
	return m.genericFile(f)
}

// genericFiles answers isGenericFile once for each file that declares
// units; it reads the folders' readings, so it runs after them.
func genericFiles(m *model) map[string]bool {
	out := map[string]bool{}
	for _, ni := range m.units {
		f := file(m.nodes[ni])
		if _, ok := out[f]; !ok {
			out[f] = m.genericFile(f)
		}
	}
	return out
}

// genericFile is isGenericFile without the memo.
func (m *model) genericFile(f string) bool {
	return m.inGenericFolder(f) && !m.concern[f] || m.inComponent(f) || isHelperFileName(f) && !areaErrorFile(f) || m.migration[f]
}

// areaErrorFile reports an errors file (error.go, errors.go) in a folder
// named after an area rather than a layer, a container or generic code
// (user/error.go, not models/error.go nor internal/errors.go): it holds
// that area's errors (ErrUserDoesNotExist), not the app's error catalog.
// The area's helper files (auth/util.go) stay generic: every service's
// handlers call such helpers.
func areaErrorFile(f string) bool {
	dir := path.Dir(f)
	if dir == "." || dir == "/" {
		return false
	}
	switch strings.ToLower(strings.TrimSuffix(path.Base(f), ".go")) {
	case "error", "errors", "errs":
	default:
		return false
	}
	name := strings.ToLower(path.Base(dir))
	if strings.HasPrefix(name, "err") || strings.HasSuffix(name, "err") || strings.HasSuffix(name, "error") || strings.HasSuffix(name, "errors") {
		return false // an error package (apperr/, xerrors/): the app's catalog
	}
	return !isLayerWord(name) && !isContainerWord(name) && !isGenericFolderName(name) && !isTestHelperFile(f)
}

// isHelperFileName reports files named for generic code whatever their
// folder: errors.go, helper.go, utils.go, common.go, constants.go.
func isHelperFileName(f string) bool {
	b := strings.ToLower(strings.TrimSuffix(path.Base(f), ".go"))
	for _, part := range strings.FieldsFunc(b, func(r rune) bool { return r == '_' || r == '-' }) {
		switch part {
		case "errors", "error", "errs", "helper", "helpers", "util", "utils", "common", "consts", "constants":
		default:
			return false
		}
	}
	return b != ""
}

// stemHeads maps each file that declares units to its stem's head: the
// first stem word that is not in more than a fifth of the files ("" when
// there is none).
func stemHeads(m *model) map[string]string {
	stems := map[string][]string{} // file → stem words
	df := map[string]int{}
	for _, ni := range m.units {
		n := m.nodes[ni]
		f := file(n)
		if !isSymbol(n) || f == "" || path.IsAbs(f) {
			continue
		}
		if _, seen := stems[f]; seen {
			continue
		}
		ws := strings.Split(fileStem(f), "_")
		if ws[0] == "" {
			ws = nil
		}
		stems[f] = ws
		for _, w := range slices.Compact(slices.Sorted(slices.Values(ws))) {
			df[w]++
		}
	}
	limit := max(2, len(stems)/5)
	heads := make(map[string]string, len(stems))
	for f, ws := range stems {
		for _, w := range ws {
			if df[w] <= limit {
				heads[f] = w
				break
			}
		}
	}
	return heads
}

// isGeneratedFile reports file names that code generators write
// (protobuf, gRPC, OpenAPI, stringer, wire, ent, bindata): such code
// serves the code it was generated for.
func isGeneratedFile(f string) bool {
	b := strings.ToLower(path.Base(f))
	for _, suf := range []string{".pb.go", ".pb.gw.go", "_grpc.pb.go", ".gen.go", "_gen.go", "_generated.go", "_string.go", "bindata.go", "wire_gen.go", ".pb.validate.go"} {
		if strings.HasSuffix(b, suf) {
			return true
		}
	}
	return strings.HasPrefix(b, "zz_generated")
}

// generatedFiles lists the files of symbols a code generator wrote: those
// the analyzer marked by their "Code generated ... DO NOT EDIT." line
// (protobuf, OpenAPI, ORM and interpreter symbol code under any file name)
// and those named the way generators name them (see isGeneratedFile), for
// graphs written before the mark.
func generatedFiles(nodes []analyzer.Node) map[string]bool {
	out := map[string]bool{}
	for _, n := range nodes {
		if !isSymbol(n) {
			continue
		}
		if f := file(n); n.Generated || isGeneratedFile(f) {
			out[f] = true
		}
	}
	return out
}

// isTestHelperFile reports files of test doubles and test helpers
// (mocks/, testutil/, fake_x.go, x_mock.go): code for tests, never a
// service. An integration folder holds integration tests at the top of
// the module (integration/util); deeper in the code
// (internal/integration/slack) it holds the app's connectors to other
// systems, which are production code.
//
// It runs for every unit in several passes, so it walks the path's
// folders in place rather than splitting it.
func isTestHelperFile(f string) bool {
	dir, base := "", f
	if i := strings.LastIndexByte(f, '/'); i >= 0 {
		dir, base = f[:i], f[i+1:]
	}
	for i := 0; dir != ""; i++ {
		seg, rest, _ := strings.Cut(dir, "/")
		switch strings.ToLower(seg) {
		case "mock", "mocks", "fake", "fakes", "testutil", "testutils", "testhelper", "testhelpers",
			"testing", "test", "tests", "testdata", "testkit", "e2e":
			return true
		case "integration":
			if i == 0 {
				return true
			}
		}
		dir = rest
	}
	b := strings.ToLower(base)
	return strings.HasPrefix(b, "mock_") || strings.HasSuffix(b, "_mock.go") || strings.HasSuffix(b, "_mocks.go") ||
		strings.HasPrefix(b, "fake_") || strings.HasSuffix(b, "_fake.go") || strings.HasPrefix(b, "testutil")
}

// mergeNonServices folds every service whose symbols are mostly
// generated code or test helpers into the service it shares the most
// dependency weight with: generated code goes with what it serves, and
// test helpers are never a service. Test helpers tied to no service are
// left unplaced.
func mergeNonServices(m *model, s *signals, cons *constraints, label []int32) {
	type tally struct {
		symbols, gen, test int
		feature            bool
	}
	for round := 0; round < 8; round++ {
		t := map[int32]*tally{}
		for u, l := range label {
			n := m.unitNode(int32(u))
			if l < 0 || !isSymbol(n) {
				continue
			}
			x := t[l]
			if x == nil {
				x = &tally{}
				t[l] = x
			}
			x.symbols++
			x.feature = x.feature || (cons.feature != nil && cons.feature[u])
			f := file(n)
			switch {
			case isTestHelperFile(f):
				x.test++
			case isGeneratedFile(f):
				x.gen++
			}
		}
		// A feature the code states is a service whatever it is made of;
		// the others that are mostly generated code or test helpers are
		// not, and are no target either.
		non := func(l int32) bool {
			x := t[l]
			return x != nil && !x.feature && 5*(x.gen+x.test) >= 4*x.symbols
		}
		moved := false
		for _, l := range slices.Sorted(maps.Keys(t)) {
			x := t[l]
			if !non(l) {
				continue
			}
			w := map[int32]float64{}
			ties(s.dep, label, map[int32]map[int32]float64{l: w})
			best, bw := int32(-1), 0.0
			for _, o := range slices.Sorted(maps.Keys(w)) {
				if w[o] > bw && !non(o) && !cons.separate(label, l, o) {
					best, bw = o, w[o]
				}
			}
			to := best
			if best < 0 {
				if x.test < x.gen {
					continue // generated code nothing else uses stays as it is
				}
				to = labelUnplaced
			}
			for u, ul := range label {
				if ul == l {
					label[u] = to
				}
			}
			moved = true
		}
		if !moved {
			break
		}
	}
	copy(label, relabelKeep(label))
}
