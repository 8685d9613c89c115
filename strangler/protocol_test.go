package strangler

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// streamingUpstream serves server-sent events on /events (one per 20ms,
// until the client leaves), a websocket echo on /ws, and a response with
// trailers on /trailers.
func streamingUpstream(t *testing.T, h2c bool) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		rc := http.NewResponseController(w)
		for i := 0; ; i++ {
			if _, err := fmt.Fprintf(w, "data: %d\n\n", i); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/ws", func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			typ, msg, err := c.Read(r.Context())
			if err != nil {
				return
			}
			if err := c.Write(r.Context(), typ, append([]byte("echo:"), msg...)); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/trailers", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Trailer", "Grpc-Status")
		w.Header().Set("Content-Type", "application/grpc")
		w.Header().Set("X-Proto", r.Proto)
		_, _ = w.Write(body)
		w.(http.Flusher).Flush()
		w.Header().Set("Grpc-Status", "0")
		w.Header().Set(http.TrailerPrefix+"Grpc-Message", "unannounced")
	})
	srv := httptest.NewUnstartedServer(mux)
	if h2c {
		srv.Config.Protocols = new(http.Protocols)
		srv.Config.Protocols.SetUnencryptedHTTP2(true)
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

func readEvents(t *testing.T, rd *bufio.Reader, n int) {
	t.Helper()
	for got := 0; got < n; {
		line, err := rd.ReadString('\n')
		if err != nil {
			t.Fatalf("event stream broke after %d events: %v", got, err)
		}
		if strings.HasPrefix(line, "data: ") {
			got++
		}
	}
}

func TestServerSentEventsAreFlushed(t *testing.T) {
	up := streamingUpstream(t, false)
	_, srv := startProxy(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\n", up.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/events", nil)
	resp, err := testClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	// The stream never ends: reading three events proves each was flushed.
	readEvents(t, bufio.NewReader(resp.Body), 3)
}

func wsEcho(t *testing.T, ctx context.Context, c *websocket.Conn, msg string) {
	t.Helper()
	if err := c.Write(ctx, websocket.MessageText, []byte(msg)); err != nil {
		t.Fatalf("websocket write: %v", err)
	}
	_, got, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("websocket read: %v", err)
	}
	if string(got) != "echo:"+msg {
		t.Fatalf("websocket echo = %q", got)
	}
}

func TestWebsocketAndSSESurviveReload(t *testing.T) {
	up := streamingUpstream(t, false)
	mono := newUpstream(t, "monolith")
	cfg := func(timeout string) string {
		return fmt.Sprintf(`backends:
  monolith: {url: %s}
  streams: {url: %s, timeout: %s}
default: monolith
routes:
  - {name: ws, match: {path: /ws}, to: streams}
  - {name: events, match: {path: /events}, to: streams}
`, mono.URL, up.URL, timeout)
	}
	r := startServer(t, cfg("5s"))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(r.url, "http")+"/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	wsEcho(t, ctx, ws, "before")

	req, _ := http.NewRequestWithContext(ctx, "GET", r.url+"/events", nil)
	resp, err := testClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	readEvents(t, events, 2)

	// Changing the backend's settings replaces its Backend (and closes the
	// old one's idle connections); the open streams must not notice.
	writeFile(t, r.file, cfg("6s"))
	eventually(t, "reload", func() bool { return r.proxy.Table().Generation == 2 })
	writeFile(t, r.file, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\n", mono.URL))
	eventually(t, "routes removed", func() bool { return r.proxy.Table().Generation == 3 })

	wsEcho(t, ctx, ws, "after")
	readEvents(t, events, 3)
	if err := ws.Close(websocket.StatusNormalClosure, ""); err != nil {
		t.Errorf("websocket close: %v", err)
	}
}

func TestTrailersPassThrough(t *testing.T) {
	up := streamingUpstream(t, false)
	_, srv := startProxy(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\n", up.URL))
	resp, err := testClient().Post(srv.URL+"/trailers", "application/grpc", strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "hello" {
		t.Errorf("body = %q", body)
	}
	if got := resp.Trailer.Get("Grpc-Status"); got != "0" {
		t.Errorf("announced trailer Grpc-Status = %q, want 0 (trailers %v)", got, resp.Trailer)
	}
	if got := resp.Trailer.Get("Grpc-Message"); got != "unannounced" {
		t.Errorf("unannounced trailer Grpc-Message = %q", got)
	}
}

// TestH2CEndToEnd sends an HTTP/2 cleartext request with trailers, the way a
// gRPC client does, through an h2c listener to an h2c backend.
func TestH2CEndToEnd(t *testing.T) {
	up := streamingUpstream(t, true)
	r := startServer(t, fmt.Sprintf("backends:\n  grpc: {url: %s}\ndefault: grpc\nserver: {h2c: true}\n",
		strings.Replace(up.URL, "http://", "h2c://", 1)))
	tr := &http.Transport{Protocols: new(http.Protocols)}
	tr.Protocols.SetUnencryptedHTTP2(true)
	c := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	req, _ := http.NewRequest("POST", r.url+"/trailers", strings.NewReader("ping"))
	req.Header.Set("Content-Type", "application/grpc")
	req.Header.Set("TE", "trailers")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.ProtoMajor != 2 || resp.Header.Get("X-Proto") != "HTTP/2.0" {
		t.Errorf("client side %s, backend side %s; want HTTP/2 on both", resp.Proto, resp.Header.Get("X-Proto"))
	}
	if string(body) != "ping" || resp.Trailer.Get("Grpc-Status") != "0" {
		t.Errorf("body %q, trailers %v", body, resp.Trailer)
	}
}

// writeCert writes a self-signed certificate for 127.0.0.1 and returns the
// file names and a pool that trusts it.
func writeCert(t *testing.T, dir, name string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: name},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile = filepath.Join(dir, name+".crt"), filepath.Join(dir, name+".key")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestTLSListenerServesHTTP2AndRotatesCertificates(t *testing.T) {
	mono := newUpstream(t, "monolith")
	dir := t.TempDir()
	crt, key, pool := writeCert(t, dir, "one")
	y := fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nserver: {tls: {cert_file: %s, key_file: %s}}\n", mono.URL, crt, key)
	r := startServer(t, y)
	client := func(pool *x509.CertPool) *http.Client {
		return &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true,
		}}
	}
	resp, err := client(pool).Get(r.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.ProtoMajor != 2 || resp.Header.Get("X-Backend") != "monolith" {
		t.Errorf("got %s from %q, want HTTP/2 from monolith", resp.Proto, resp.Header.Get("X-Backend"))
	}
	// A new certificate in the same files is picked up by the next reload.
	crt2, key2, pool2 := writeCert(t, t.TempDir(), "two")
	for src, dst := range map[string]string{crt2: crt, key2: key} {
		b, _ := os.ReadFile(src)
		if err := os.WriteFile(dst, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.proxy.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	resp, err = client(pool2).Get(r.url + "/")
	if err != nil {
		t.Fatalf("after rotation: %v", err)
	}
	resp.Body.Close()
}

func TestHTTPSBackend(t *testing.T) {
	up := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, r.Proto)
	}))
	defer up.Close()
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: up.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	up.EnableHTTP2 = true
	_, srv := startProxy(t, fmt.Sprintf("backends:\n  monolith: {url: %s, tls: {ca_file: %s}}\ndefault: monolith\n", up.URL, ca))
	status, body, _ := get(t, testClient(), "GET", srv.URL+"/", nil, "")
	if status != 200 || !strings.HasPrefix(body, "HTTP/") {
		t.Errorf("https backend: %d %q", status, body)
	}
}
