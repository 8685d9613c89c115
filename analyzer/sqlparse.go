package analyzer

import (
	"slices"
	"strings"
	"unicode"
)

// TableAccess is the set of tables one SQL statement reads and writes.
type TableAccess struct {
	Reads  []string
	Writes []string
}

// sqlToken is a word, a quoted identifier, a string literal or a symbol.
type sqlToken struct {
	text   string // identifiers and keywords upper-cased in upper
	upper  string
	quoted bool // a quoted identifier: never a keyword
	ident  bool // word or quoted identifier
}

// LooksLikeSQL reports whether s starts like a SQL statement that touches
// tables.
func LooksLikeSQL(s string) bool {
	toks := tokenizeSQL(s, 2)
	if len(toks) == 0 {
		return false
	}
	switch toks[0].upper {
	case "SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "MERGE", "REPLACE", "UPSERT", "TRUNCATE":
		return len(toks) > 1
	}
	return false
}

// ParseSQLTables finds the tables a SQL statement reads (FROM, JOIN, USING,
// subqueries) and writes (INSERT INTO, UPDATE, DELETE FROM, MERGE INTO,
// REPLACE INTO, TRUNCATE). Names are lower-cased with quotes removed;
// common table expressions are not tables. It never fails: text it does not
// understand yields fewer tables, not an error.
func ParseSQLTables(s string) TableAccess {
	toks := tokenizeSQL(s, -1)
	ctes := map[string]bool{}
	// WITH name AS (...), name2 (col, col) AS (...)
	for i := 0; i+2 < len(toks); i++ {
		if !toks[i].ident {
			continue
		}
		as := i + 1
		if toks[as].text == "(" {
			as = closeParen(toks, as) + 1 // a column list
		}
		if as+1 < len(toks) && toks[as].upper == "AS" && toks[as+1].text == "(" {
			if i == 0 || toks[i-1].upper == "WITH" || toks[i-1].text == "," || toks[i-1].upper == "RECURSIVE" || toks[i-1].text == ")" {
				ctes[strings.ToLower(unquote(toks[i].text))] = true
			}
		}
	}
	var acc TableAccess
	add := func(list *[]string, i int) int {
		name, next := tableName(toks, i, list == &acc.Writes)
		if name != "" && !ctes[name] && !slices.Contains(*list, name) {
			*list = append(*list, name)
		}
		return next
	}
	// funcParens marks parentheses opened by a function call, inside which
	// FROM is an argument keyword (EXTRACT(x FROM y), TRIM(... FROM ...)).
	var parens []bool
	inFunc := func() bool { return len(parens) > 0 && parens[len(parens)-1] }
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.text == "(":
			isFunc := i > 0 && toks[i-1].ident && !toks[i-1].quoted && !sqlKeyword(toks[i-1].upper)
			if i+1 < len(toks) && (toks[i+1].upper == "SELECT" || toks[i+1].upper == "WITH") {
				isFunc = false
			}
			parens = append(parens, isFunc)
			continue
		case t.text == ")":
			if len(parens) > 0 {
				parens = parens[:len(parens)-1]
			}
			continue
		case t.quoted || inFunc():
			continue
		}
		switch t.upper {
		case "FROM":
			if i > 0 && toks[i-1].upper == "DELETE" {
				i = add(&acc.Writes, i+1) - 1
				continue
			}
			if i > 0 && toks[i-1].upper == "DISTINCT" { // IS DISTINCT FROM
				continue
			}
			// FROM a, b, c
			j := add(&acc.Reads, i+1)
			for j < len(toks) && toks[j].text == "," {
				j = add(&acc.Reads, j+1)
			}
			i = j - 1
		case "JOIN", "USING":
			if t.upper == "USING" && (i+1 >= len(toks) || toks[i+1].text == "(") {
				continue
			}
			i = add(&acc.Reads, i+1) - 1
		case "INSERT", "REPLACE", "UPSERT", "MERGE":
			// INTO is optional in MySQL: INSERT [IGNORE] [INTO] t
			j := i + 1
			for j < len(toks) && (toks[j].upper == "LOW_PRIORITY" || toks[j].upper == "DELAYED" || toks[j].upper == "HIGH_PRIORITY" || toks[j].upper == "IGNORE" || toks[j].upper == "INTO" || toks[j].upper == "OR") {
				if toks[j].upper == "OR" && j+1 < len(toks) { // SQLite INSERT OR REPLACE INTO
					j++
				}
				j++
			}
			if t.upper == "REPLACE" && i > 0 && toks[i-1].upper == "OR" {
				continue
			}
			if j < len(toks) && toks[j].text == "(" { // REPLACE(...) the function
				continue
			}
			i = add(&acc.Writes, j) - 1
		case "UPDATE":
			// ON CONFLICT ... DO UPDATE and FOR UPDATE name no table.
			if i > 0 && (toks[i-1].upper == "DO" || toks[i-1].upper == "FOR" || toks[i-1].upper == "KEY") {
				continue
			}
			j := i + 1
			for j < len(toks) && (toks[j].upper == "ONLY" || toks[j].upper == "LOW_PRIORITY" || toks[j].upper == "IGNORE") {
				j++
			}
			i = add(&acc.Writes, j) - 1
		case "TRUNCATE":
			j := i + 1
			if j < len(toks) && toks[j].upper == "TABLE" {
				j++
			}
			i = add(&acc.Writes, j) - 1
		}
	}
	slices.Sort(acc.Reads)
	slices.Sort(acc.Writes)
	return acc
}

