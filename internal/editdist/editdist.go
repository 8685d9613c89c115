// Package editdist measures how far apart two names are, so that ficus can
// answer a misspelt name (a route, a backend, a focus node, a constraint)
// with the names the user most likely meant.
package editdist

// Distance is the Levenshtein distance between a and b, counted in runes.
// With limit >= 0 it stops early and returns limit+1 once the distance is
// known to exceed limit.
func Distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if limit >= 0 {
		if d := len(ra) - len(rb); d > limit || -d > limit {
			return limit + 1
		}
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			sub := prev[j-1]
			if ra[i-1] != rb[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
			best = min(best, cur[j])
		}
		if limit >= 0 && best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
