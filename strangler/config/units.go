package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// Duration is a time.Duration written in YAML as "5s", "250ms" or "1m30s".
type Duration time.Duration

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String formats d like time.Duration.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalText writes d as "5s".
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func parseDuration(s string) (Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration; write it like 5s, 250ms or 1m30s", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative; durations must be 0 or more", s)
	}
	return Duration(d), nil
}

// ByteSize is a size in bytes, written in YAML as a number or with a unit:
// "64KiB", "1MiB", "10MB".
type ByteSize int64

// MarshalText writes the size in bytes.
func (b ByteSize) MarshalText() ([]byte, error) { return []byte(strconv.FormatInt(int64(b), 10)), nil }

func parseByteSize(s string) (ByteSize, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
		{"B", 1},
	}
	mult := int64(1)
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(num), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<50)/mult {
		return 0, fmt.Errorf("%q is not a size; write it like 65536, 64KiB or 1MiB", s)
	}
	return ByteSize(n * mult), nil
}

// UnmarshalYAML decodes a duration written like 5s; a bare number other
// than 0 is refused, since its unit would be a guess.
func (d *Duration) UnmarshalYAML(n ast.Node) error {
	n = unwrap(n)
	s, ok := scalarText(n)
	if !ok {
		return &fieldError{node: n, fix: "write a duration like 5s", message: func(f string) string {
			return fmt.Sprintf("%s must be a duration, not %s", f, describe(n))
		}}
	}
	if _, isInt := n.(*ast.IntegerNode); isInt && s != "0" {
		return &fieldError{node: n, fix: fmt.Sprintf("write %ss for seconds", s), message: func(f string) string {
			return fmt.Sprintf("%s: %s has no unit", f, s)
		}}
	}
	v, err := parseDuration(s)
	if err != nil {
		return &fieldError{node: n, fix: "write a duration like 5s, 250ms or 1m30s", message: func(f string) string {
			return fmt.Sprintf("%s: %v", f, err)
		}}
	}
	*d = v
	return nil
}

// UnmarshalYAML decodes a size written like 65536, 64KiB or 1MiB.
func (b *ByteSize) UnmarshalYAML(n ast.Node) error {
	n = unwrap(n)
	s, ok := scalarText(n)
	v, err := parseByteSize(s)
	if !ok || err != nil {
		return &fieldError{node: n, fix: "write a size like 65536, 64KiB or 1MiB", message: func(f string) string {
			return fmt.Sprintf("%s must be a size in bytes, not %s", f, describe(n))
		}}
	}
	*b = v
	return nil
}

// unwrap skips the tags and anchors around a value.
func unwrap(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			n = t.Value
		default:
			return n
		}
	}
}
