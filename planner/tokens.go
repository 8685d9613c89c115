package planner

import (
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ficus-dev/ficus/analyzer"
)

// words splits an identifier or file name into lower-case, stemmed words:
// "SQLOrderRepository" gives sql, order, repository; "order_items.go"
// gives order, item. Words shorter than three letters and numbers are
// dropped: they say nothing about a business area.
func words(s string, out []string) []string {
	for _, t := range rawWords(s) {
		if utf8.RuneCountInString(t) >= 3 {
			if w := stem(t); len(w) >= 3 {
				out = append(out, w)
			}
		}
	}
	return out
}

// rawWords splits a name into its lower-case words, unstemmed, at every
// character that is no letter and before each capital that starts a
// word: "sysOperaLog" and "sys_opera_log" give sys, opera, log;
// "orderID" gives order, id; "SQLOrder" gives sql, order; "SQLiteDB"
// gives sqlite, db.
//
// It walks s by byte offset and cuts the words out of s itself; an ASCII
// name is lowered once as a whole (ASCII lowers byte by byte), so that its
// words cost no copy of their own.
func rawWords(s string) []string {
	out := make([]string, 0, 4)
	lower := ""
	if isASCII(s) {
		lower = strings.ToLower(s)
	}
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			if lower != "" {
				out = append(out, lower[start:end])
			} else {
				out = append(out, strings.ToLower(s[start:end]))
			}
		}
		start = -1
	}
	prev := utf8.RuneError
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 'S' && strings.HasPrefix(s[i:], "SQLite"):
			// the one capitalised name the capitals would cut wrong
			// (sq, lite): SQLiteStore gives sqlite, store
			flush(i)
			start = i
			i += len("SQLite")
			flush(i)
			prev = 'e'
			continue
		case !unicode.IsLetter(r):
			flush(i)
		case start < 0:
			start = i
		case unicode.IsUpper(r):
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			nextLower := i+size < len(s) && unicode.IsLower(next)
			if unicode.IsLower(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush(i)
				start = i
			}
		}
		prev = r
		i += size
	}
	flush(len(s))
	return out
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stem folds English plurals so that "orders", "order" and "categories",
// "category" meet. It is deliberately small: identifiers are short and a
// wrong fold only weakens one word.
func stem(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// isGoWord reports words every Go code base uses for its own mechanics, not for
// its business: constructor and accessor prefixes and the names of the
// language's building blocks.
func isGoWord(w string) bool {
	switch w {
	case "new", "get", "set", "must", "with", "from", "for", "the", "and", "err", "error",
		"string", "func", "type", "impl", "default", "init", "main", "test", "doc":
		return true
	}
	return false
}

// nameWords returns the distinct words of a unit's name, file and
// package. For a method the name is its receiver type's: method names are
// verbs (Get, List, Place) shared by every area, the type says whose. A
// route gives the words of its path, without parameters; a table or job
// its name. The file of a route or job is where it is registered, often a
// router that registers them all, so it is not used.
func nameWords(n analyzer.Node) []string { return nameWordsCached(n, nil) }

// wordCache keeps the words of names that recur across units (a file's,
// a package's), so that each is split once per plan; a nil cache splits
// every time.
type wordCache map[string][]string

func (c wordCache) words(s string) []string {
	if c == nil {
		return words(s, nil)
	}
	ws, ok := c[s]
	if !ok {
		ws = words(s, nil)
		c[s] = ws
	}
	return ws
}

// rawCache keeps the raw words (rawWords) of names that recur across
// units (a file's, a package's), so that each is split once.
type rawCache map[string][]string

func (c rawCache) words(s string) []string {
	ws, ok := c[s]
	if !ok {
		ws = rawWords(s)
		c[s] = ws
	}
	return ws
}

// nameWordsCached is nameWords with the words of file and package names
// taken from c.
func nameWordsCached(n analyzer.Node, c wordCache) []string {
	var ws []string
	name := n.Name
	switch n.Kind {
	case analyzer.KindMethod:
		name, _, _ = strings.Cut(strings.TrimPrefix(name, "(*"), ")")
		name, _, _ = strings.Cut(name, ".")
	case analyzer.KindRoute:
		_, p, _ := strings.Cut(name, " ")
		var segs []string
		for _, seg := range strings.Split(p, "/") {
			if !strings.HasPrefix(seg, "{") {
				segs = append(segs, seg)
			}
		}
		name = strings.Join(segs, "/")
	}
	ws = words(name, ws)
	if f := file(n); f != "" && isSymbol(n) {
		ws = append(ws, c.words(strings.TrimSuffix(path.Base(f), ".go"))...)
	}
	if n.Package != "" {
		ws = append(ws, c.words(path.Base(n.Package))...)
	}
	out := ws[:0]
	for _, w := range ws {
		if !isGoWord(w) && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
