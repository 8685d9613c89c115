// Command slowclients is the slow-client load of bench/proxy.sh: it opens
// many connections to a proxy on 127.0.0.1 that hold its resources the way
// slow or hostile clients do, keeps them for a while, and prints the
// proxy's peak resident memory and the backend connections it held.
//
//   - trickle: a POST whose body arrives at one byte per second;
//   - noread: a GET of a large answer that the client never reads;
//   - heads: a request head of about 950 KB that never ends.
//
// Memory is the sum of VmRSS over the given processes, sampled every 50 ms
// from /proc; backend connections are the established TCP connections of
// those processes to the backend port, from /proc/net/tcp{,6}. Linux only.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	var o options
	flag.StringVar(&o.target, "target", "127.0.0.1:8080", "proxy `address`")
	flag.StringVar(&o.name, "name", "proxy", "`name` printed with the figures")
	flag.StringVar(&o.pids, "pids", "", "comma-separated `pids` of the proxy's processes")
	flag.IntVar(&o.backendPort, "backend-port", 0, "backend `port`, to count the proxy's connections to it")
	flag.IntVar(&o.trickle, "trickle", 500, "clients trickling a request body at 1 B/s")
	flag.IntVar(&o.noread, "noread", 300, "clients not reading a large answer")
	flag.IntVar(&o.heads, "heads", 500, "clients sending an unfinished head")
	flag.IntVar(&o.headBytes, "head-bytes", 950_000, "`bytes` of each unfinished head")
	flag.StringVar(&o.largePath, "large-path", "/large", "`path` the backend answers with a large body")
	flag.DurationVar(&o.hold, "hold", 20*time.Second, "how long the clients hold their connections")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "slowclients:", err)
		os.Exit(1)
	}
}

type options struct {
	target, name, pids, largePath     string
	backendPort                       int
	trickle, noread, heads, headBytes int
	hold                              time.Duration
}

// tally counts how the connections of one kind ended up.
type tally struct {
	failed   atomic.Int64 // could not connect or send the start of their request
	dialed   atomic.Int64 // connected and sent the start of their request
	answered atomic.Int64 // got a response (an error status, usually) before the end
	closed   atomic.Int64 // the proxy closed or reset the connection before the end
}

func (t *tally) String() string {
	return fmt.Sprintf("dialed=%d failed=%d answered=%d closed_by_proxy=%d", t.dialed.Load(), t.failed.Load(), t.answered.Load(), t.closed.Load())
}

func run(o options) error {
	var pids []int
	for _, s := range strings.Split(o.pids, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("-pids %q: %w", o.pids, err)
		}
		pids = append(pids, p)
	}
	if len(pids) == 0 {
		return errors.New("-pids is required: the proxy's process ids, to read their memory")
	}
	before, err := rss(pids)
	if err != nil {
		return err
	}
	connsBefore := backendConns(pids, o.backendPort)

	ctx, cancel := context.WithTimeout(context.Background(), o.hold)
	defer cancel()
	var peakRSS, peakConns atomic.Int64
	peakRSS.Store(before)
	peakConns.Store(int64(connsBefore))
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for n := 0; ; n++ {
			if v, err := rss(pids); err == nil && v > peakRSS.Load() {
				peakRSS.Store(v)
			}
			if n%10 == 0 { // /proc/net/tcp is long with 3000 sockets: twice a second
				if c := int64(backendConns(pids, o.backendPort)); c > peakConns.Load() {
					peakConns.Store(c)
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()

	var trickle, noread, heads tally
	var firstErr atomic.Pointer[error]
	var wg sync.WaitGroup
	start := func(n int, t *tally, client func(ctx context.Context, c net.Conn, t *tally)) {
		for range n {
			wg.Go(func() {
				c, err := net.DialTimeout("tcp", o.target, 5*time.Second)
				if err != nil {
					t.failed.Add(1)
					firstErr.CompareAndSwap(nil, &err)
					return
				}
				defer c.Close()
				context.AfterFunc(ctx, func() { _ = c.Close() })
				client(ctx, c, t)
			})
		}
	}
	start(o.trickle, &trickle, trickleClient)
	start(o.noread, &noread, func(ctx context.Context, c net.Conn, t *tally) { noreadClient(ctx, c, t, o.largePath) })
	start(o.heads, &heads, func(ctx context.Context, c net.Conn, t *tally) { headClient(ctx, c, t, o.headBytes) })
	wg.Wait()
	<-sampled

	fmt.Printf("%s: rss_mb before=%.1f peak=%.1f  backend_conns before=%d peak=%d\n",
		o.name, float64(before)/1024, float64(peakRSS.Load())/1024, connsBefore, peakConns.Load())
	fmt.Printf("%s: trickle %v; noread %v; heads %v\n", o.name, &trickle, &noread, &heads)
	if e := firstErr.Load(); e != nil {
		fmt.Printf("%s: first failure: %v\n", o.name, *e)
	}
	return nil
}

// trickleClient sends a POST head announcing a 100 kB body, then one byte
// of it per second.
func trickleClient(ctx context.Context, c net.Conn, t *tally) {
	if _, err := io.WriteString(c, "POST /upload HTTP/1.1\r\nHost: bench\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n"); err != nil {
		t.failed.Add(1)
		return
	}
	t.dialed.Add(1)
	ended := watchEnd(ctx, c, t)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ended:
			return
		case <-tick.C:
			if _, err := c.Write([]byte{'x'}); err != nil {
				return
			}
		}
	}
}

