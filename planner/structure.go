package planner

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// Organization is how a subtree of the code is laid out, as the planner
// read it from the directory tree before clustering.
type Organization struct {
	// Dir is the subtree, relative to the analyzed directory ("." for it).
	Dir string `json:"dir"`
	// Layout is "feature" when the subtree's folders (or modules) are
	// business areas, each a vertical slice; "layer" when its folders are
	// technical layers (handlers, services, repository, models...) that
	// every area cuts across.
	Layout string `json:"layout"`
	// Features are the feature folders of a feature layout: each is kept
	// as one service.
	Features []string `json:"features,omitempty"`
	// Reason says what the decision rests on.
	Reason string `json:"reason"`
}

// Feature is one business area the code's own organization states: a
// feature folder, a workspace module or a deployment target, with the
// folders of the same name in other layers (generated API code, stores).
type Feature struct {
	Name string `json:"name"`
	// Dirs are the feature's folders, and files of its name elsewhere.
	Dirs []string `json:"dirs"`
	// Units is the number of symbols the folders hold.
	Units int `json:"units"`
	// Program is set for a program of its own (a deployable with code
	// only it runs), named after its folder.
	Program bool `json:"program,omitempty"`
}

// structure is the code's own organization: the feature of each unit
// (-1 for units in no feature folder) and the decisions behind it.
type structure struct {
	feature  []int32
	features []Feature
	orgs     []Organization
	// domainWords are the words of route paths, which name business areas.
	domainWords map[string]bool
	// splits are the features cut by their programs, by feature key (see
	// programsplit.go).
	splits map[string]split
}

// dirNode is one directory of the analyzed code with the facts the
// decision needs about its subtree.
type dirNode struct {
	name, path string
	children   map[string]*dirNode
	units      []int32 // symbol units declared directly here
	size       int     // symbol units in the subtree
	behaviour  int     // entry points and table writers in the subtree
	layers     map[string]bool
	module     bool
	// program marks a folder holding a main package; programs counts them
	// in the subtree, and mainUnits the symbols of main packages there.
	program   bool
	programs  int
	mainUnits int
}

// Thresholds of the structure reading, documented in docs/plan-format.md
// (Organization).
const (
	// minFeatureUnits is the size below which a folder is no feature of
	// its own: a few symbols are a helper, not a business area.
	minFeatureUnits = 8
	// maxFeatureShare is the share of a sibling set's feature code one
	// feature may hold: an app whose one "feature" folder holds nearly
	// everything says nothing by its folders.
	maxFeatureShare = 0.7
)

// readStructure builds the directory tree of the units and decides, from
// the top down, where the code is organized by feature.
func readStructure(m *model, r *roles) *structure {
	root := &dirNode{name: ".", path: ".", children: map[string]*dirNode{}, layers: map[string]bool{}}
	modules := map[string]bool{}
	for _, mod := range strings.Split(m.module, ",") {
		if mod != "" {
			modules[mod] = true
		}
	}
	mains := mainPackages(m)
	behaves := make([]bool, len(m.units))
	for _, u := range m.entries {
		behaves[u] = true
	}
	for u, h := range r.handler {
		if h >= 0 {
			behaves[h] = true
		} else if m.writes[u] {
			behaves[u] = true
		}
	}
	// the folders from the root down to each folder, found once per folder
	chains := map[string][]*dirNode{}
	for u, ni := range m.units {
		n := m.nodes[ni]
		if !isSymbol(n) {
			continue
		}
		f := file(n)
		if f == "" || path.IsAbs(f) || strings.HasPrefix(f, "..") {
			continue
		}
		d := root
		d.size++
		if behaves[u] {
			d.behaviour++
		}
		inMain := mains[n.Package]
		if inMain {
			d.mainUnits++
		}
		dir := path.Dir(f)
		if dir != "." {
			chain, ok := chains[dir]
			if !ok {
				chain = root.grow(dir)
				chains[dir] = chain
			}
			for _, c := range chain {
				d = c
				d.size++
				if behaves[u] {
					d.behaviour++
				}
				if inMain {
					d.mainUnits++
				}
			}
		}
		d.units = append(d.units, int32(u))
		if modules[n.Package] {
			d.module = true
		}
		if inMain && n.Kind == analyzer.KindFunc && n.Name == "main" {
			d.program = true
		}
	}
	root.countPrograms()
	s := &structure{feature: make([]int32, len(m.units)), domainWords: routeWords(m), splits: map[string]split{}}
	byKey := s.read(root)
	if len(s.splits) > 0 {
		// a feature its programs cut (app/shop) cuts the folders of its
		// name in other layers (api/shop) too, even those scanned before
		byKey = s.read(root)
	}
	s.adopt(root, byKey, false)
	s.adoptFiles(m, byKey)
	s.programFeatures(m, byKey)
	s.dropOperationsFeatures(m, r)
	s.foldEntrylessFeatures(m, r)
	for i := range s.features {
		slices.Sort(s.features[i].Dirs)
		s.features[i].Dirs = slices.Compact(s.features[i].Dirs)
	}
	return s
}

