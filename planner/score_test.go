package planner

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestScoresByHand checks ARI, NMI and MoJoFM against values worked out
// on paper (and, for ARI and NMI, against scikit-learn's published
// examples).
func TestScoresByHand(t *testing.T) {
	tests := []struct {
		name       string
		plan       []int
		truth      []int
		wantARI    float64
		wantNMI    float64
		wantMoJoFM float64
	}{
		{name: "same", plan: []int{0, 0, 1, 1, 2}, truth: []int{5, 5, 7, 7, 9}, wantARI: 1, wantNMI: 1, wantMoJoFM: 100},
		// contingency (0,0):2 (1,0):1 (1,1):1; ARI = (1 − 2·3/6)/(5/2 − 1) = 0;
		// mno: tags A0→b0 (2), A1→b0|b1 (1), matching 2: 4 − 3 + 2 − 2 = 1;
		// max over all plans: sizes 3,1 give g = 2, so 4 − 2 = 2: MoJoFM 50.
		{name: "one move", plan: []int{0, 0, 1, 1}, truth: []int{0, 0, 0, 1}, wantARI: 0, wantNMI: 0.3437110184854508, wantMoJoFM: 50},
		// scikit-learn's adjusted_rand_score([0,0,0,1,1,1], [0,0,1,1,2,2]);
		// mno = 6 − 5 + 3 − 2 = 2 of at most 4.
		{name: "split", plan: []int{0, 0, 1, 1, 2, 2}, truth: []int{0, 0, 0, 1, 1, 1}, wantARI: 0.24242424242424246, wantNMI: 0.5158037429793888, wantMoJoFM: 50},
		// everything in one cluster against singletons: ARI 0 by the
		// trivial-partition rule, NMI 0, mno = 5 − 1 + 1 − 1 = 4 of 4.
		{name: "one against singletons", plan: []int{0, 0, 0, 0, 0}, truth: []int{0, 1, 2, 3, 4}, wantARI: 0, wantNMI: 0, wantMoJoFM: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []float64{ARI(tt.plan, tt.truth), NMI(tt.plan, tt.truth), MoJoFM(tt.plan, tt.truth)}
			want := []float64{tt.wantARI, tt.wantNMI, tt.wantMoJoFM}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("ARI, NMI, MoJoFM (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMaxMNOBruteForce checks the closed form of the largest MoJo distance
// to a partition against every partition of up to seven items.
func TestMaxMNOBruteForce(t *testing.T) {
	for _, sizes := range [][]int{{1}, {3}, {1, 1, 1}, {2, 1}, {3, 2, 1}, {4, 1, 1}, {2, 2, 2}, {3, 3}, {4, 2, 1}, {2, 2, 2, 1}, {5, 1, 1}} {
		var truth []int
		for c, n := range sizes {
			for i := 0; i < n; i++ {
				truth = append(truth, c)
			}
		}
		worst := 0
		forEachPartition(len(truth), func(plan []int) {
			worst = max(worst, mno(newContingency(plan, truth)))
		})
		if got := maxMNO(newContingency(truth, truth)); got != worst {
			t.Errorf("sizes %v: maxMNO %d, brute force %d", sizes, got, worst)
		}
	}
}

// forEachPartition calls f with every partition of n items, as labels.
func forEachPartition(n int, f func([]int)) {
	labels := make([]int, n)
	var rec func(i, used int)
	rec = func(i, used int) {
		if i == n {
			f(labels)
			return
		}
		for c := 0; c <= used; c++ {
			labels[i] = c
			rec(i+1, max(used, c+1))
		}
	}
	rec(0, 0)
}

func TestScoreMatchesSharedAndCountsMissing(t *testing.T) {
	truth := &Plan{Schema: Schema,
		Services: []Service{{Name: "orders", Members: []string{"o1", "o2", "o3"}}, {Name: "users", Members: []string{"u1", "u2"}}},
		Shared:   []string{"k1", "k2"}}
	tests := []struct {
		name        string
		plan        *Plan
		wantARI     float64
		wantMissing int
	}{
		{name: "same split, other names", plan: &Plan{Services: []Service{{Name: "a", Members: []string{"o1", "o2", "o3", "extra"}}, {Name: "b", Members: []string{"u1", "u2"}}}, Shared: []string{"k1", "k2"}}, wantARI: 1},
		{name: "kernel missing", plan: &Plan{Services: []Service{{Name: "a", Members: []string{"o1", "o2", "o3"}}, {Name: "b", Members: []string{"u1", "u2"}}}}, wantMissing: 2},
		{name: "a service set aside as a tool is one class", plan: &Plan{Services: []Service{{Name: "a", Members: []string{"o1", "o2", "o3"}}}, Shared: []string{"k1", "k2"},
			Tools: []Tool{{Name: "b", Members: []string{"u1", "u2"}}}}, wantARI: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(tt.plan, truth)
			if s.Items != 7 || s.Missing != tt.wantMissing {
				t.Errorf("items %d missing %d, want 7 and %d", s.Items, s.Missing, tt.wantMissing)
			}
			if tt.wantMissing == 0 && math.Abs(s.ARI-tt.wantARI) > 1e-9 {
				t.Errorf("ARI %v, want %v", s.ARI, tt.wantARI)
			}
			if tt.wantMissing > 0 && s.ARI >= 1 {
				t.Errorf("ARI %v with units missing, want below 1", s.ARI)
			}
		})
	}
}
