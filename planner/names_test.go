package planner

import (
	"slices"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestNamesPreferBusinessWords: a cluster holding the module's only Redis
// code is still named for its business (users), and words shared by
// every cluster lose to distinctive ones.
func TestNamesPreferBusinessWords(t *testing.T) {
	nodes := []analyzer.Node{
		{ID: "table:users", Kind: analyzer.KindTable, Name: "users"},
		{ID: "x/store.(*RedisSessions).Get", Kind: analyzer.KindMethod, Name: "(*RedisSessions).Get", Package: "x/store", Pos: "store/redis.go:1"},
		{ID: "x/store.(*RedisTokens).Get", Kind: analyzer.KindMethod, Name: "(*RedisTokens).Get", Package: "x/store", Pos: "store/redis.go:9"},
		{ID: "x/store.RedisLock", Kind: analyzer.KindFunc, Name: "RedisLock", Package: "x/store", Pos: "store/redis.go:20"},
		{ID: "table:orders", Kind: analyzer.KindTable, Name: "orders"},
		{ID: "route:GET /orders", Kind: analyzer.KindRoute, Name: "GET /orders", Package: "x/api", Pos: "api/router.go:3"},
		{ID: "x/orders.UserRef", Kind: analyzer.KindType, Name: "UserRef", Package: "x/orders", Pos: "orders/ref.go:1"},
	}
	m := newModel(analyzer.Document{Module: "x", Nodes: nodes})
	label := make([]int32, len(m.units))
	for u := range m.units {
		switch m.unitNode(int32(u)).ID {
		case "table:users", "x/store.(*RedisSessions).Get", "x/store.(*RedisTokens).Get", "x/store.RedisLock":
			label[u] = 0
		default:
			label[u] = 1
		}
	}
	got := nameServices(m, label, 2, nil)
	if got[0] != "users" || got[1] != "orders" {
		t.Errorf("names %q, want [users orders]", got)
	}
}

// nameCase is one service of a naming fixture: its units and how its
// name is fixed before the domain naming looks at it.
type nameCase struct {
	units []analyzer.Node
	// pin is the name a feature folder (feature) or a user's pin gives
	// the service; "" leaves it to nameServices.
	pin     string
	feature bool
	// program marks the pin as a program of its own's folder name.
	program bool
	// outside are units of the service outside its feature folder.
	outside []analyzer.Node
}

// TestServiceNamesFromDomainWords: a name that is a layer, technology or
// helper word, a glued layer word or a truncation is replaced by a
// domain word of what the service holds; good folder names, compound
// feature names and users' pins stay; a helper with nothing to name it
// keeps its name with a reason that says so.
func TestServiceNamesFromDomainWords(t *testing.T) {
	fn := func(pkg, name, file string) analyzer.Node {
		return analyzer.Node{ID: "x/" + pkg + "." + name, Kind: analyzer.KindFunc, Name: name, Package: "x/" + pkg, Pos: file + ":1"}
	}
	route := func(r string) analyzer.Node {
		return analyzer.Node{ID: "route:" + r, Kind: analyzer.KindRoute, Name: r}
	}
	table := func(name string) analyzer.Node {
		return analyzer.Node{ID: "table:" + name, Kind: analyzer.KindTable, Name: name}
	}
	tests := []struct {
		name       string
		service    nameCase
		calls      []analyzer.Node // code the service calls, in the kernel
		wantName   string
		wantReason string // a part of the naming reason; "" for none
	}{
		{"a helper folder's name gives way to its routes' resource",
			nameCase{units: []analyzer.Node{fn("initdb", "CreateDepartment", "initdb/department.go"), route("POST /api/v1/department/createDepartment")}, pin: "initdb", feature: true},
			nil, "department", "initdb is a layer, technology or helper word"},
		{"a layer word glued to a business word is cut off",
			nameCase{units: []analyzer.Node{fn("oauthapp", "Authenticate", "oauthapp/oauth.go"), route("GET /api/auth/{provider}")}, pin: "oauthapp", feature: true},
			nil, "oauth", "glues a layer word to oauth"},
		{"a truncation takes the whole word the code it calls spells out",
			nameCase{units: []analyzer.Node{fn("tranapp", "NewTran", "tranapp/tran.go"), route("POST /v1/tranexample")}, pin: "tran", feature: true},
			[]analyzer.Node{fn("mid", "BeginCommitRollback", "mid/transaction.go")}, "transaction", "tran is short for transaction"},
		{"a helper word the service's own table stores is its business",
			nameCase{units: []analyzer.Node{fn("req", "SysConfigReq", "req/config.go"), table("sys_config"), route("GET /api/v1/config")}, pin: "req", feature: true},
			nil, "config", "its table sys_config"},
		{"a storage technology gives way to the route",
			nameCase{units: []analyzer.Node{fn("kodo", "Upload", "kodo/kodo.go"), route("POST /api/v1/public/uploadFile")}, pin: "kodo", feature: true},
			nil, "upload", "kodo names a technology"},
		{"a good folder name stays, even beside other route words",
			nameCase{units: []analyzer.Node{fn("booking", "BookCargo", "booking/service.go"), route("GET /booking/v1/cargos")}, pin: "booking", feature: true},
			nil, "booking", ""},
		{"a feature named with its parent folder stays",
			nameCase{units: []analyzer.Node{fn("core/data", "AddReading", "core/data/reading.go"), route("POST /api/v3/reading")}, pin: "core-data", feature: true},
			nil, "core-data", ""},
		{"a user's pin stays whatever its word",
			nameCase{units: []analyzer.Node{fn("initdb", "Seed", "initdb/seed.go"), route("GET /department")}, pin: "initdb"},
			nil, "initdb", ""},
		{"a helper with no route, table or business package keeps its name and says why",
			nameCase{units: []analyzer.Node{fn("pagination", "Paginate", "pagination/pagination.go"), fn("pagination", "Cursor", "pagination/cursor.go")}, pin: "pagination", feature: true},
			nil, "pagination", "likely a helper, not a service"},
		{"a verb gives way to the noun of its routes",
			nameCase{units: []analyzer.Node{fn("configure", "ConfigureFilters", "configure/filters.go"), route("GET /v1/tags/list")}, pin: "configure", feature: true},
			nil, "tags", "configure is a verb, not an area"},
		{"an HTTP method word gives way to another noun of the routes",
			nameCase{units: []analyzer.Node{fn("feeds", "PostComments", "feeds/post.go"), route("GET /api/v1/rss/post"), route("GET /api/v1/rss/site"), route("GET /api/v1/rss/reply")}, pin: "post", feature: true},
			nil, "site", "post is a verb, not an area"},
		{"an HTTP method word a table stores is the business",
			nameCase{units: []analyzer.Node{fn("post", "CreatePost", "post/post.go"), table("posts"), route("POST /api/posts")}, pin: "post", feature: true},
			nil, "post", ""},
		{"a route's verb segment gives its noun",
			nameCase{units: []analyzer.Node{fn("kodo", "DisableTag", "kodo/tag.go"), route("POST /reader/disableTag")}, pin: "kodo", feature: true},
			nil, "tag", "kodo names a technology"},
		{"a security technique gives way to the route's resource",
			nameCase{units: []analyzer.Node{fn("csrf", "Validate", "csrf/csrf.go"), route("GET /shares")}, pin: "csrf", feature: true},
			nil, "shares", "csrf is a general technique, format or mechanism"},
		{"a common truncation the code never spells out takes its whole word",
			nameCase{units: []analyzer.Node{fn("opera", "SysOperaLog", "opera/log.go"), table("sys_opera_log"), route("GET /api/v1/sys-opera-log")}, pin: "opera", feature: true},
			nil, "operation-log", "after its table, spelled out, not opera (opera is short for operation)"},
		{"a word that only qualifies the record its table keeps takes the record noun",
			nameCase{units: []analyzer.Node{fn("access", "DataAccessLog", "access/log.go"), table("sys_data_access_logs"), route("GET /dataAccessLog/getDataAccessLogList")}, pin: "access", feature: true},
			nil, "access-logs", "access only qualifies what its table stores, access-logs"},
		{"a schema names the service, not a qualifier of its records",
			nameCase{units: []analyzer.Node{fn("scheduler", "AddRecord", "scheduler/record.go"), table("support_scheduler.record"), route("GET /api/v3/scheduler/record")}, pin: "scheduler", feature: true},
			nil, "scheduler", ""},
		{"a word its own table stores is no qualifier",
			nameCase{units: []analyzer.Node{fn("error", "SysError", "error/log.go"), table("sys_error"), table("sys_error_logs")}, pin: "error", feature: true},
			nil, "error", ""},
		{"a scheduled job names what it does",
			nameCase{units: []analyzer.Node{fn("cli", "RefreshFeeds", "cli/refresh.go"), {ID: "job:x/cli.feedScheduler", Kind: analyzer.KindJob, Name: "x/cli.feedScheduler"}}, pin: "batch", feature: true},
			nil, "feed-scheduler", "after its job feedScheduler, not batch (batch is a general technique"},
		{"the noun routes and an owned table share beats a word of one route",
			nameCase{units: []analyzer.Node{fn("casbin", "CreateApi", "casbin/api.go"), table("sys_apis"), route("POST /api/createApi"),
				route("POST /api/getApiList"), route("POST /api/setApiRoles"), route("GET /api/getApiRoles")}, pin: "casbin", feature: true},
			nil, "apis", "its table sys_apis, not casbin"},
		{"a program keeps its folder's name, with a note when that name is a technique",
			nameCase{units: []analyzer.Node{fn("logfmt", "Format", "logfmt/main.go"), route("GET /lines")}, pin: "logfmt", feature: true, program: true},
			nil, "logfmt", "the folder name of a program of its own, though logfmt is a general technique"},
		{"a program with a domain name keeps it silently",
			nameCase{units: []analyzer.Node{fn("metrics", "Collect", "metrics/main.go")}, pin: "metrics", feature: true, program: true},
			nil, "metrics", ""},
		{"a technique's table names nothing: the service is likely a helper",
			nameCase{units: []analyzer.Node{fn("certificate", "NewCache", "certificate/cache.go"), table("acme_cache")}, pin: "certificate", feature: true},
			nil, "certificate", "certificate is a general technique, format or mechanism, and no route"},
		{"a conversion helper's glued name with nothing else to name it stays as a likely helper",
			nameCase{units: []analyzer.Node{fn("tools", "GenApiToFile", "tools/gen.go"), route("GET /api/v1/gen/apitofile/{tableId}")}, pin: "apitofile", feature: true},
			nil, "apitofile", "apitofile glues api, to, file: a conversion helper, and no route"},
		{"a service whose domain words name other services says so",
			nameCase{units: []analyzer.Node{fn("configure", "ConfigureFilters", "configure/filters.go"), route("GET /v1/users/{id}/entries")}, pin: "configure", feature: true},
			nil, "configure", "domain words of its routes, tables and packages (users) name other services already"},
		{"a technology word glued to a word gives way to the routes",
			nameCase{units: []analyzer.Node{fn("tools", "TableTree", "tools/tree.go"), route("GET /api/v1/gen/tabletree"), route("GET /api/v1/reports/list")}, pin: "tabletree", feature: true},
			nil, "reports", "tabletree glues the technology word table to a name"},
		{"a route under a generated-code segment names no area",
			nameCase{units: []analyzer.Node{fn("tools", "GenToProject", "tools/gen.go"), route("GET /api/v1/gen/toproject/{tableId}")}, pin: "initdb", feature: true},
			nil, "initdb", "likely a helper, not a service"},
		{"a generator with nothing else to name it keeps its name as a likely helper",
			nameCase{units: []analyzer.Node{fn("parquetquerygen", "ParquetQuery", "parquetquerygen/main.go")}, pin: "parquetquerygen", feature: true},
			nil, "parquetquerygen", "glues the generated-code word gen to parquetquery, and no route"},
		{"a verb route gives way to the noun of the others",
			nameCase{units: []analyzer.Node{fn("reader", "Subscribe", "reader/subscribe.go"), route("GET /subscribe"), route("POST /subscribe"), route("GET /feeds/{id}")}, pin: "reader", feature: true},
			nil, "feeds", "reader is a layer"},
		{"a route's file extension names nothing",
			nameCase{units: []analyzer.Node{fn("engine", "Serve", "engine/serve.go"), route("GET /favicon.ico"), route("GET /robots.txt"), route("GET /reports")}, pin: "engine", feature: true},
			nil, "reports", "engine is a layer"},
		{"operations routes name nothing",
			nameCase{units: []analyzer.Node{fn("server", "Run", "server/run.go"), route("GET /debug/commit"), route("GET /debug/commit/short"), route("GET /reports")}, pin: "server", feature: true},
			nil, "reports", "server is a layer"},
		{"a helper package's name that routes and tables never say gives way to the noun they agree on",
			nameCase{units: []analyzer.Node{fn("fracdex", "KeyBetween", "fracdex/fracdex.go"), fn("fracdex", "NKeysBetween", "fracdex/fracdex.go"),
				fn("fracdex", "Midpoint", "fracdex/fracdex.go"), fn("fracdex", "IncrementInt", "fracdex/fracdex.go"),
				table("applications"), route("GET /application"), route("PUT /application/{id}")}},
			nil, "applications", "its routes and tables say applications, never fracdex"},
		{"a name its routes say stays beside the noun they share with a table",
			nameCase{units: []analyzer.Node{fn("session", "Login", "session/login.go"), fn("session", "Logout", "session/login.go"),
				fn("session", "Validate", "session/login.go"), table("sessions"), route("POST /session/login"), route("GET /sessions")}},
			nil, "session", ""},
		{"a feature folder keeps its name though its routes and tables say another noun",
			nameCase{units: []analyzer.Node{fn("fever", "Serve", "fever/handler.go"), table("items"), route("GET /items")}, pin: "fever", feature: true},
			nil, "fever", ""},
		{"a feature folder that holds little of its service gives way to the noun its routes and tables agree on",
			nameCase{units: []analyzer.Node{fn("email", "SendIssueMail", "email/email.go"), table("issues"), route("GET /repos/{id}/issues")}, pin: "email", feature: true,
				outside: []analyzer.Node{fn("database", "CreateIssue", "database/issue.go"), fn("database", "CloseIssue", "database/issue.go"), fn("database", "ListIssues", "database/issue.go")}},
			nil, "issues", "its feature folder holds 1 of its 4 symbols, and its routes and tables say issues, never email"},
		{"a feature folder holding a third of its service keeps its name",
			nameCase{units: []analyzer.Node{fn("email", "SendIssueMail", "email/email.go"), table("issues"), route("GET /repos/{id}/issues")}, pin: "email", feature: true,
				outside: []analyzer.Node{fn("database", "CreateIssue", "database/issue.go"), fn("database", "CloseIssue", "database/issue.go")}},
			nil, "email", ""},
		{"an abbreviation without a vowel that a word of the code spells out gives way",
			nameCase{units: []analyzer.Node{fn("btn", "MenuButton", "btn/menu.go"), route("GET /menu/getMenu")}, pin: "btn", feature: true},
			nil, "menu", "btn is an abbreviation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// a second service that holds the users' area, so that scores
			// are relative, and the kernel holding the called code
			other := []analyzer.Node{fn("users", "CreateUser", "users/user.go"), route("GET /users")}
			nodes := append(append(append(slices.Clone(tt.service.units), tt.service.outside...), other...), tt.calls...)
			var edges []analyzer.Edge
			for _, c := range tt.calls {
				edges = append(edges, analyzer.Edge{From: tt.service.units[0].ID, To: c.ID, Kind: analyzer.EdgeCalls, Weight: 1})
			}
			m := newModel(analyzer.Document{Module: "x", Nodes: nodes, Edges: edges})
			label := make([]int32, len(m.units))
			cons := &constraints{set: make([]int32, len(m.units)), feature: make([]bool, len(m.units))}
			if tt.service.pin != "" {
				cons.pin = []string{tt.service.pin}
				cons.program = map[int32]bool{0: tt.service.program}
			}
			for u := range m.units {
				label[u], cons.set[u] = 1, -1
				id := m.unitNode(int32(u)).ID
				switch {
				case slices.ContainsFunc(tt.service.units, func(n analyzer.Node) bool { return n.ID == id }):
					label[u] = 0
					if tt.service.pin != "" {
						cons.set[u] = 0
						cons.feature[u] = tt.service.feature
					}
				case slices.ContainsFunc(tt.service.outside, func(n analyzer.Node) bool { return n.ID == id }):
					label[u] = 0 // the service's, outside its feature folder
				case slices.ContainsFunc(tt.calls, func(n analyzer.Node) bool { return n.ID == id }):
					label[u] = labelKernel
				}
			}
			names, naming := serviceNames(m, cons, label, 2)
			reason := naming[0].reason
			if names[0] != tt.wantName {
				t.Errorf("name %q, want %q (reason %q)", names[0], tt.wantName, reason)
			}
			if tt.wantReason == "" && reason != "" || !strings.Contains(reason, tt.wantReason) {
				t.Errorf("reason %q, want one containing %q", reason, tt.wantReason)
			}
			if (reason == "") != (naming[0].note == "") || strings.Contains(naming[0].note, "\n") {
				t.Errorf("note %q for reason %q: want one line exactly when there is a reason", naming[0].note, reason)
			}
			if names[1] != "users" {
				t.Errorf("the other service is %q, want users", names[1])
			}
		})
	}
}

