package planner

// minHubAreaMethods is how many methods one table area of a store hub
// needs (see storeHubs), documented in docs/plan-format.md: one method
// touching a table of its own is a helper, two are an area's store.
const minHubAreaMethods = 2

// storeHubs marks the types whose methods, declared in the type's own
// file, serve two or more areas of tables that no method joins: a
// database client with every area's queries in one file (sqlite.go's
// SQLiteDatabase with CreateAccount beside SaveBookmarks). Grouped with
// their type, such methods glue the areas into one block that every
// area's code pulls at; placed one by one (see apartMethod) each follows
// the tables and the code it serves. Tables are in one area when a method
// of the type reads or writes both, so a repository whose queries join
// its tables stays one. Methods declared apart from their type are placed
// one by one already and do not count.
func storeHubs(m *model) []bool {
	hub := make([]bool, len(m.units))
	byType := map[int32][]int32{}
	for u, t := range m.recv {
		if t >= 0 && len(m.tables[u]) > 0 && file(m.unitNode(int32(u))) == file(m.unitNode(t)) {
			byType[t] = append(byType[t], int32(u))
		}
	}
	for t, methods := range byType {
		if len(methods) < 2*minHubAreaMethods {
			continue
		}
		area := map[int32]int32{} // table → another table of its area, itself at the root
		find := func(x int32) int32 {
			for area[x] != x {
				area[x] = area[area[x]]
				x = area[x]
			}
			return x
		}
		for _, u := range methods {
			first := int32(-1)
			for _, tb := range m.tables[u] {
				if _, ok := area[tb]; !ok {
					area[tb] = tb
				}
				if first < 0 {
					first = find(tb)
				} else if r := find(tb); r != first {
					area[r] = first
				}
			}
		}
		count := map[int32]int{} // area root → its methods
		for _, u := range methods {
			count[find(m.tables[u][0])]++
		}
		areas := 0
		for _, n := range count {
			if n >= minHubAreaMethods {
				areas++
			}
		}
		hub[t] = areas >= 2
	}
	return hub
}
