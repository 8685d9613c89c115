package planner

import "slices"

// HubPlacement is a file of handlers, methods of a hub type (an App or
// Server struct every area's handlers hang off) declared apart from it,
// that the clustering had glued to the hub's service and that moved to
// this service, their area, because their other ties are this service's.
type HubPlacement struct {
	// File is the handlers' file; Hub the type they are methods of.
	File string `json:"file"`
	Hub  string `json:"hub"`
	// Units are the handlers and the routes they run, in this service.
	Units []string `json:"units"`
	// Because lists the code of this service the handlers are tied to
	// (calls, uses) when they moved.
	Because []string `json:"because"`
}

// hubPlacements records in each service of plan the hub handlers
// hubAreas moved there, by where their units are in the final plan.
func hubPlacements(m *model, plan *Plan, moves []hubMove) {
	of := map[string]int{}
	for i, s := range plan.Services {
		for _, id := range s.Members {
			of[id] = i
		}
	}
	for _, mv := range moves {
		byS := map[int][]string{}
		for _, u := range mv.units {
			id := m.unitNode(u).ID
			if i, ok := of[id]; ok {
				byS[i] = append(byS[i], id)
			}
		}
		for i, ids := range byS {
			var because []string
			for _, u := range mv.ties {
				if j, ok := of[m.unitNode(u).ID]; ok && j == i {
					id := m.unitNode(u).ID
					because = append(because, id)
				}
			}
			slices.Sort(ids)
			slices.Sort(because)
			plan.Services[i].Hubs = append(plan.Services[i].Hubs, HubPlacement{File: mv.file, Hub: m.unitNode(mv.hub).ID, Units: ids, Because: slices.Compact(because)})
		}
	}
}
