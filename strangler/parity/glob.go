package parity

import (
	"fmt"
	"strconv"
	"strings"
)

// Glob is a JSON path to ignore: it matches the path itself and
// everything under it. [*] and [N] both match any index; [order] is an
// array's order alone, so $.items[order] ignores how the elements of
// $.items are ordered but not what they hold.
type Glob string

// ParseGlob checks an ignore path and normalises its indexes to [*].
func ParseGlob(s string) (Glob, error) {
	if !strings.HasPrefix(s, "$") {
		return "", fmt.Errorf("JSON path %q must start with $", s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '[' && i+1 < len(s) && s[i+1] != '"' {
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return "", fmt.Errorf("JSON path %q has an unclosed [", s)
			}
			idx := s[i+1 : i+j]
			switch _, err := strconv.Atoi(idx); {
			case idx == "order":
				b.WriteString(OrderSuffix)
			case idx == "*" || err == nil:
				b.WriteString("[*]")
			default:
				return "", fmt.Errorf("JSON path %q: [%s] is not an index, [*] or [order]", s, idx)
			}
			i += j
			continue
		}
		b.WriteByte(c)
	}
	return Glob(b.String()), nil
}

// Covers reports whether the glob matches path or one of its ancestors.
func (g Glob) Covers(path string) bool {
	return underPath(string(g), path)
}

// underPath reports whether path is root or lies under it.
func underPath(root, path string) bool {
	if !strings.HasPrefix(path, root) {
		return false
	}
	rest := path[len(root):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}
