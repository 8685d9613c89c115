package planner

import (
	"maps"
	"slices"
	"strings"
	"unicode"
)

// isNameNoise reports words that never name a service on their own: the
// planner's layer, generic, technology and helper words (isLayerWord,
// isGenericWord, isTechWord, isHelperWord), and the words below that only
// naming needs. They live apart from the structure reading's lists on
// purpose: a word added here renames a service, never moves code.
func isNameNoise(w string) bool {
	w = strings.ToLower(w)
	s := stem(w)
	return isLayerWord(w) || isGenericWord(w) || isTechWord(w) || isHelperWord(s) || isTechWord(s) ||
		isTechName(s) || isNamingHelper(s) || isNamingVerb(w) || isTechnique(s) || helperSuffix(w) != ""
}

// helperSuffix returns the helper word glued to the end of w ("urllib",
// "stringutil"), "" when none is: a library of helpers, whatever it
// helps with.
func helperSuffix(w string) string {
	for _, suf := range []string{"lib", "utils", "util", "helpers", "helper", "kit"} {
		if rest, ok := strings.CutSuffix(w, suf); ok && len(rest) >= 3 {
			return suf
		}
	}
	return ""
}

// isNamingVerb reports verbs that route segments and functions start
// with (disableTag, ignoreApi, configureFilters, cmd.Execute): an action
// is no area, its object is ("disable-tag" names tag).
func isNamingVerb(w string) bool {
	switch w {
	case "configure", "execute", "exec", "convert", "ignore", "disable", "enable", "refresh", "reload", "delete",
		"remove", "create", "update", "edit", "find", "fetch", "download", "logout", "signout", "run", "start", "stop",
		"do", "apply", "toggle", "mark", "fresh", "clear", "reset", "import", "export", "preview",
		"subscribe", "unsubscribe", "authenticate", "authorize", "gather", "collect":
		return true
	}
	return false
}

// isHTTPMethod reports the HTTP methods spelled as words: a route
// segment or a handler named so ("/rss/post", "GetPost") says what the
// request does; it names an area only where a table is named so too
// (the posts of a blog).
func isHTTPMethod(w string) bool {
	switch strings.ToLower(w) {
	case "get", "put", "post", "patch", "head", "options":
		return true
	}
	return false
}

// isTechnique reports words of a general technique, format or mechanism
// any web program carries: security techniques (csrf, cors, captcha),
// transport security (tls, certificate), formats (logfmt, srcset, the
// feed formats rss, atom, opml),
// internationalisation (locale, i18n), batching and partitioning. They
// say how code works, never which business it serves.
func isTechnique(w string) bool {
	switch w {
	case "csrf", "xsrf", "cors", "xss", "captcha", "nonce", "tls", "ssl", "certificate", "cert", "x509", "acme",
		"locale", "i18n", "l10n", "logfmt", "toml", "ini", "srcset", "bookmarklet", "favicon",
		"batch", "bulk", "partition", "shard", "ring", "memberlist", "txt", "robot", "manifest", "sitemap", "timezone", "clock",
		"rss", "atom", "rdf", "opml", "jsonfeed", "podcast", "itunes":
		return true
	}
	return false
}

// gluedConversion returns the words of a name that glues noise words
// with a connector, as helpers that convert one thing into another are
// named ("apitofile": api, to, file; "structtomap"), nil for any other
// word: what it converts is no area.
func gluedConversion(w string) []string {
	var parts []string
	var split func(s string, connector bool) bool
	split = func(s string, connector bool) bool {
		if s == "" {
			return connector && len(parts) > 2
		}
		for i := len(s); i >= 2; i-- {
			head, isConn := s[:i], false
			switch head {
			case "to", "of", "by", "into":
				isConn = true
			default:
				if len(head) < 3 || !isNameNoise(head) {
					continue
				}
			}
			parts = append(parts, head)
			if split(s[i:], connector || isConn) {
				return true
			}
			parts = parts[:len(parts)-1]
		}
		return false
	}
	if split(w, false) {
		return parts
	}
	return nil
}

// techGlue returns the technology word w glues to a word of the module
// ("table" of "tabletree", "schema" of "schemaregistry"), "" when none.
func techGlue(w string, known map[string]int) string {
	for i := 3; i <= len(w)-3; i++ {
		head, tail := w[:i], w[i:]
		switch {
		case isTechName(head) && (known[tail] > 0 || compound(tail, known, 1)):
			return head
		case isTechName(tail) && (known[head] > 0 || compound(head, known, 1)):
			return tail
		}
	}
	return ""
}

