package analyzer

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CoChangeScale turns a pair's decayed commit count into an integer edge
// weight: a commit as new as the newest one read adds CoChangeScale, one
// a half-life older adds half of it. A co-changes edge of weight w thus
// stands for w/CoChangeScale recent commits.
const CoChangeScale = 100

// coChanges gathers the commits of a history and weighs the file pairs
// they change together.
type coChanges struct {
	g      *Graph
	cfg    HistoryConfig
	anchor map[string]string // file → the first symbol declared in it
	// file numbers the files seen in history that stand for a symbol;
	// skip marks the paths seen that do not (vendored, generated, or
	// declaring nothing), so each is decided once.
	file    map[string]int32
	names   []string
	skip    map[string]bool
	commits []commitFiles
	stats   HistoryStats
}

// commitFiles is one kept commit: its time and the numbers of its files.
type commitFiles struct {
	time  int64
	files []int32
}

func newCoChanges(g *Graph, cfg HistoryConfig) *coChanges {
	return &coChanges{g: g, cfg: cfg, anchor: fileAnchors(g), file: map[string]int32{}, skip: map[string]bool{}}
}

// fileAnchors maps each file of the graph to the symbol declared first in
// it (lowest line, then lowest id): the node a file's co-changes join.
func fileAnchors(g *Graph) map[string]string {
	type at struct {
		id   string
		line int
	}
	best := map[string]at{}
	for _, n := range g.Nodes() {
		switch n.Kind {
		case KindType, KindFunc, KindMethod, KindVar:
		default:
			continue
		}
		i := strings.LastIndexByte(n.Pos, ':')
		if n.External || i <= 0 {
			continue
		}
		line, err := strconv.Atoi(n.Pos[i+1:])
		if err != nil {
			continue
		}
		f := n.Pos[:i]
		if b, ok := best[f]; !ok || line < b.line || line == b.line && n.ID < b.id {
			best[f] = at{n.ID, line}
		}
	}
	out := make(map[string]string, len(best))
	for f, b := range best {
		out[f] = b.id
	}
	return out
}

// add takes one commit of the log.
func (c *coChanges) add(lc logCommit) error {
	c.stats.Commits++
	t := lc.Time
	if c.stats.Commits == 1 || t < c.stats.Oldest.Unix() {
		c.stats.Oldest = time.Unix(t, 0).UTC()
	}
	if c.stats.Commits == 1 || t > c.stats.Newest.Unix() {
		c.stats.Newest = time.Unix(t, 0).UTC()
	}
	if len(lc.Files) > c.cfg.MaxFiles {
		c.stats.Bulk++
		return nil
	}
	var fs []int32
	for _, p := range lc.Files {
		if i, ok := c.lookup(p); ok && !slices.Contains(fs, i) {
			fs = append(fs, i)
		}
	}
	if len(fs) >= 2 {
		slices.Sort(fs)
		c.commits = append(c.commits, commitFiles{time: t, files: fs})
	}
	return nil
}

// lookup returns the number of a path that stands for a symbol.
func (c *coChanges) lookup(p string) (int32, bool) {
	if i, ok := c.file[p]; ok {
		return i, true
	}
	if c.skip[p] {
		return 0, false
	}
	if _, ok := c.anchor[p]; !ok || c.excluded(p) || generated(filepath.Join(c.g.Dir, filepath.FromSlash(p))) {
		c.skip[p] = true
		return 0, false
	}
	i := int32(len(c.names))
	c.file[p] = i
	c.names = append(c.names, p)
	return i, true
}

// excluded reports a vendored path or one under a configured prefix.
func (c *coChanges) excluded(p string) bool {
	if p == "vendor" || strings.HasPrefix(p, "vendor/") || strings.Contains(p, "/vendor/") {
		return true
	}
	for _, x := range c.cfg.Exclude {
		if x != "" && strings.HasPrefix(p, x) {
			return true
		}
	}
	return false
}

// generated reports a Go file marked "Code generated ... DO NOT EDIT.".
func generated(path string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly|parser.ParseComments)
	return err == nil && ast.IsGenerated(f)
}

// apply weighs the pairs, adds the strongest as edges and returns what
// was read. A commit adds
// 0.5^(age/half-life) to each pair of files it changes, its age counted
// from the newest commit read, so the result does not depend on the day
// ficus runs.
func (c *coChanges) apply() HistoryStats {
	type acc struct {
		score float64
		n     int
	}
	pairs := map[uint64]*acc{}
	newest := c.stats.Newest.Unix()
	halfLife := c.cfg.HalfLifeDays * 24 * 3600
	for _, cm := range c.commits {
		w := math.Exp2(-float64(newest-cm.time) / halfLife)
		for i, a := range cm.files {
			for _, b := range cm.files[i+1:] {
				k := uint64(a)<<32 | uint64(b)
				p := pairs[k]
				if p == nil {
					p = &acc{}
					pairs[k] = p
				}
				p.score += w
				p.n++
			}
		}
	}
	type edge struct {
		from, to string
		weight   int
	}
	var edges []edge
	for k, p := range pairs {
		if p.n < c.cfg.MinCommits {
			continue
		}
		a, b := c.anchor[c.names[k>>32]], c.anchor[c.names[uint32(k)]]
		if a > b {
			a, b = b, a
		}
		edges = append(edges, edge{a, b, max(1, int(math.Round(p.score*CoChangeScale)))})
	}
	st := c.stats
	st.Pairs = len(edges)
	slices.SortFunc(edges, func(x, y edge) int {
		return cmp.Or(cmp.Compare(y.weight, x.weight), cmp.Compare(x.from, y.from), cmp.Compare(x.to, y.to))
	})
	if len(edges) > c.cfg.MaxEdges {
		c.g.Diagnostics = append(c.g.Diagnostics, Diagnostic{Kind: DiagHistory,
			Message: fmt.Sprintf("%d file pairs change together; only the %d strongest are co-changes edges (weight %d and more)", len(edges), c.cfg.MaxEdges, edges[c.cfg.MaxEdges-1].weight),
			Hint:    "raise history.max_edges or history.min_commits in ficus.yaml, or narrow the window with --history=SINCE"})
		edges = edges[:c.cfg.MaxEdges]
	}
	for _, e := range edges {
		if err := c.g.AddEdge(e.from, e.to, EdgeCoChanges, e.weight); err == nil {
			st.Edges++
		}
	}
	return st
}
