package analyzer

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// logFormat is the --format given to git log: a record separator, the
// commit hash and its committer time (Unix seconds). With -z and
// --name-only the changed paths follow, each ended by a NUL.
const logFormat = "%x1e%H %ct"

// logCommit is one commit read from git log.
type logCommit struct {
	Hash  string
	Time  int64
	Files []string
}

// parseLog reads the output of
//
//	git log -z --name-only --format=%x1e%H %ct
//
// and calls fn for each commit, in the order git wrote them. It stops at
// the first error fn returns.
func parseLog(r io.Reader, fn func(logCommit) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	sc.Split(splitNUL)
	var cur logCommit
	open := false
	flush := func() error {
		if !open {
			return nil
		}
		open = false
		return fn(cur)
	}
	for sc.Scan() {
		tok := bytes.TrimLeft(sc.Bytes(), "\n")
		if len(tok) == 0 {
			continue
		}
		if tok[0] != '\x1e' {
			if !open {
				return fmt.Errorf("git log output: path %q before any commit; ficus reads the output of git log --format=%s -z --name-only", tok, logFormat)
			}
			cur.Files = append(cur.Files, string(tok))
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		hash, ts, ok := bytes.Cut(tok[1:], []byte(" "))
		t, err := strconv.ParseInt(string(ts), 10, 64)
		if !ok || len(hash) == 0 || err != nil {
			return fmt.Errorf("git log output: commit header %q is not \"HASH TIME\"; ficus reads the output of git log --format=%s -z --name-only", tok[1:], logFormat)
		}
		cur = logCommit{Hash: string(hash), Time: t}
		open = true
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("git log output: %w", err)
	}
	return flush()
}

// splitNUL is a bufio.SplitFunc for NUL-terminated tokens; a last token
// without its NUL is returned too.
func splitNUL(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
