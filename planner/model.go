package planner

import (
	"path"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// model is the graph document indexed for planning: every node of the
// document has an index; units are the nodes a plan assigns to services
// (symbols, routes, tables, jobs of the analyzed code), numbered densely.
type model struct {
	module string
	nodes  []analyzer.Node
	index  map[string]int32
	edges  []tedge

	units  []int32 // node index of each unit
	unitOf []int32 // unit number of each node, -1 for non-units
	// recv is, for a method unit, the unit of its receiver type (-1 for
	// other units, or when the type is not in the graph).
	recv []int32
	// words are the name words of each unit (see nameWords).
	words [][]string
	// spelled counts the words of the units' names and of their packages'
	// and files' names as they are spelled, unstemmed: what a compound or
	// an abbreviation is made of (see spelledWords).
	spelled map[string]int
	// calls lists the units each unit calls; tables the tables it reads or
	// writes; writes marks the units that write a table.
	calls  [][]int32
	tables [][]int32
	writes []bool
	// entries are the units requests start in: route handlers, job
	// functions and event subscribers, in order of first appearance.
	entries []int32
	// layoutRoots are the generic-named folders that are the app's layout
	// root rather than generic code (see layoutRoots).
	layoutRoots map[string]bool
	// concern marks the files of generic folders named after one of the
	// app's concerns (see concernFiles).
	concern map[string]bool
	// generated marks the files a code generator wrote, by their "Code
	// generated" line (analyzer.Node.Generated) or their name (see
	// isGeneratedFile).
	generated map[string]bool
	// migration marks the files of schema-migration histories (see
	// migrationFiles): generic code whose table access owns nothing.
	migration map[string]bool
	// components are the folders of components the services build on
	// (see componentFolders).
	components []string
	// generic holds isGenericFile's answer for each file that declares
	// units: the rules ask it for every unit, several times a plan.
	generic map[string]bool
	// tech tells technology words from business ones (readTechWords),
	// read once when the model is built: every naming of the services
	// asks it.
	tech func(string) bool
	// fileKind says, for each symbol unit, what its file is to libraries:
	// generic or a test helper, a concern's, generated (see libraryFiles).
	fileKind []fileKind
	// hub marks the type units whose methods serve several areas of
	// tables (see storeHubs): their methods are placed one by one.
	hub []bool
	// structure is the organization read from the folders, once (see
	// structureOf).
	structure *structure
	// roles are the units' roles, read once (see rolesOf).
	roles *roles
	// heads are the stem heads of the units' files, read once (see
	// headsOf).
	heads map[string]string
	// entities are the entity files (see entityFiles), read once: the
	// kernel's trimming asks for them twice.
	entities map[string]string
}

// structureOf reads the organization of the folders (readStructure) the
// first time it is asked for, and returns the same reading after: the
// signals and the plan both need it, and it depends on the graph alone.
func (m *model) structureOf() *structure {
	if m.structure == nil {
		m.structure = readStructure(m, m.rolesOf())
	}
	return m.structure
}

// rolesOf reads the units' roles (newRoles) the first time it is asked
// for and returns the same roles after: the signals, the organization and
// the plan all read them. Only the clusterer changes them afterwards
// (anchors of operational routes, the units requests reach), after the
// signals and the organization are read; handlers, blocks and table
// access never change.
func (m *model) rolesOf() *roles {
	if m.roles == nil {
		m.roles = newRoles(m)
	}
	return m.roles
}

// prepareShared reads the parts of the model that are read lazily and that
// the signal builders share (roles, structure, file heads), so that the
// builders, running side by side, only read the model.
func (m *model) prepareShared() {
	m.rolesOf()
	m.structureOf()
	m.headsOf()
}

// entitiesOf returns the entity files (entityFiles), read the first time
// they are asked for. Callers must not change the map.
func (m *model) entitiesOf() map[string]string {
	if m.entities == nil {
		m.entities = entityFiles(m)
	}
	return m.entities
}

// headsOf returns the stem heads of the files (stemHeads), read the first
// time they are asked for: the concern files, the stem signals and the
// per-entity reading all need them. Callers must not change the map.
func (m *model) headsOf() map[string]string {
	if m.heads == nil {
		m.heads = stemHeads(m)
	}
	return m.heads
}

// tedge is one typed, directed edge of the document.
type tedge struct {
	from, to int32
	kind     analyzer.EdgeKind
	weight   int
}

func newModel(d analyzer.Document) *model {
	m := &model{module: d.Module, nodes: d.Nodes, index: make(map[string]int32, len(d.Nodes))}
	m.unitOf = make([]int32, len(d.Nodes))
	for i, n := range d.Nodes {
		m.index[n.ID] = int32(i)
		m.unitOf[i] = -1
		if isUnit(n) {
			m.unitOf[i] = int32(len(m.units))
			m.units = append(m.units, int32(i))
		}
	}
	// The name words are split meanwhile: nothing below reads them, and
	// they are a good part of building the model.
	m.words = make([][]string, len(m.units))
	wordsDone := make(chan struct{})
	go func() {
		defer close(wordsDone)
		cache := wordCache{}
		for u, ni := range m.units {
			m.words[u] = nameWordsCached(m.nodes[ni], cache)
		}
		m.spelled = spelledWords(m)
	}()
	defer func() { <-wordsDone }()
	m.recv = make([]int32, len(m.units))
	for u, ni := range m.units {
		m.recv[u] = -1
		if t, ok := receiverType(m.nodes[ni]); ok {
			if ti, ok := m.index[t]; ok {
				m.recv[u] = m.unitOf[ti]
			}
		}
	}
	m.migration = migrationFiles(d.Nodes)
	m.generated = generatedFiles(d.Nodes)
	m.edges = make([]tedge, 0, len(d.Edges))
	lastFrom, f, ok1 := "", int32(0), false
	for _, e := range d.Edges {
		if e.From != lastFrom || !ok1 {
			// documents are sorted by from: look each source up once
			f, ok1 = m.index[e.From]
			lastFrom = e.From
		}
		t, ok2 := m.index[e.To]
		if !ok1 || !ok2 || e.Weight <= 0 {
			continue
		}
		if (e.Kind == analyzer.EdgeWrites || e.Kind == analyzer.EdgeReads) && m.migration[file(m.nodes[f])] {
			// a migration step touches a table once, as the schema grew;
			// it owns none
			continue
		}
		m.edges = append(m.edges, tedge{from: f, to: t, kind: e.Kind, weight: e.Weight})
	}
	m.index2()
	m.layoutRoots = layoutRoots(m)
	m.concern = concernFiles(m)
	m.components = componentFolders(m)
	m.generic = genericFiles(m)
	m.fileKind = libraryFiles(m)
	m.hub = storeHubs(m)
	m.tech = readTechWords(m)
	return m
}

// index2 builds the call lists, table access and entry points.
func (m *model) index2() {
	n := len(m.units)
	m.calls, m.tables, m.writes = make([][]int32, n), make([][]int32, n), make([]bool, n)
	entry := make([]bool, n)
	addEntry := func(u int32) {
		if u >= 0 && !entry[u] {
			entry[u] = true
			m.entries = append(m.entries, u)
		}
	}
	for _, e := range m.edges {
		a, b := m.unitOf[e.from], m.unitOf[e.to]
		switch e.kind {
		case analyzer.EdgeCalls:
			if a >= 0 && b >= 0 && a != b {
				m.calls[a] = append(m.calls[a], b)
			}
		case analyzer.EdgeWrites, analyzer.EdgeReads:
			if a >= 0 && b >= 0 && !m.systemTable(b) {
				m.tables[a] = append(m.tables[a], b)
				m.writes[a] = m.writes[a] || e.kind == analyzer.EdgeWrites
			}
		case analyzer.EdgeHandles, analyzer.EdgeRuns:
			if a >= 0 {
				addEntry(b)
			}
		case analyzer.EdgeSubscribes:
			addEntry(a)
		}
	}
}

// reach marks the units reached from starts by calls, at most depth calls
// deep (0: no bound), not entering units marked in stop.
func (m *model) reach(starts []int32, depth int, stop []bool) []bool {
	seen := make([]bool, len(m.units))
	var frontier []int32
	for _, u := range starts {
		if !seen[u] && (stop == nil || !stop[u]) {
			seen[u] = true
			frontier = append(frontier, u)
		}
	}
	for d := 1; len(frontier) > 0 && (depth == 0 || d < depth); d++ {
		var next []int32
		for _, u := range frontier {
			for _, v := range m.calls[u] {
				if !seen[v] && (stop == nil || !stop[v]) {
					seen[v] = true
					next = append(next, v)
				}
			}
		}
		frontier = next
	}
	return seen
}

// isUnit reports whether a plan places n in a service: symbols, routes,
// tables and jobs of the analyzed code. Packages are containers and
// events are the seams between services, reported but not owned.
func isUnit(n analyzer.Node) bool {
	if n.External {
		return false
	}
	switch n.Kind {
	case analyzer.KindType, analyzer.KindFunc, analyzer.KindMethod, analyzer.KindVar,
		analyzer.KindRoute, analyzer.KindTable, analyzer.KindJob:
		return true
	}
	return false
}

// isSymbol reports whether n is declared Go code.
func isSymbol(n analyzer.Node) bool {
	switch n.Kind {
	case analyzer.KindType, analyzer.KindFunc, analyzer.KindMethod, analyzer.KindVar:
		return true
	}
	return false
}

// unitNode returns the node of unit u.
func (m *model) unitNode(u int32) analyzer.Node { return m.nodes[m.units[u]] }

// systemTable reports a table unit of the database or a migration tool
// (see isSystemTable).
func (m *model) systemTable(u int32) bool {
	n := m.unitNode(u)
	return n.Kind == analyzer.KindTable && isSystemTable(n.Name)
}

// file returns the file part of a node's position ("dir/x.go").
func file(n analyzer.Node) string {
	f, _, _ := strings.Cut(n.Pos, ":")
	return f
}

// receiverType returns the id of the type a method id belongs to:
// "p.(*T).M" and "p.T.M" give "p.T".
func receiverType(n analyzer.Node) (string, bool) {
	if n.Kind != analyzer.KindMethod || n.Package == "" {
		return "", false
	}
	rest, ok := strings.CutPrefix(n.ID, n.Package+".")
	if !ok {
		return "", false
	}
	if strings.HasPrefix(rest, "(*") {
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			return "", false
		}
		return n.Package + "." + rest[2:end], true
	}
	dot := strings.LastIndexByte(rest, '.')
	if dot <= 0 {
		return "", false
	}
	return n.Package + "." + rest[:dot], true
}

// spelledWords counts the raw words (rawWords) of every unit's name and of
// the base names of its package and file: the module's vocabulary as its
// names spell it.
func spelledWords(m *model) map[string]int {
	known := make(map[string]int, len(m.units))
	parts := make(rawCache, len(m.units)/4) // package and file names, split once
	for _, ni := range m.units {
		n := m.nodes[ni]
		for _, ws := range [][]string{rawWords(n.Name), parts.words(path.Base(n.Package)), parts.words(path.Base(file(n)))} {
			for _, w := range ws {
				known[w]++
			}
		}
	}
	return known
}
