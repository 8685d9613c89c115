package evidence

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxLine is the longest access log line read; longer lines are an error.
const maxLine = 1 << 20

// ReadAccessLog reads the access log of ficus's proxy (its --access-log
// output, JSON or text, as docs/proxy.md describes) and records each
// request against the graph route serving its method and path: counts,
// server errors (status 500 and above) and latency (duration_ms). Lines
// that are not access records (the proxy's own log) are skipped. It
// returns how many access records it read; a log without any is an error.
func (e *Evidence) ReadAccessLog(r io.Reader, name string) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	n, line := 0, 0
	for sc.Scan() {
		line++
		rec, ok, err := parseAccess(sc.Bytes())
		if err != nil {
			return n, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if !ok {
			continue
		}
		n++
		route := e.matcher.Match(rec.method, rec.path)
		if route == "" {
			e.unmatched[rec.method+" "+rec.path]++
			continue
		}
		e.request(route, rec.status >= 500, rec.ms)
	}
	if err := sc.Err(); err != nil {
		return n, fmt.Errorf("read %s: %w", name, err)
	}
	if n == 0 {
		return 0, fmt.Errorf("%s: no access records (lines with \"log\": \"access\" or log=access); pass the file the proxy's --access-log writes", name)
	}
	return n, nil
}

// accessRecord is the part of an access record ficus reads.
type accessRecord struct {
	method, path string
	status       int
	ms           float64
}

// parseAccess reads one line, JSON or slog's text form. ok is false for
// lines that are not access records.
func parseAccess(b []byte) (accessRecord, bool, error) {
	s := strings.TrimSpace(string(b))
	if s == "" {
		return accessRecord{}, false, nil
	}
	var fields map[string]string
	if s[0] == '{' {
		var raw map[string]any
		if err := json.Unmarshal([]byte(s), &raw); err != nil {
			return accessRecord{}, false, fmt.Errorf("not JSON: %w (pass the proxy's access log, JSON or text)", err)
		}
		fields = map[string]string{}
		for k, v := range raw {
			switch v := v.(type) {
			case string:
				fields[k] = v
			case float64:
				fields[k] = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
	} else {
		fields = parseText(s)
	}
	if fields["log"] != "access" || fields["method"] == "" || fields["path"] == "" {
		return accessRecord{}, false, nil
	}
	rec := accessRecord{method: fields["method"], path: fields["path"], ms: -1}
	if v, ok := fields["status"]; ok {
		st, err := strconv.Atoi(v)
		if err != nil {
			return rec, false, fmt.Errorf("status %q is not a number", v)
		}
		rec.status = st
	}
	if v, ok := fields["duration_ms"]; ok {
		ms, err := strconv.ParseFloat(v, 64)
		if err != nil || ms < 0 {
			return rec, false, fmt.Errorf("duration_ms %q is not a duration in milliseconds", v)
		}
		rec.ms = ms
	}
	return rec, true, nil
}

// parseText reads slog's text form: key=value pairs, values quoted when
// they hold spaces or quotes. A malformed pair ends the line.
func parseText(s string) map[string]string {
	out := map[string]string{}
	for s != "" {
		s = strings.TrimLeft(s, " ")
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			break
		}
		key, rest := s[:eq], s[eq+1:]
		var val string
		if strings.HasPrefix(rest, `"`) {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				break
			}
			val, _ = strconv.Unquote(q)
			rest = rest[len(q):]
		} else if sp := strings.IndexByte(rest, ' '); sp >= 0 {
			val, rest = rest[:sp], rest[sp:]
		} else {
			val, rest = rest, ""
		}
		out[key] = val
		s = rest
	}
	return out
}