// tableName reads a possibly qualified, possibly quoted table name at
// toks[i]; it returns "" for subqueries, functions and keywords, and the
// index after the name and its alias.
func tableName(toks []sqlToken, i int, columns bool) (string, int) {
	for i < len(toks) && (toks[i].upper == "ONLY" || toks[i].upper == "LATERAL" || toks[i].upper == "TABLE") {
		i++
	}
	if i >= len(toks) || !toks[i].ident || (!toks[i].quoted && sqlKeyword(toks[i].upper)) {
		return "", i
	}
	parts := []string{unquote(toks[i].text)}
	j := i + 1
	for j+1 < len(toks) && toks[j].text == "." && toks[j+1].ident {
		parts = append(parts, unquote(toks[j+1].text))
		j += 2
	}
	// A part built from a value unknown at analysis (sqlPlaceholder) names
	// nothing: an unknown schema leaves the table's own name, an unknown
	// table no name at all.
	if strings.Contains(parts[len(parts)-1], sqlPlaceholder) {
		parts = nil
	}
	parts = slices.DeleteFunc(parts, func(p string) bool { return strings.Contains(p, sqlPlaceholder) })
	if len(parts) == 0 {
		return "", j
	}
	if j < len(toks) && toks[j].text == "(" {
		if !columns {
			return "", j // a table function: FROM generate_series(...)
		}
		return strings.ToLower(strings.Join(parts, ".")), j // INSERT INTO t (a, b)
	}
	// skip an alias: [AS] name
	if j < len(toks) && toks[j].upper == "AS" {
		j++
	}
	if j < len(toks) && toks[j].ident && (toks[j].quoted || !sqlKeyword(toks[j].upper)) {
		j++
	}
	return strings.ToLower(strings.Join(parts, ".")), j
}

func unquote(s string) string {
	if len(s) >= 2 {
		switch s[0] {
		case '"', '`':
			return s[1 : len(s)-1]
		case '[':
			return s[1 : len(s)-1]
		}
	}
	return s
}

// sqlKeyword reports words that end a table reference or never name one.
func sqlKeyword(w string) bool {
	switch w {
	case "SELECT", "FROM", "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS",
		"NATURAL", "ON", "USING", "GROUP", "ORDER", "BY", "HAVING", "LIMIT", "OFFSET", "UNION",
		"INTERSECT", "EXCEPT", "ALL", "AS", "SET", "VALUES", "VALUE", "INTO", "INSERT", "UPDATE",
		"DELETE", "RETURNING", "WITH", "AND", "OR", "NOT", "IN", "IS", "NULL", "EXISTS", "CASE",
		"WHEN", "THEN", "ELSE", "END", "DISTINCT", "FOR", "WINDOW", "FETCH", "LATERAL", "ONLY",
		"DO", "NOTHING", "CONFLICT", "DEFAULT", "MERGE", "MATCHED", "TABLE", "LIKE", "ILIKE",
		"BETWEEN", "ANY", "SOME", "OVER", "PARTITION", "TRUNCATE", "REPLACE", "IGNORE", "DUPLICATE",
		"KEY", "RECURSIVE", "ASC", "DESC", "NULLS", "FIRST", "LAST", "SKIP", "LOCKED", "NOWAIT",
		"SHARE", "OF", "STRAIGHT_JOIN", "USE", "FORCE", "INDEX", "TABLESAMPLE", "UPSERT", "QUALIFY":
		return true
	}
	return false
}

// closeParen returns the index of the ")" that closes the "(" at open, or
// the last index.
func closeParen(toks []sqlToken, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch toks[i].text {
		case "(":
			depth++
		case ")":
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return len(toks) - 1
}

// tokenizeSQL splits s into tokens, dropping comments, whitespace and the
// contents of string literals. limit < 0 reads everything.
func tokenizeSQL(s string, limit int) []sqlToken {
	var toks []sqlToken
	for i := 0; i < len(s) && (limit < 0 || len(toks) < limit); {
		c := s[i]
		switch {
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return toks
			}
			i += end + 4
		case c == '\'':
			j := i + 1
			for j < len(s) {
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			toks = append(toks, sqlToken{text: "''"})
			i = j + 1
		case c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			end := strings.IndexByte(s[i+1:], closer)
			if end < 0 {
				return toks
			}
			text := s[i : i+end+2]
			toks = append(toks, sqlToken{text: text, upper: strings.ToUpper(text), quoted: true, ident: true})
			i += end + 2
		case c == '_' || c < 0x80 && (unicode.IsLetter(rune(c)) || c == '@' || c == '#') || c >= 0x80:
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '$' || s[j] >= 0x80 || unicode.IsLetter(rune(s[j])) || unicode.IsDigit(rune(s[j]))) {
				j++
			}
			if j == i {
				j = i + 1
			}
			w := s[i:j]
			toks = append(toks, sqlToken{text: w, upper: strings.ToUpper(w), ident: true})
			i = j
		case unicode.IsSpace(rune(c)):
			i++
		default:
			toks = append(toks, sqlToken{text: string(c), upper: string(c)})
			i++
		}
	}
	return toks
}
