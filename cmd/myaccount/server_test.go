package main

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
	"testing"
	"time"
)

// This file runs the example server (examples/server) as a process: the
// copy's end-to-end test populates a store through it and starts it again
// on the copy.

// buildServer builds the example server into dir.
func buildServer(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "server")
	if out, err := exec.Command("go", "build", "-o", bin, "../../examples/server").CombinedOutput(); err != nil {
		t.Fatalf("build the example server: %v\n%s", err, out)
	}
	return bin
}

// startServer runs the server binary with args until stop is called (or
// the test ends) and returns its base URL.
func startServer(t *testing.T, bin string, args ...string) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.Stderr = io.Discard
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			_ = cmd.Wait()
		}
	}
	t.Cleanup(stop)
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
				t.Fatal("the server exited before it listened")
			}
			if addr, found := strings.CutPrefix(line, "listening on "); found {
				go func() {
					for range lines {
					}
				}()
				return addr, stop
			}
		case <-timeout:
			t.Fatal("the server did not listen within 60 s")
		}
	}
}

// client calls a running server.
type client struct {
	t    *testing.T
	base string
	// host, when set, is the Host header of every request (the passkey
	// relying party is checked against it).
	host string
}

// call sends a request and returns the status and the raw answer.
func (c client) call(method, path, token string, header map[string]string, body any) (int, []byte) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if c.host != "" {
		req.Host = c.host
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
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// do is call that fails the test unless the status is status; out, when
// not nil, gets the JSON answer.
func (c client) do(method, path, token string, header map[string]string, body any, status int, out any) {
	c.t.Helper()
	got, raw := c.call(method, path, token, header, body)
	if got != status {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, got, status, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
}

// totpCode is the TOTP code of a base32 secret at a time, computed by
// Debian's oathtool, a real authenticator.
func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	path, err := exec.LookPath("oathtool")
	if err != nil {
		if os.Getenv("MYACCOUNT_TEST_REQUIRE_TOOLS") != "" {
			t.Fatal("oathtool is not installed")
		}
		t.Skip("oathtool is not installed")
	}
	out, err := exec.Command(path, "--totp", "-b", secret, "--now", at.UTC().Format("2006-01-02 15:04:05 UTC")).Output()
	if err != nil {
		t.Fatalf("oathtool: %v", err)
	}
	return strings.TrimSpace(string(out))
}