// grow adds the folders of dir (a path below d, "/"-separated) that d does
// not hold yet, marking on each the layer words of the folders below it,
// and returns them from the top down.
func (d *dirNode) grow(dir string) []*dirNode {
	segs := strings.Split(dir, "/")
	chain := make([]*dirNode, 0, len(segs))
	for i, s := range segs {
		c := d.children[s]
		if c == nil {
			c = &dirNode{name: s, path: strings.Join(segs[:i+1], "/"), children: map[string]*dirNode{}, layers: map[string]bool{}}
			d.children[s] = c
		}
		for _, below := range segs[i+1:] {
			if isLayerWord(below) {
				c.layers[below] = true
			}
		}
		chain = append(chain, c)
		d = c
	}
	return chain
}

// read scans the tree from root afresh and returns the features by key.
func (s *structure) read(root *dirNode) map[string]int32 {
	s.feature = slices.Repeat([]int32{-1}, len(s.feature))
	s.features, s.orgs = nil, nil
	byKey := map[string]int32{}
	s.scan(root, byKey)
	return byKey
}

// scan decides the layout of d's children and recurses below the
// children that are no feature.
func (s *structure) scan(d *dirNode, byKey map[string]int32) {
	kids := d.sorted()
	if len(kids) == 0 || (d.path != "." && isGenericFolderName(d.name)) {
		// a generic folder (pkg/, common/) holds libraries, not areas
		return
	}
	var feats []*dirNode
	featSize, biggest, layerKids := 0, 0, 0
	var clear []*dirNode
	for _, c := range kids {
		if c.isFeature(s.domainWords) && !isLayerWord(c.name) {
			clear = append(clear, c)
		}
	}
	// likeClear reports whether a folder is built like one of the clear
	// features: at least half of their layers in common.
	likeClear := func(c *dirNode) bool {
		for _, f := range clear {
			common, union := 0, len(f.layers)
			for l := range c.layers {
				if f.layers[l] {
					common++
				} else {
					union++
				}
			}
			if union > 0 && 2*common >= union {
				return true
			}
		}
		return false
	}
	for _, c := range kids {
		if isLayerWord(c.name) && !isContainerWord(c.name) {
			layerKids++
		}
		if c.holdsFeatures(s.domainWords) {
			// plugin/ holding plugin/ai, plugin/email: its features are
			// siblings of these (their code counts in the share one
			// feature may hold), found when it is scanned below
			featSize += c.size
			continue
		}
		// A vertical slice named like a layer ("data", "command") is a
		// feature only beside features with business names built the
		// same way (core/data beside core/metadata).
		slice := !isContainerWord(c.name) && c.size >= minFeatureUnits && len(c.layers) >= 2 && likeClear(c)
		if c.isFeature(s.domainWords) || slice {
			feats = append(feats, c)
			featSize += c.size
			biggest = max(biggest, c.size)
		}
	}
	if len(feats) >= 2 && float64(biggest) <= maxFeatureShare*float64(featSize) {
		org := Organization{Dir: d.path, Layout: "feature", Reason: featureReason(feats)}
		var cut []Organization
		for _, c := range feats {
			key := featureKey(c.name)
			if isLayerWord(key) && d.path != "." {
				// a slice named like a layer is known by its parent too:
				// core/data is "core-data"
				key = featureKey(d.name) + "-" + key
			}
			parts, why := s.split(key, c)
			if len(parts) == 0 {
				s.addFeature(byKey, key, c)
				org.Features = append(org.Features, key)
				continue
			}
			o := Organization{Dir: c.path, Layout: "feature", Reason: why}
			for _, p := range parts {
				pk := key + "-" + featureKey(p.name)
				s.addFeature(byKey, pk, p)
				o.Features = append(o.Features, pk)
			}
			org.Features = append(org.Features, o.Features...)
			cut = append(cut, o)
		}
		s.orgs = append(s.orgs, org)
		s.orgs = append(s.orgs, cut...)
		for _, c := range kids {
			if !slices.Contains(feats, c) {
				s.scan(c, byKey)
			}
		}
		return
	}
	if layerKids >= 2 {
		s.orgs = append(s.orgs, Organization{Dir: d.path, Layout: "layer",
			Reason: "its folders are layers (" + strings.Join(layerNames(kids), ", ") + ")"})
	}
	for _, c := range kids {
		s.scan(c, byKey)
	}
}

