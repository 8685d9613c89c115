package appsrc

import (
	"fmt"
	"os"
	"path/filepath"
)

// ReadList reads a JSON list of apps from the file name and checks that
// name(app) is set and unique; the caller checks the rest of each app.
func ReadList[T any](file string, name func(T) string) ([]T, error) {
	var apps []T
	if err := DecodeFile(file, &apps); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, a := range apps {
		n := name(a)
		if n == "" || seen[n] {
			return nil, fmt.Errorf("%s: app name %q is empty or repeated", file, n)
		}
		seen[n] = true
	}
	return apps, nil
}

// CacheDir returns dir, or when it is empty the user cache directory's
// subdirectory sub: where a benchmark keeps its checkouts and results.
func CacheDir(dir, sub string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: %w; pass -cache", err)
	}
	return filepath.Join(d, sub), nil
}