// isRecordNoun reports nouns of a table that keeps a record of
// something (sys_data_access_logs, sys_operation_records): the word
// before it only qualifies the record.
func isRecordNoun(w string) bool {
	switch w {
	case "log", "record", "history", "journal", "trail":
		return true
	}
	return false
}

// commonTruncations are truncations engineers write without the module
// ever spelling the whole word (sys_opera_log, SysOperaLog): the whole
// word, "" for any other word.
func commonTruncation(w string) string {
	switch w {
	case "opera", "oper":
		return "operation"
	}
	return ""
}

// isNamingHelper reports words of plumbing that a service's code may be
// named after without it being the service's business: seeding and
// migration, paging, health probes, request and response shapes, log
// rotation, route prefixes (sys, public) and generated documentation.
func isNamingHelper(w string) bool {
	switch w {
	case "sys", "public", "private", "open", "internal", "all", "misc", "other", "default", "general",
		"info", "information", "detail", "req", "resp", "res", "reply", "payload", "form", "input", "output",
		"pagination", "paginate", "paging", "pager", "page", "offset", "cursor", "limit",
		"backend", "initdb", "seed", "seeder", "seeding", "fixture", "migrate", "migrator", "upgrade",
		"cutter", "rotate", "rotator", "rotation", "writer", "reader", "printer", "loader", "runner",
		"check", "checker", "probe", "liveness", "readiness", "ready", "alive", "heartbeat", "stat", "debug",
		"record", "entry", "id", "ids", "uuid",
		"init", "initialize", "initializer", "setup", "boot", "startup", "shutdown", "signal",
		"docsgen", "doc", "docs", "swag", "apidoc", "storybook", "asset", "example", "demo", "sample", "tmp", "temp",
		"handle", "process", "processor", "dispatch", "dispatcher", "callback", "hook", "plugin", "extension",
		"gauge", "counter", "histogram", "collector", "exporter", "otel", "prom", "prometheus",
		"sanitizer", "sanitize", "engine", "parser", "parse", "scraper", "crawler", "fetcher", "renderer", "formatter":
		return true
	}
	return false
}

// isPrefixWord reports words that namespace names rather than say what
// they are about: sys_config, public/uploadFile.
func isPrefixWord(w string) bool {
	switch w {
	case "sys", "public", "private", "open", "internal", "tbl":
		return true
	}
	return false
}

// isTechName reports words of a technology or of generated code: never a
// service's name, even when a table of the service carries the word
// (casbin_rule, schema_migrations).
func isTechName(w string) bool {
	switch w {
	case "db", "database", "sql", "mysql", "postgres", "postgresql", "pg", "sqlite", "mongo", "mongodb", "redis", "memcache",
		"kafka", "nats", "rabbitmq", "amqp", "mq", "grpc", "http", "https", "rest", "rpc", "graphql", "websocket", "ws",
		"s3", "oss", "obs", "kodo", "minio", "gcs", "cos", "blob", "bucket", "elasticsearch", "es", "etcd", "consul",
		"orm", "gorm", "sqlx", "sqlc", "ent", "casbin", "jwt", "zap", "logrus", "lumberjack", "otel", "jaeger",
		"schema", "migration", "table", "column", "col", "row", "constraint", "index", "sequence", "trigger", "information_schema", "pg_catalog", "ddl",
		"gen", "generate", "generated", "codegen", "autogen", "autocode", "pb", "proto", "protobuf",
		"openapi", "swagger", "mock", "fake", "stub", "wire", "docsgen":
		return true
	}
	return false
}

// isKnownAbbreviation reports short forms engineers write as words: a
// service named "auth" or "dept" is named, not truncated.
func isKnownAbbreviation(w string) bool {
	switch w {
	case "auth", "admin", "org", "dept", "dict", "app", "info", "stat", "spec", "sync", "calc", "geo",
		"temp", "sub", "pub", "ops", "dev", "prod", "demo", "promo", "memo", "photo", "video", "audio",
		"oauth", "sso", "otp", "sms", "crm", "cms", "erp", "kyc", "faq", "seo", "api", "url", "vat", "tax":
		return true
	}
	return false
}

// hasVowel reports whether w has a vowel: a word without one ("btn",
// "msg", "cfg") is an abbreviation a reader must decode.
func hasVowel(w string) bool {
	return strings.ContainsFunc(w, func(r rune) bool { return strings.ContainsRune("aeiouy", unicode.ToLower(r)) })
}

