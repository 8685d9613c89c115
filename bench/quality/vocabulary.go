package main

import (
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// The benchmark's own vocabulary of words that never name a service on
// their own, in four kinds. It is kept apart from the planner's lists on
// purpose, so that the planner cannot pass the check by sharing its
// blind spots; README.md describes it.

// isLayerName reports words of code structure: where code sits, not what
// it is for.
func isLayerName(w string) bool {
	switch w {
	case "handler", "handlers", "service", "services", "svc", "srv", "repository", "repositories", "repo", "repos",
		"model", "models", "entity", "entities", "api", "apis", "app", "apps", "application", "cmd", "internal",
		"domain", "domains", "ports", "port", "adapters", "adapter", "usecase", "usecases", "delivery", "controller",
		"controllers", "router", "routers", "route", "routes", "middleware", "middlewares", "server", "client",
		"dto", "dao", "store", "core", "base", "pkg", "lib", "libs", "module", "modules", "component", "components",
		"layer", "infra", "infrastructure", "persistence", "transport", "endpoint", "endpoints", "logic", "biz",
		"business", "presentation", "view", "views", "command", "commands", "query", "queries", "data", "bus",
		"interface", "interfaces", "impl", "platform", "foundation", "web", "ui", "bootstrap":
		return true
	}
	return false
}

// isTechnologyName reports words of a technology: a database, a broker, a
// protocol, a storage service, a library, a file format.
func isTechnologyName(w string) bool {
	switch w {
	case "db", "database", "sql", "mysql", "postgres", "postgresql", "pg", "sqlite", "mongo", "mongodb", "redis",
		"memcache", "memcached", "cache", "kafka", "nats", "rabbitmq", "amqp", "mq", "grpc", "http", "https", "rest",
		"rpc", "graphql", "websocket", "json", "xml", "yaml", "s3", "oss", "obs", "kodo", "minio", "gcs", "blob",
		"elasticsearch", "etcd", "consul", "orm", "gorm", "sqlx", "sqlc", "ent", "casbin", "jwt", "zap", "logrus",
		"prometheus", "otel", "docker", "k8s", "kubernetes", "html", "csv", "excel", "xlsx", "pdf", "storage",
		"gauge", "histogram":
		return true
	}
	return false
}

// isHelperName reports words of generic helpers and plumbing: code any
// service may carry, never a business area.
func isHelperName(w string) bool {
	switch w {
	case "util", "utils", "helper", "helpers", "common", "shared", "misc", "tool", "tools", "check", "checker",
		"health", "healthcheck", "info", "information", "req", "request", "requests", "resp", "response",
		"responses", "pagination", "paginate", "page", "paging", "writer", "reader", "cutter", "rotate", "rotator",
		"init", "initdb", "initialize", "seed", "seeder", "migrate", "migration", "migrations", "table", "tables",
		"column", "columns", "config", "configs", "configuration", "setting", "settings", "log", "logger",
		"logging", "error", "errors", "errs", "constant", "constants", "consts", "enum", "enums", "type", "types",
		"wait", "current", "buf", "buffer", "context", "sys", "global", "env", "flag", "flags", "option", "options",
		"param", "params", "validator", "validation", "plugin", "plugins", "hook", "hooks", "main", "public",
		"sanitizer", "engine", "parser", "scraper", "crawler", "fetcher", "renderer", "formatter":
		return true
	}
	return false
}

// isGeneratedName reports words of generated, test and documentation code.
func isGeneratedName(w string) bool {
	switch w {
	case "gen", "generated", "generate", "codegen", "autocode", "auto", "pb", "proto", "protobuf", "genproto",
		"openapi", "swagger", "mock", "mocks", "fake", "fakes", "stub", "stubs", "doc", "docs", "docsgen", "wire",
		"test", "tests", "testutil", "testdata", "example", "examples", "demo":
		return true
	}
	return false
}

// isTechniqueName reports words of a general technique, format or
// mechanism any web program carries: security techniques, transport
// security, formats, internationalisation, batching and partitioning.
func isTechniqueName(w string) bool {
	switch w {
	case "csrf", "xsrf", "cors", "xss", "captcha", "tls", "ssl", "certificate", "certificates", "cert", "certs", "x509",
		"i18n", "l10n", "locale", "locales", "timezone", "logfmt", "toml", "ini", "srcset", "bookmarklet", "favicon",
		"robots", "sitemap", "batch", "bulk", "partition", "partitions", "shard", "sharding", "memberlist",
		"rss", "atom", "rdf", "opml":
		return true
	}
	return false
}

// isVerbName reports verbs: an action is no area, its object is.
func isVerbName(w string) bool {
	switch w {
	case "configure", "execute", "exec", "convert", "ignore", "disable", "enable", "refresh", "reload", "delete",
		"remove", "create", "update", "edit", "fetch", "download", "logout", "run", "start", "stop", "reset", "toggle",
		"replace", "get", "put", "post", "patch", "send":
		return true
	}
	return false
}

// isFunctionWord reports words of grammar, not of any domain: a
// preposition or conjunction names no area ("since" of a since= query).
func isFunctionWord(w string) bool {
	switch w {
	case "since", "until", "before", "after", "from", "into", "with", "without", "via", "per", "and", "or", "the":
		return true
	}
	return false
}

// commonTruncationOf returns the whole word of a truncation engineers
// write without spelling the word out anywhere ("opera" of "operation"),
// "" for any other word.
func commonTruncationOf(w string) string {
	switch w {
	case "opera", "oper":
		return "operation"
	}
	return ""
}

// helperSuffix returns the helper word glued to the end of w ("urllib",
// "stringutil"), "" when none is.
func helperSuffix(w string) string {
	for _, s := range []string{"lib", "utils", "util", "helpers", "helper", "kit"} {
		if rest, ok := strings.CutSuffix(w, s); ok && len(rest) >= 3 {
			return s
		}
	}
	return ""
}

// isConversion reports a name that glues words of the module with a
// connector, at least one of them a layer, helper or technology word
// ("apitofile": api, to, file): a helper converting one thing into
// another.
func isConversion(w string, module map[string]bool) bool {
	var try func(s string, conn, vocab bool, n int) bool
	try = func(s string, conn, vocab bool, n int) bool {
		if s == "" {
			return conn && vocab && n > 2
		}
		for i := 2; i <= len(s); i++ {
			h := s[:i]
			switch {
			case h == "to" || h == "of" || h == "by" || h == "into":
				if try(s[i:], true, vocab, n+1) {
					return true
				}
			case len(h) >= 3 && module[h]:
				v := isLayerName(h) || isHelperName(h) || isTechnologyName(h)
				if try(s[i:], conn, vocab || v, n+1) {
					return true
				}
			}
		}
		return false
	}
	return try(w, false, false, 0)
}

// isShortWord reports abbreviations engineers write as words.
func isShortWord(w string) bool {
	switch w {
	case "auth", "oauth", "admin", "org", "dept", "dict", "stat", "spec", "sync", "geo", "promo", "memo", "demo",
		"photo", "video", "audio", "info", "app", "repo":
		return true
	}
	return false
}

// layerSuffix returns the layer word glued to the end of w ("oauthapp",
// "orderservice", "userdb"), "" when none is; what is left must be a
// word of three letters or more.
func layerSuffix(w string) string {
	for _, s := range []string{"service", "handler", "server", "store", "repo", "app", "api", "svc", "srv", "db", "bus"} {
		if rest, ok := strings.CutSuffix(w, s); ok && len(rest) >= 3 {
			return s
		}
	}
	return ""
}

// nameContext is what the check knows of one service: the words of its
// identifiers and of the code they call (idents), the words of the whole
// module (module), the words of the tables it owns (tables), and the last
// element of the module path when the app is one module (app: wtf).
type nameContext struct {
	idents, module, tables map[string]bool
	app                    string
}

// nameProblem says why a service name is not a domain name, "" when it is.
func nameProblem(name string, c nameContext) string {
	name = strings.ToLower(name)
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return "numbered"
		}
	}
	parts := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	if len(parts) == 0 {
		return "empty"
	}
	if c := name[0]; c < 'a' || c > 'z' {
		return "malformed: starts with " + string(rune(c)) // _matrix
	}
	// a compound (core-data, query-frontend) names one thing by its
	// qualifier; only a technology or generated-code part spoils it
	for _, p := range parts {
		switch {
		case isTechnologyName(p) || isTechnologyName(singular(p)) ||
			strings.HasSuffix(p, "ed") && isTechnologyName(strings.TrimSuffix(p, "d")): // cached
			return "technology: " + p
		case isFunctionWord(p):
			return "function word: " + p
		case isGeneratedName(p) || isGeneratedName(singular(p)):
			return "generated code: " + p
		case isTechniqueName(p):
			return "technique: " + p
		}
	}
	if isVerbName(parts[0]) && (len(parts) > 1 || !c.tables[singular(parts[0])]) {
		return "verb: " + parts[0] // disable-tag; not post beside a sys_post table
	}
	if len(parts) > 1 {
		return ""
	}
	w := parts[0]
	switch {
	case (isLayerName(w) || isLayerName(singular(w))) && !c.tables[singular(w)]:
		return "layer: " + w
	case (isHelperName(w) || isHelperName(singular(w))) && !c.tables[singular(w)]:
		return "helper: " + w
	case layerSuffix(w) != "" && !c.module[w] && !isShortWord(w):
		return "glued layer word: " + w
	case helperSuffix(w) != "":
		return "glued helper word: " + w
	case c.app != "" && (w == c.app || w == c.app+"d"):
		return "the app's own name: " + w
	case strings.HasSuffix(w, "gen") && len(w) >= 6 && startsWithWord(w[:len(w)-3], c.module):
		return "generator: " + w
	case isConversion(w, c.module):
		return "conversion helper: " + w
	case commonTruncationOf(w) != "":
		return "truncation of " + commonTruncationOf(w)
	}
	if long := truncationOf(w, c); long != "" {
		return "truncation of " + long
	}
	return ""
}