// addFeature puts every unit below c in the feature of key, made if new.
func (s *structure) addFeature(byKey map[string]int32, key string, c *dirNode) {
	i, ok := byKey[key]
	if !ok {
		i = int32(len(s.features))
		byKey[key] = i
		s.features = append(s.features, Feature{Name: key})
	}
	s.features[i].Dirs = append(s.features[i].Dirs, c.path)
	s.mark(c, i)
}

// adopt gives a feature the folders of its name in other layers (the
// generated API of "cart" in api/cart, its store in business/cartbus):
// outside any feature, a folder named after a feature holds its code.
func (s *structure) adopt(d *dirNode, byKey map[string]int32, inFeature bool) {
	for _, c := range d.sorted() {
		in := inFeature
		for _, u := range c.units {
			if s.feature[u] >= 0 {
				in = true
				break
			}
		}
		if !in {
			if i, ok := byKey[featureKey(c.name)]; ok && c.size > 0 {
				if !slices.Contains(s.features[i].Dirs, c.path) {
					s.features[i].Dirs = append(s.features[i].Dirs, c.path)
				}
				s.mark(c, i)
				continue
			}
			if s.adoptSplit(c, byKey) {
				continue
			}
		}
		s.adopt(c, byKey, in)
	}
}

// adoptFiles gives a feature the files of its name outside any feature
// (the root package's handling.go beside the handling/ folder,
// server/booking.go): layered code around feature folders names its
// files after them.
func (s *structure) adoptFiles(m *model, byKey map[string]int32) {
	if len(byKey) == 0 {
		return
	}
	for u, ni := range m.units {
		n := m.nodes[ni]
		if s.feature[u] >= 0 || !isSymbol(n) {
			continue
		}
		f := file(n)
		if f == "" || path.IsAbs(f) || m.inGenericFolder(f) {
			continue
		}
		st := fileStem(f)
		i, ok := byKey[st]
		if !ok {
			continue
		}
		s.feature[u] = i
		s.features[i].Units++
		if !slices.Contains(s.features[i].Dirs, f) {
			s.features[i].Dirs = append(s.features[i].Dirs, f)
		}
	}
}

// mark puts every unit below d in feature i.
func (s *structure) mark(d *dirNode, i int32) {
	for _, u := range d.units {
		if s.feature[u] < 0 {
			s.feature[u] = i
			s.features[i].Units++
		}
	}
	for _, c := range d.children {
		s.mark(c, i)
	}
}