// completion returns the word w abbreviates among the service's own
// words (its identifiers and those of the code it calls), "" when none
// does: a longer word that starts with w and is no compound of the
// module's words, nor w and such words ("tran" of "transaction", "opera"
// of "operation", but not "user" of "usercache", "secret" of
// "secretsengine" or "vproduct" of "vproductapp"). The most
// frequent completion wins, then the first in order.
func completion(w string, own, known map[string]int) string {
	if len(w) < 3 || isKnownAbbreviation(w) {
		return ""
	}
	best, bc := "", 0
	for _, c := range slices.Sorted(maps.Keys(own)) {
		if len(c) < len(w)+3 || !strings.HasPrefix(c, w) || compound(c, known, 0) || compound(c[len(w):], known, 1) {
			continue
		}
		if n := own[c]; n > bc {
			best, bc = c, n
		}
	}
	return best
}

// compound reports whether s splits into two or more (less parts
// already split off) words of the module as its identifiers spell them
// (known) or of the naming vocabulary, each of three letters or more:
// "roledatascope", "secretsengine" where the code says Secrets. Known
// words are unstemmed: "trans" is no word because "tran" is.
func compound(s string, known map[string]int, parts int) bool {
	isWord := func(w string) bool { return known[w] > 0 || isNameNoise(w) }
	if parts > 0 && isWord(s) {
		return true
	}
	for i := 3; i <= len(s)-3; i++ {
		if isWord(s[:i]) && compound(s[i:], known, parts+1) {
			return true
		}
	}
	return false
}

// isAbbreviation reports a word without a vowel whose letters, in order,
// spell a longer word of the module that starts like it ("btn" of
// "button", "msg" of "message"); an acronym no word spells out ("mcp",
// "sms") is a name.
func isAbbreviation(w string, known map[string]int) bool {
	if hasVowel(w) || isKnownAbbreviation(w) || w == "" {
		return false
	}
	for c := range known {
		if len(c) > len(w)+1 && c[0] == w[0] && isSubsequence(w, c) {
			return true
		}
	}
	return false
}

func isSubsequence(a, b string) bool {
	i := 0
	for j := 0; i < len(a) && j < len(b); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

// isOpsRoute reports a route of operations rather than of the business:
// anything under /debug/ or an API's documentation (/swagger/...,
// /openapi.json), and a path of one segment (after api and
// version prefixes) that serves metrics, a health or readiness probe, or
// the build's version, commit or instance information ("GET /debug/commit",
// "* /metrics", "GET /api/healthz", "GET /api/v1/info"). What such a route serves is the program itself,
// so it names no service ("/commits/{sha}" of a code host still does).
func isOpsRoute(route string) bool {
	p := route
	if _, path, ok := strings.Cut(route, " "); ok {
		p = path // "GET /metrics"
	}
	var segs []string
	for _, seg := range strings.Split(strings.ToLower(p), "/") {
		if seg == "" || len(segs) == 0 && isRoutePrefix(seg) {
			continue
		}
		segs = append(segs, strings.TrimLeft(seg, "_"))
	}
	if len(segs) == 0 {
		return false
	}
	if segs[0] == "debug" || isAPIDocsSegment(segs[0]) {
		return true
	}
	if len(segs) > 1 {
		return false
	}
	switch segs[0] {
	case "metrics", "healthz", "health", "healthcheck", "livez", "live", "liveness", "readyz", "ready", "readiness",
		"ping", "version", "commit", "buildinfo", "info":
		return true
	}
	return false
}

// isAPIDocsSegment reports the first segments of the pages that document
// an API (Swagger UI, OpenAPI documents, ReDoc): every service publishes
// its own, and none is a business area.
func isAPIDocsSegment(seg string) bool {
	switch strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(seg, ".json"), ".yaml"), ".yml") {
	case "swagger", "swagger-ui", "swaggerui", "openapi", "api-docs", "apidocs", "redoc":
		return true
	}
	return false
}

// isRoutePrefix reports the segments that only prefix a route's path:
// api and its versions (v1, v2beta).
func isRoutePrefix(seg string) bool {
	if seg == "api" {
		return true
	}
	rest, ok := strings.CutPrefix(seg, "v")
	return ok && rest != "" && rest[0] >= '0' && rest[0] <= '9'
}