// truncationOf returns the longer word of the service's identifiers that
// w cuts short ("transaction" for "tran"), "" when none: a word that
// starts with w and goes on with no word of the module (a plural "s"
// before one counts when the module says w+"s": "secretsengine").
func truncationOf(w string, c nameContext) string {
	if len(w) < 3 || isShortWord(w) {
		return ""
	}
	best := ""
	for id := range c.idents {
		rest, ok := strings.CutPrefix(id, w)
		if !ok || len(rest) < 3 || startsWithWord(rest, c.module) || isInflection(w, rest) ||
			(rest[0] == 's' && c.module[w+"s"] && startsWithWord(rest[1:], c.module)) {
			continue
		}
		if best == "" || id < best {
			best = id
		}
	}
	return best
}

// isInflection reports whether w+rest is an inflected form of w (tag,
// tagged, tagging; post, posters), not a longer word w cuts short: rest
// is an inflection's ending, after w's last letter doubled or not.
func isInflection(w, rest string) bool {
	ending := func(s string) bool {
		switch s {
		case "ed", "ing", "er", "ers", "es":
			return true
		}
		return false
	}
	return ending(rest) || len(rest) > 1 && rest[0] == w[len(w)-1] && ending(rest[1:])
}

// startsWithWord reports whether s begins with a module word of three
// letters or more.
func startsWithWord(s string, module map[string]bool) bool {
	for i := 3; i <= len(s); i++ {
		if module[s[:i]] {
			return true
		}
	}
	return false
}

