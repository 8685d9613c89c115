package main

import (
	"fmt"

	"github.com/ficus-dev/ficus/bench/internal/appsrc"
)

// App is one real application of the benchmark, at a pinned commit.
type App struct {
	Name string `json:"name"`
	// Source is the repository, commit, analyzed root, patterns and
	// workspace modules.
	appsrc.Source
	// Style is how the app is organized (layered, hexagonal, feature...).
	Style string `json:"style"`
	// Split is "tune" for the apps the planner may be tuned on, "holdout"
	// for the others.
	Split string `json:"split"`
	// Synthetic apps are generated graphs of this many edges instead of a
	// repository; their truth comes from the generator.
	Synthetic int `json:"synthetic,omitempty"`
}

func readApps(name string) ([]App, error) {
	apps, err := appsrc.ReadList(name, func(a App) string { return a.Name })
	if err != nil {
		return nil, err
	}
	for _, a := range apps {
		switch {
		case a.Split != "tune" && a.Split != "holdout":
			return nil, fmt.Errorf("%s: app %s: split %q, want tune or holdout", name, a.Name, a.Split)
		case a.Synthetic == 0 && (a.Repo == "" || len(a.Commit) != 40):
			return nil, fmt.Errorf("%s: app %s: want a repo and a full 40-hex commit", name, a.Name)
		}
	}
	return apps, nil
}
