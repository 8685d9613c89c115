package planner

import (
	"path"
	"strings"
)

// Code nothing calls or references (a worker package no program starts
// yet, a publisher the metrics sidecar no longer wires) has no tie for
// the clustering to follow, but it has a folder: foundation/worker sits
// among the kernel's libraries, publisher/datadog beside the publishers
// the metrics service owns. Dead code belongs to the team that owns its
// neighbours, who will delete it or wire it again.

// placeUnplacedByFolder gives each unplaced symbol to the label that
// holds at least two thirds of the placed symbols of its nearest folder
// holding any (the file's folder, else its parent, and so on, never the
// root), and returns how many it placed. The kernel takes them only
// under its cap (maxShare) and when withKernel (it is no kernel the user
// listed); user constraints keep their units where they are.
func placeUnplacedByFolder(m *model, cons *constraints, label []int32, maxShare float64, withKernel bool) int {
	var dead []int32
	for u, l := range label {
		if l == labelUnplaced && cons.set[u] < 0 && !cons.forced[u] && isSymbol(m.unitNode(int32(u))) && unitDir(m, int32(u)) != "" {
			dead = append(dead, int32(u))
		}
	}
	if len(dead) == 0 {
		return 0
	}
	// placed symbols per folder and label, counted in every ancestor
	counts := map[string]map[int32]int{}
	for u, l := range label {
		if l < labelKernel || !isSymbol(m.unitNode(int32(u))) {
			continue
		}
		for d := unitDir(m, int32(u)); d != ""; d = parentDir(d) {
			if counts[d] == nil {
				counts[d] = map[int32]int{}
			}
			counts[d][l]++
		}
	}
	kernel, placed := kernelProper(m, label)
	limit := kernelLimit(maxShare, placed)
	moved := 0
	for _, u := range dead {
		for d := unitDir(m, u); d != ""; d = parentDir(d) {
			c := counts[d]
			if len(c) == 0 {
				continue
			}
			best, bestN, total := labelUnplaced, 0, 0
			for l, n := range c {
				total += n
				if n > bestN || (n == bestN && l < best) {
					best, bestN = l, n
				}
			}
			if 3*bestN >= 2*total && (best != labelKernel || withKernel && kernel < limit) {
				label[u] = best
				moved++
				if best == labelKernel {
					kernel++
				}
			}
			break
		}
	}
	return moved
}

// unitDir is the folder of a unit's file, "" when it has none or lies
// outside the analyzed tree.
func unitDir(m *model, u int32) string {
	f := file(m.unitNode(u))
	if f == "" || path.IsAbs(f) || strings.HasPrefix(f, "..") {
		return ""
	}
	return parentDir(f)
}

// parentDir is the folder holding p, "" at the root.
func parentDir(p string) string {
	d := path.Dir(p)
	if d == "." || d == "/" {
		return ""
	}
	return d
}
