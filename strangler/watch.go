package strangler

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// fileWatcher calls reload when the content of a file changes. It watches
// the file's directory, not the file: editors replace files by renaming, and
// Kubernetes swaps a ConfigMap's "..data" symlink, and both would orphan a
// watch on the file itself. Bursts of events are coalesced for debounce, and
// events that leave the content unchanged are ignored.
type fileWatcher struct {
	w    *fsnotify.Watcher
	file string
	last []byte
}

// newFileWatcher starts watching at once, so that no change made after it
// returns is missed.
func newFileWatcher(file string) (*fileWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("strangler: watch config: %w", err)
	}
	dir := filepath.Dir(file)
	if err := w.Add(dir); err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("strangler: watch %s: %w", dir, err)
	}
	last, _ := os.ReadFile(file)
	return &fileWatcher{w: w, file: file, last: last}, nil
}

// run delivers changes until ctx ends, then closes the watcher.
func (fw *fileWatcher) run(ctx context.Context, debounce time.Duration, logger *slog.Logger, reload func(context.Context)) {
	w, file, last := fw.w, fw.file, fw.last
	defer w.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) {
				continue
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			logger.Warn("config watch error", "err", err)
		case <-timer.C:
			cur, err := os.ReadFile(file)
			if err != nil {
				// Mid-swap, or removed: the next event retries.
				logger.Debug("config file unreadable", "file", file, "err", err)
				continue
			}
			if bytes.Equal(cur, last) {
				continue
			}
			last = cur
			reload(ctx)
		}
	}
}