// TestCompletionAndAbbreviation: a truncation is a prefix of a longer
// word of the service that no compound of known words explains; an
// abbreviation is a vowelless word a longer word of the module spells.
func TestCompletionAndAbbreviation(t *testing.T) {
	known := map[string]int{"user": 3, "cache": 1, "tran": 2, "transaction": 1, "role": 2, "data": 4, "scope": 1, "button": 1, "message": 1}
	completions := []struct {
		word     string
		own      map[string]int
		wantWord string
	}{
		{"tran", map[string]int{"tran": 4, "transaction": 1}, "transaction"},
		{"opera", map[string]int{"opera": 4, "operation": 2, "operational": 1}, "operation"},
		{"user", map[string]int{"user": 4, "usercache": 1}, ""},
		{"role", map[string]int{"role": 4, "roledatascope": 1}, ""},
		{"vproduct", map[string]int{"vproductapp": 2}, ""},
		{"auth", map[string]int{"authentication": 2}, ""},
		{"order", map[string]int{"order": 2, "orders": 1}, ""},
	}
	for _, tt := range completions {
		t.Run("completion "+tt.word, func(t *testing.T) {
			if got := completion(tt.word, tt.own, known); got != tt.wantWord {
				t.Errorf("completion(%q) = %q, want %q", tt.word, got, tt.wantWord)
			}
		})
	}
	abbreviations := []struct {
		word string
		want bool
	}{{"btn", true}, {"msg", true}, {"mcp", false}, {"sms", false}, {"menu", false}}
	for _, tt := range abbreviations {
		t.Run("abbreviation "+tt.word, func(t *testing.T) {
			if got := isAbbreviation(tt.word, known); got != tt.want {
				t.Errorf("isAbbreviation(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}

func TestIsOpsRoute(t *testing.T) {
	tests := []struct {
		route string
		want  bool
	}{
		{"GET /debug/commit", true},
		{"/metrics", true},
		{"GET /debug/pprof/{name}", true},
		{"* /metrics", true},
		{"GET /api/healthz", true},
		{"GET /v1/version", true},
		{"GET /api/v2/readyz", true},
		{"GET /api/v1/info", true},
		{"GET /info/{id}", false},
		{"GET /commits/{sha}", false},
		{"GET /versions/{id}/diff", false},
		{"GET /metrics/{name}", false},
		{"GET /", false},
		{"GET /api", false},
		{"POST /users", false},
		{"GET /swagger/{any...}", true},
		{"GET /api/v1/swagger/index.html", true},
		{"GET /openapi.json", true},
		{"GET /api-docs", true},
		{"GET /docs/{id}", false},
		{"GET /swaggers", false},
	}
	for _, tt := range tests {
		if got := isOpsRoute(tt.route); got != tt.want {
			t.Errorf("isOpsRoute(%q) = %v, want %v", tt.route, got, tt.want)
		}
	}
}