// isFeature reports whether a folder is a business area: a workspace
// module, a vertical slice (it holds two or more layers of its own), or
// a folder with a business name whose code serves requests or writes
// tables. Small folders are helpers; generic folders are libraries.
func (d *dirNode) isFeature(domain map[string]bool) bool {
	if d.size < minFeatureUnits {
		return false
	}
	if d.module {
		return true
	}
	key := featureKey(d.name)
	if isLayerWord(d.name) || isLayerWord(key) || isGenericFolderName(d.name) {
		// a layer, or generic code (metric/, config/) that runs a job or
		// serves a probe: no business area
		return false
	}
	return len(d.layers) >= 2 || d.behaviour > 0 || domain[stem(key)]
}

// holdsFeatures reports a folder that is no feature itself but holds
// features: two or more of its folders are features with layers of their
// own (plugin/announcement/{api,model,service}, plugin/email/{...}), and
// they hold most of its code.
func (d *dirNode) holdsFeatures(domain map[string]bool) bool {
	n, size := 0, 0
	for _, c := range d.children {
		if len(c.layers) >= 2 && c.isFeature(domain) {
			n++
			size += c.size
		}
	}
	return n >= 2 && 2*size >= d.size
}

// isContainerWord reports folder names that hold code of any kind
// (internal, pkg, app...): never a business area, even when what they hold
// spans layers.
func isContainerWord(w string) bool {
	switch strings.ToLower(w) {
	case "internal", "pkg", "src", "app", "apps", "application", "cmd", "bin", "services", "service",
		"modules", "module", "lib", "libs", "components", "business", "foundation", "platform", "shared",
		"common", "core", "support", "base", "util", "utils", "tools", "api", "apis", "vendor", "third_party",
		"examples", "example", "test", "tests", "server", "web", "plugin", "plugins",
		"extension", "extensions", "addon", "addons":
		return true
	}
	return false
}

// routeWords are the literal segments of the routes' paths, stemmed: a
// folder named after one ("booking" beside /booking/v1/cargos) is named
// after a business area.
func routeWords(m *model) map[string]bool {
	out := map[string]bool{}
	for _, ni := range m.units {
		n := m.nodes[ni]
		if n.Kind != analyzer.KindRoute {
			continue
		}
		_, p, _ := strings.Cut(n.Name, " ")
		for _, seg := range strings.Split(p, "/") {
			if seg == "" || strings.HasPrefix(seg, "{") {
				continue
			}
			if i := strings.LastIndexByte(seg, '.'); i > 0 {
				// a file's extension is its format, not a business word
				// (/manifest.json, /sitemap.xml, /favicon.ico)
				seg = seg[:i]
			}
			for _, w := range words(seg, nil) {
				if !isLayerWord(w) {
					out[w] = true
				}
			}
		}
	}
	return out
}

func (d *dirNode) sorted() []*dirNode {
	out := make([]*dirNode, 0, len(d.children))
	for _, c := range d.children {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *dirNode) int { return cmp.Compare(a.name, b.name) })
	return out
}

func featureReason(feats []*dirNode) string {
	mods, slices_, served := 0, 0, 0
	for _, c := range feats {
		switch {
		case c.module:
			mods++
		case len(c.layers) >= 2:
			slices_++
		default:
			served++
		}
	}
	var parts []string
	if mods > 0 {
		parts = append(parts, plural(mods, "module"))
	}
	if slices_ > 0 {
		parts = append(parts, plural(slices_, "folder")+" holding layers of their own")
	}
	if served > 0 {
		parts = append(parts, plural(served, "business-named folder")+" serving requests or writing tables")
	}
	return "its folders are features: " + strings.Join(parts, ", ")
}

func layerNames(kids []*dirNode) []string {
	var out []string
	for _, c := range kids {
		if isLayerWord(c.name) && !isContainerWord(c.name) {
			out = append(out, c.name)
		}
	}
	return out
}

// featureKey is a folder's business name: lower case, without a layer
// word glued to it ("userapp", "order-service", "checkoutservice" give
// user, order, checkout).
func featureKey(name string) string {
	k := strings.ToLower(name)
	for _, sep := range []string{"-", "_", "."} {
		if i := strings.LastIndex(k, sep); i > 0 && isLayerWord(k[i+1:]) {
			k = k[:i]
		}
	}
	for _, suf := range layerSuffixes() {
		if rest, ok := strings.CutSuffix(k, suf); ok && len(rest) >= 3 {
			return rest
		}
	}
	return k
}

