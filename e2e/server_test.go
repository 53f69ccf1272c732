package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// adminToken is the example server's admin token in dev mode.
const adminToken = "dev-admin-token"

// server is a running example server.
type server struct {
	t *testing.T
	// api is where the test calls it directly (the address it printed).
	api string
	// page is the same server as the browser opens it: on localhost, the
	// WebAuthn relying party Logto asks for.
	page string
}

// startServer builds examples/server from the parent module, starts it on
// a free port with a fresh SQLite file and waits for its "listening on"
// line.
func startServer(t *testing.T) *server {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	build := exec.Command("go", "build", "-o", bin, "./examples/server")
	build.Dir = ".." // the root module; this one does not contain the server
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build the example server: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "e2e.db"))
	var logs syncBuffer
	cmd.Stderr = &logs
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("the server exited before it listened:\n%s", logs.String())
			}
			if addr, found := strings.CutPrefix(line, "listening on "); found {
				go func() {
					for range lines {
					}
				}()
				port := addr[strings.LastIndex(addr, ":")+1:]
				return &server{t: t, api: addr, page: "http://localhost:" + port}
			}
		case <-timeout:
			t.Fatal("the server did not listen within 60 s")
		}
	}
}

// call sends a request to the server's API and decodes the JSON answer
// into out (when not nil); it fails the test on another status than want.
func (s *server) call(method, path, token string, header map[string]string, body any, want int, out any) {
	s.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			s.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.api+path, rd)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		s.t.Fatalf("%s %s: status %d, want %d: %s", method, path, res.StatusCode, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			s.t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
}

// outboxCode is the code the server last "sent" to address.
func (s *server) outboxCode(address string) string {
	s.t.Helper()
	var m struct{ Code, Template string }
	s.call("GET", "/dev/outbox?to="+address, "", nil, nil, http.StatusOK, &m)
	if len(m.Code) != 6 {
		s.t.Fatalf("outbox for %s: %+v", address, m)
	}
	return m.Code
}

// syncBuffer is a bytes.Buffer safe for the process's writes and the
// test's reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
