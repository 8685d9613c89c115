package planner

import (
	"fmt"
	"strings"
)

// maxKernelGrowth is the share of the units by which a sweep point's
// kernel may exceed the smallest kernel of the sweep and still compete
// for the knee.
const maxKernelGrowth = 0.05

// steadyKernel marks the sweep points whose clustering leaves the kernel
// about as it found it: at most maxKernelGrowth of the units more than
// the point with the smallest kernel. Finishing a fine clustering can fold
// the pieces of a cut area into the kernel as libraries; their calls then
// no longer count as crossing services and modularity leaves them out, so
// such a point looks both more cohesive and more independent than it is.
func steadyKernel(ps []partition) []bool {
	ok := make([]bool, len(ps))
	if len(ps) == 0 {
		return ok
	}
	kernel := make([]int, len(ps))
	least := -1
	for i, p := range ps {
		for _, l := range p.label {
			if l == labelKernel {
				kernel[i]++
			}
		}
		if least < 0 || kernel[i] < least {
			least = kernel[i]
		}
	}
	slack := maxKernelGrowth * float64(len(ps[0].label))
	for i := range ps {
		ok[i] = float64(kernel[i]-least) <= slack
	}
	return ok
}

// kernelReason says which points steadyKernel kept from the knee, top,
// though they had more modularity minus inter-service calls ("" when
// none did).
func kernelReason(ps []partition, top int) string {
	steady := steadyKernel(ps)
	var skipped []string
	for i, p := range ps {
		if !steady[i] && p.modularity-p.icp > ps[top].modularity-ps[top].icp+1e-9 {
			skipped = append(skipped, fmt.Sprintf("%d services at resolution %.2f", p.services, p.resolution))
		}
	}
	if len(skipped) == 0 {
		return ""
	}
	return fmt.Sprintf("%s scored higher only by folding more than %.0f%% of the units into the shared kernel", strings.Join(skipped, " and "), 100*maxKernelGrowth)
}