// layerSuffixes are layer words that folder names glue to a business
// name, longest first.
func layerSuffixes() []string {
	return []string{"service", "handler", "server", "store", "repo", "api", "app", "bus", "svc", "srv", "db"}
}

// isLayerWord reports folder names of layers, technologies, generated
// code and generic containers: names that say how code is built, not what
// business it serves.
func isLayerWord(w string) bool {
	w = strings.ToLower(w)
	if len(w) >= 2 && w[0] == 'v' && strings.Trim(w[1:], "0123456789") == "" {
		return true // v1, v2: API versions
	}
	switch w {
	case "internal", "pkg", "src", "app", "apps", "application", "cmd", "bin", "services", "service", "svc",
		"modules", "module", "lib", "libs", "components", "business", "foundation", "platform", "shared",
		"common", "util", "utils", "helper", "helpers", "tools", "tool", "api", "apis", "ports", "port",
		"adapters", "adapter", "domain", "domains", "handler", "handlers", "controller", "controllers",
		"repository", "repositories", "repo", "repos", "store", "stores", "storage", "model", "models",
		"entity", "entities", "command", "commands", "query", "queries", "usecase", "usecases", "delivery",
		"router", "routers", "route", "routes", "routing", "http", "grpc", "rest", "rpc", "dto", "dtos", "infra",
		"infrastructure", "persistence", "db", "database", "dao", "biz", "data", "server", "servers",
		"transport", "endpoint", "endpoints", "middleware", "middlewares", "logic", "types", "pb", "proto",
		"protos", "genproto", "gen", "generated", "openapi", "swagger", "mock", "mocks", "fake", "fakes",
		"config", "configs", "web", "ui", "view", "views", "template", "templates", "static", "client",
		"clients", "cli", "sdk", "test", "tests", "testutil", "testing", "testdata", "docs", "scripts",
		"migrations", "migration", "schema", "sql", "mysql", "postgres", "pg", "sqlite", "mongo", "redis",
		"kafka", "inmem", "memory", "cache", "log", "logger", "logging", "errors", "metrics", "tracing",
		"telemetry", "job", "jobs", "worker", "workers", "mq", "event", "events", "core", "base", "support",
		"vendor", "third_party", "thirdparty", "external", "e2e", "example", "examples",
		"initialize", "global", "resource", "resources", "source", "request", "response", "params", "consts",
		"constants", "enum", "enums", "interfaces", "interface", "impl", "bootstrap", "container", "di",
		"wire", "ent", "schema_gen", "auth_gen", "plugin", "plugins", "extension", "extensions", "addon", "addons":
		return true
	}
	return false
}

// unitFeatures returns the feature of each unit, -1 for none, with routes and
// jobs following their handler.
func (s *structure) unitFeatures(m *model, r *roles) []int32 {
	out := slices.Clone(s.feature)
	for u, h := range r.handler {
		if h >= 0 && out[u] < 0 {
			out[u] = s.feature[h]
		}
	}
	return out
}

// keepFeatures turns the features into constraints: each feature's units
// (those no user constraint names) share one service named after it, and
// no two features share one; none of them is kernel. Users' pins,
// together groups and kernel lists win over the folders.
func (c *constraints) keepFeatures(m *model, r *roles, s *structure) {
	feat := s.unitFeatures(m, r)
	set := make([]int32, len(s.features))
	for i := range set {
		set[i] = -1
	}
	for u, f := range feat {
		if f < 0 || c.set[u] >= 0 || c.forced[u] {
			continue
		}
		if set[f] < 0 {
			set[f] = int32(len(c.pin))
			c.pin = append(c.pin, s.features[f].Name)
			if s.features[f].Program {
				if c.program == nil {
					c.program = map[int32]bool{}
				}
				c.program[set[f]] = true
			}
		}
		c.set[u] = set[f]
		c.excluded[u] = true
		if c.feature == nil {
			c.feature = make([]bool, len(c.set))
		}
		c.feature[u] = true
	}
}
