package analyzer

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// workspacePatterns expands the default pattern for a directory that holds
// a go.work file but no module of its own: "./..." matches nothing there,
// so each used module's "./DIR/..." is listed instead.
func workspacePatterns(dir string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return nil, nil
	}
	path := filepath.Join(dir, "go.work")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil // not a workspace root
	}
	wf, err := modfile.ParseWork(path, data, nil)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	var pats []string
	for _, u := range wf.Use {
		rel := filepath.ToSlash(filepath.Clean(u.Path))
		if filepath.IsAbs(u.Path) {
			pats = append(pats, filepath.ToSlash(filepath.Join(u.Path, "...")))
			continue
		}
		pats = append(pats, "./"+rel+"/...")
	}
	return pats, nil
}
