package analyzer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
)

// typeCache keeps the type information of dependency packages (those
// outside the analyzed set) that ficus has type-checked from source, as
// export data in a cache directory. A later run loads them from there, as
// the go command's export data would be loaded, but without ever asking the
// go command to compile anything: a cold cache costs one type-check from
// source, a warm one a read.
//
// An entry's key hashes the package's files (name, size, modification
// time), its build settings and the keys of its imports, so an edited file
// invalidates the package and everything that depends on it.
type typeCache struct {
	dir string

	mu      sync.Mutex
	imports map[string]*types.Package // every package loaded so far, by path
	keys    map[*unit]string
}

// cacheVersion changes whenever the cache layout or key changes.
const cacheVersion = "ficus-types-1"

// DefaultCacheDir is where the type cache lives unless Options.CacheDir
// says otherwise: the user's cache directory, "ficus/types".
func DefaultCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "ficus", "types")
}

func newTypeCache(dir string) *typeCache {
	return &typeCache{dir: dir, imports: map[string]*types.Package{}, keys: map[*unit]string{}}
}

// computeKeys derives every unit's key from its files and its imports'
// keys. Units that cannot be keyed (errors, cgo) get no key and are never
// cached, nor is anything that imports them.
func (c *typeCache) computeKeys(units map[string]*unit, goarch string, tests bool) {
	if c.dir == "" || tests {
		return
	}
	var key func(u *unit, seen map[*unit]bool) string
	key = func(u *unit, seen map[*unit]bool) string {
		if k, ok := c.keys[u]; ok {
			return k
		}
		if seen[u] {
			return "" // an import cycle: the go command reports it
		}
		seen[u] = true
		p := u.pkg
		if len(p.Errors) > 0 || len(p.GoFiles) == 0 {
			c.keys[u] = ""
			return ""
		}
		h := sha256.New()
		fmt.Fprintf(h, "%s\n%s\n%s\n%s\n%s\n", cacheVersion, runtime.Version(), goarch, p.ID, p.PkgPath)
		if p.Module != nil {
			fmt.Fprintf(h, "go %s\n", p.Module.GoVersion)
		}
		for _, name := range p.GoFiles {
			st, err := os.Stat(name)
			if err != nil {
				c.keys[u] = ""
				return ""
			}
			fmt.Fprintf(h, "file %s %d %d\n", name, st.Size(), st.ModTime().UnixNano())
		}
		paths := make([]string, 0, len(p.Imports))
		for path := range p.Imports {
			paths = append(paths, path)
		}
		slices.Sort(paths)
		for _, path := range paths {
			d := units[p.Imports[path].ID]
			if d == nil {
				continue
			}
			dk := key(d, seen)
			if dk == "" && d.pkg.PkgPath != "unsafe" {
				c.keys[u] = ""
				return ""
			}
			fmt.Fprintf(h, "import %s %s\n", path, dk)
		}
		k := hex.EncodeToString(h.Sum(nil))
		c.keys[u] = k
		return k
	}
	for _, u := range units {
		key(u, map[*unit]bool{})
	}
}

func (c *typeCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".types")
}

// load returns the unit's package from the cache, if it is there.
func (c *typeCache) load(u *unit, fset *token.FileSet) (*types.Package, bool) {
	key := c.keys[u]
	if c.dir == "" || key == "" {
		return nil, false
	}
	data, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.imports[u.pkg.PkgPath]; ok && old.Complete() {
		return nil, false // another unit with this path was loaded from source
	}
	pkg, err := gcexportdata.Read(bufio.NewReader(bytes.NewReader(data)), fset, c.imports, u.pkg.PkgPath)
	if err != nil {
		return nil, false // a damaged entry is rewritten after a check from source
	}
	return pkg, true
}

// register makes a package checked from source known to later reads.
func (c *typeCache) register(pkg *types.Package) {
	if pkg == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.imports[pkg.Path()]; !ok || !old.Complete() {
		c.imports[pkg.Path()] = pkg
	}
}

// store writes a dependency checked from source without errors. Failures
// to write are ignored: the cache only saves time.
func (c *typeCache) store(u *unit, fset *token.FileSet) {
	key := c.keys[u]
	if c.dir == "" || key == "" || u.types == nil {
		return
	}
	var buf bytes.Buffer
	c.mu.Lock()
	err := gcexportdata.Write(&buf, fset, u.types)
	c.mu.Unlock()
	if err != nil {
		return
	}
	path := c.path(key)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := io.Copy(tmp, &buf)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}
