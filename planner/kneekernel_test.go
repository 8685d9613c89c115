package planner

import "testing"

// TestKneeSteadyKernel: a sweep point that won Q − ICP by folding cut
// areas into the kernel does not compete; one whose kernel stays does.
func TestKneeSteadyKernel(t *testing.T) {
	// labels of 100 units: kernel units first, then services of ten
	labels := func(kernel, services int) []int32 {
		label := make([]int32, 100)
		for u := range label {
			switch {
			case u < kernel:
				label[u] = labelKernel
			default:
				label[u] = int32((u - kernel) * services / (100 - kernel))
			}
		}
		return label
	}
	coarse := partition{label: labels(10, 5), services: 5, modularity: 0.76, icp: 0.06}
	for _, tc := range []struct {
		name   string
		kernel int
		want   int
	}{
		{name: "the finer point folds a fifth of the code into the kernel", kernel: 30, want: 0},
		{name: "the finer point keeps the kernel", kernel: 12, want: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fine := partition{label: labels(tc.kernel, 10), services: 10, modularity: 0.80, icp: 0.06}
			ps := []partition{coarse, fine}
			got := knee(ps)
			if got != tc.want {
				t.Errorf("knee chose %d, want %d", got, tc.want)
			}
			if reason := kernelReason(ps, got); (reason != "") != (tc.want == 0) {
				t.Errorf("reason %q, want one exactly when a point was kept out", reason)
			}
		})
	}
}
