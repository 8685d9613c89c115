package strangler

import (
	"regexp"
	"strings"
	"time"
)

// A path is suggested for shadow.ignore when the service differs there on
// at least suggestRate of the window's answers, the monolith never
// disagrees with itself there, and its values or its name look specific
// to an instance: a monolith and a service with their own databases stamp
// their own records.
const suggestRate = 0.9

// IgnoreSuggestion is a path that looks specific to an instance.
type IgnoreSuggestion struct {
	Path string `json:"path"`
	// Mismatches of Compared answers in the window differed there.
	Mismatches int64  `json:"mismatches"`
	Compared   int64  `json:"compared"`
	Why        string `json:"why"`
}

// suggestIgnores lists the paths of ps that look instance-specific.
func suggestIgnores(ps []PathParity, compared int64) []IgnoreSuggestion {
	if compared == 0 {
		return nil
	}
	var out []IgnoreSuggestion
	uuid, timeField := uuidish(), timeName()
	for _, p := range ps {
		if p.Class != ClassMismatch || p.NoiseRate > 0 || p.MismatchRate < suggestRate || !strings.HasPrefix(p.Path, "$") {
			continue
		}
		why := instanceSpecific(p, uuid, timeField)
		if why == "" {
			continue
		}
		n := int64(p.MismatchRate*float64(compared) + 0.5)
		out = append(out, IgnoreSuggestion{Path: p.Path, Mismatches: n, Compared: compared, Why: why})
	}
	return out
}

// instanceSpecific says why a path's values look specific to an instance,
// or "" when they do not: the samples' values must be timestamps or
// generated ids on both sides, or the field's name must say so.
func instanceSpecific(p PathParity, uuid, timeField *regexp.Regexp) string {
	if len(p.Samples) > 0 {
		ts, ids := true, true
		for _, s := range p.Samples {
			for _, v := range []string{s.Monolith, s.Service} {
				v = strings.Trim(v, `"`)
				ts = ts && looksLikeTime(v)
				ids = ids && uuid.MatchString(v)
			}
		}
		switch {
		case ts:
			return "values are timestamps that differ on nearly every answer while the monolith agrees with itself"
		case ids:
			return "values are generated ids (UUIDs) that differ on nearly every answer"
		}
	}
	if timeField.MatchString(lastKey(p.Path)) {
		return "the field's name says it is a time, and it differs on nearly every answer while the monolith agrees with itself"
	}
	return ""
}

func looksLikeTime(v string) bool {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04:05.999999999-07:00", time.RFC1123, "2006-01-02"} {
		if _, err := time.Parse(layout, v); err == nil {
			return true
		}
	}
	return false
}

func uuidish() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$`)
}

func timeName() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(date|time|stamp|_at$|[a-z]At$|^(created|updated|modified|deleted|expires|last)|lastused|last_used)`)
}

// lastKey is the last object key of a JSON path: lastUsed in $.items[*].lastUsed.
func lastKey(path string) string {
	path = strings.TrimSuffix(path, "[*]")
	if i := strings.LastIndexAny(path, ".["); i >= 0 {
		return strings.Trim(path[i+1:], `"]`)
	}
	return path
}
