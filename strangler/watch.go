package strangler

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// fileWatcher calls reload when the content of a file changes. It watches
// the file's directory, as fsnotify advises: editors replace files by
// renaming, and Kubernetes swaps a ConfigMap's "..data" symlink, and both
// would orphan a watch on the file itself. But it acts only on events for
// the file itself or for Kubernetes's "..*" entries, so that a busy log
// file beside the config cannot keep resetting the debounce. Bursts are
// coalesced for debounce, never for longer than maxDebounceWait after the
// first event, and events that leave the content unchanged are ignored.
type fileWatcher struct {
	w    *fsnotify.Watcher
	file string
	last []byte
}

// maxDebounceWait bounds how long a burst of changes can put off a reload.
const maxDebounceWait = 2 * time.Second

// newFileWatcher starts watching at once, so that no change made after it
// returns is missed.
func newFileWatcher(file string) (*fileWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("strangler: watch config: %w", err)
	}
	file = filepath.Clean(file)
	dir := filepath.Dir(file)
	if err := w.Add(dir); err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("strangler: watch %s: %w", dir, err)
	}
	last, _ := os.ReadFile(file)
	return &fileWatcher{w: w, file: file, last: last}, nil
}

// concerns reports whether an event on name may change the file: the file
// itself, or a Kubernetes atomic-writer entry ("..data", "..2024_...").
func (fw *fileWatcher) concerns(name string) bool {
	name = filepath.Clean(name)
	return name == fw.file || (filepath.Dir(name) == filepath.Dir(fw.file) && strings.HasPrefix(filepath.Base(name), ".."))
}

// run delivers changes until ctx ends, then closes the watcher.
func (fw *fileWatcher) run(ctx context.Context, debounce time.Duration, logger *slog.Logger, reload func(context.Context)) {
	w, file, last := fw.w, fw.file, fw.last
	defer w.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var first time.Time // the first event of the burst under way; zero when none
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if (ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write)) || !fw.concerns(ev.Name) {
				continue
			}
			now := time.Now()
			if first.IsZero() {
				first = now
				logger.Info("config change seen; reloading after the debounce", "file", file, "event", ev.Op.String(), "debounce", debounce.String())
			}
			timer.Reset(max(min(debounce, first.Add(maxDebounceWait).Sub(now)), 0))
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			logger.Warn("config watch error", "err", err)
		case <-timer.C:
			first = time.Time{}
			cur, err := os.ReadFile(file)
			if err != nil {
				// Mid-swap, or removed: the next event retries.
				logger.Warn("config file unreadable; waiting for the next change", "file", file, "err", err)
				continue
			}
			if bytes.Equal(cur, last) {
				logger.Info("config file unchanged; nothing to apply", "file", file)
				continue
			}
			last = cur
			reload(ctx) // logs the reload applied or rejected
		}
	}
}
