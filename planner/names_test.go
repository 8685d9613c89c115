package planner

import (
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