// singular folds a plural: "tables" gives "table", "categories" "category".
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// identWords splits identifiers, file and package names into lower-case
// words: "(*SysOperaLog).Get" gives sys, opera, log, get.
func identWords(s string, out map[string]bool) {
	rs := []rune(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end-start >= 2 {
			out[strings.ToLower(string(rs[start:end]))] = true
		}
		start = -1
	}
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r):
			flush(i)
		case start < 0:
			start = i
		case unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
}

// nodeWords adds the words of a node's name, package and file.
func nodeWords(n analyzer.Node, out map[string]bool) {
	identWords(n.Name, out)
	if n.Package != "" {
		identWords(path.Base(n.Package), out)
	}
	if f, _, ok := strings.Cut(n.Pos, ":"); ok {
		identWords(strings.TrimSuffix(path.Base(f), ".go"), out)
	}
}

// tableNoun is the last word of a table's name, singular, the data it
// stores (sys_config gives config, sys_opera_log log); "" for a table of
// a database's catalog or of a technology (information_schema.tables,
// schema_migrations, casbin_rule), which stores no business.
func tableNoun(t string) string {
	ws := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(ws) == 0 {
		return ""
	}
	for _, w := range ws {
		switch singular(w) {
		case "schema", "migration", "table", "column", "constraint", "index":
			return ""
		}
		if isTechnologyName(w) || isGeneratedName(w) {
			return ""
		}
	}
	return singular(ws[len(ws)-1])
}

// badNames returns each service name of the plan that is no domain name,
// with the reason ("tran: truncation of transaction").
func badNames(doc analyzer.Document, plan *planner.Plan) []string {
	byID := make(map[string]analyzer.Node, len(doc.Nodes))
	module := map[string]bool{}
	for _, n := range doc.Nodes {
		byID[n.ID] = n
		if !n.External {
			nodeWords(n, module)
		}
	}
	calls := map[string][]string{}
	for _, e := range doc.Edges {
		if e.Kind == analyzer.EdgeCalls {
			calls[e.From] = append(calls[e.From], e.To)
		}
	}
	app := ""
	if !strings.Contains(doc.Module, ",") {
		app = strings.ToLower(path.Base(doc.Module))
	}
	var out []string
	for _, s := range plan.Services {
		c := nameContext{idents: map[string]bool{}, module: module, tables: map[string]bool{}, app: app}
		for _, id := range s.Members {
			nodeWords(byID[id], c.idents)
			for _, to := range calls[id] {
				nodeWords(byID[to], c.idents)
			}
		}
		for _, t := range s.Tables {
			if w := tableNoun(strings.TrimPrefix(t, "table:")); w != "" {
				c.tables[w] = true
			}
		}
		if p := nameProblem(s.Name, c); p != "" {
			out = append(out, s.Name+" ("+p+")")
		}
	}
	return out
}