// noreadClient asks for a large answer with a small receive buffer and
// never reads it.
func noreadClient(ctx context.Context, c net.Conn, t *tally, path string) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetReadBuffer(4096)
	}
	if _, err := io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: bench\r\n\r\n"); err != nil {
		t.failed.Add(1)
		return
	}
	t.dialed.Add(1)
	<-ctx.Done()
}

// headClient sends the start of a head, then padding in one header field
// up to size bytes, and never ends it.
func headClient(ctx context.Context, c net.Conn, t *tally, size int) {
	const start = "GET / HTTP/1.1\r\nHost: bench\r\nX-Pad: "
	if _, err := io.WriteString(c, start); err != nil {
		t.failed.Add(1)
		return
	}
	t.dialed.Add(1)
	ended := watchEnd(ctx, c, t)
	pad := []byte(strings.Repeat("a", 16<<10))
	for sent := len(start); sent < size; sent += len(pad) {
		_ = c.SetWriteDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Write(pad[:min(len(pad), size-sent)]); err != nil {
			break
		}
	}
	select {
	case <-ctx.Done():
	case <-ended:
	}
}

// watchEnd reads what the proxy sends before ctx ends and counts an answer
// or a close; the returned channel closes when the proxy ended the
// exchange.
func watchEnd(ctx context.Context, c net.Conn, t *tally) <-chan struct{} {
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		line, err := bufio.NewReader(c).ReadString('\n')
		if ctx.Err() != nil {
			return // closed by us at the end
		}
		if strings.HasPrefix(line, "HTTP/") {
			t.answered.Add(1)
			return
		}
		if err != nil {
			t.closed.Add(1)
		}
	}()
	return ended
}

// rss is the sum of the processes' resident memory, in KiB.
func rss(pids []int) (int64, error) {
	var total int64
	for _, p := range pids {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p))
		if err != nil {
			return 0, fmt.Errorf("read the memory of process %d: %w (is it running?)", p, err)
		}
		for line := range strings.SplitSeq(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
				if err != nil {
					return 0, fmt.Errorf("process %d: VmRSS %q: %w", p, v, err)
				}
				total += kb
			}
		}
	}
	return total, nil
}

// backendConns counts the processes' established TCP connections to port.
func backendConns(pids []int, port int) int {
	if port == 0 {
		return 0
	}
	inodes := map[string]bool{}
	for _, p := range pids {
		dir := fmt.Sprintf("/proc/%d/fd", p)
		ents, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			l, err := os.Readlink(dir + "/" + e.Name())
			if err == nil && strings.HasPrefix(l, "socket:[") {
				inodes[strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]")] = true
			}
		}
	}
	want := fmt.Sprintf(":%04X", port)
	n := 0
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for line := range strings.SplitSeq(string(data), "\n") {
			fs := strings.Fields(line)
			// sl local_address rem_address st ... uid timeout inode
			if len(fs) < 10 || fs[3] != "01" || !strings.HasSuffix(fs[2], want) {
				continue
			}
			if inodes[fs[9]] {
				n++
			}
		}
	}
	return n
}
