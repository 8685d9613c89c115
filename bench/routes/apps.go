package main

import (
	"fmt"

	"github.com/ficus-dev/ficus/bench/internal/appsrc"
)

// App is one real application of the benchmark, at a pinned commit.
type App struct {
	Name string `json:"name"`
	appsrc.Source
	// Covers lists the routers, code generators and database layers the
	// app uses (gin, sqlc, raw SQL...).
	Covers []string `json:"covers"`
}

// readApps reads and checks the app list.
func readApps(name string) ([]App, error) {
	apps, err := appsrc.ReadList(name, func(a App) string { return a.Name })
	if err != nil {
		return nil, err
	}
	for _, a := range apps {
		if err := a.Validate(); err != nil {
			return nil, fmt.Errorf("%s: app %s: %w", name, a.Name, err)
		}
		if len(a.Covers) == 0 {
			return nil, fmt.Errorf("%s: app %s: covers is empty: list the routers and database layers it uses", name, a.Name)
		}
	}
	return apps, nil
}
