// Command traffic (its own module, so that analyzing the shop does not
// see it) replays the shop's recorded requests (traffic/
// requests.txt) against a running shop: all of them, or the group of one
// route, so that a coverage run (scripts/coverage.sh) or the proxy's
// access log sees known traffic.
//
// Usage:
//
//	traffic -base http://127.0.0.1:9001 [-route "GET /products/{id}"] [-repeat N] [FILE]
//	traffic -list [FILE]
//
// FILE defaults to traffic/requests.txt. Each answer's status is printed;
// a request that gets no answer is an error (exit code 1).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// request is one recorded request and the route group it belongs to.
type request struct {
	route, method, path, body string
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("traffic", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "http://127.0.0.1:8080", "the shop's base URL")
	route := fs.String("route", "", "replay only the group of this route (\"GET /products/{id}\")")
	repeat := fs.Int("repeat", 1, "replay each request this many times")
	list := fs.Bool("list", false, "print the routes of the file, one a line, and exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	file := "traffic/requests.txt"
	if fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	reqs, err := readRequests(file)
	if err != nil {
		fmt.Fprintln(stderr, "traffic:", err)
		return 2
	}
	if *list {
		seen := map[string]bool{}
		for _, r := range reqs {
			if !seen[r.route] {
				seen[r.route] = true
				fmt.Fprintln(stdout, r.route)
			}
		}
		return 0
	}
	client := &http.Client{Timeout: 10 * time.Second}
	sent := 0
	for i := 0; i < *repeat; i++ {
		for _, r := range reqs {
			if *route != "" && r.route != *route {
				continue
			}
			status, err := send(client, *base, r)
			if err != nil {
				fmt.Fprintln(stderr, "traffic:", err)
				return 1
			}
			fmt.Fprintf(stdout, "%d %s %s\n", status, r.method, r.path)
			sent++
		}
	}
	if sent == 0 {
		fmt.Fprintf(stderr, "traffic: no request of route %q in %s; see traffic -list\n", *route, file)
		return 2
	}
	return 0
}

func send(client *http.Client, base string, r request) (int, error) {
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, strings.TrimSuffix(base, "/")+r.path, body)
	if err != nil {
		return 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// readRequests reads the recorded requests: "## METHOD /pattern" starts a
// route's group, "METHOD /path [BODY]" is a request, "#" a comment.
func readRequests(file string) ([]request, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []request
	route := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "## "):
			route = strings.TrimSpace(line[3:])
			continue
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		}
		method, rest, ok := strings.Cut(line, " ")
		if !ok || route == "" {
			return nil, fmt.Errorf("%s:%d: want \"METHOD /path [BODY]\" below a \"## METHOD /pattern\" line", file, n)
		}
		path, body, _ := strings.Cut(rest, " ")
		out = append(out, request{route: route, method: method, path: path, body: strings.TrimSpace(body)})
	}
	return out, sc.Err()
}
