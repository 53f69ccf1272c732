package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/secret"
)

// privatePostgres is a throwaway Postgres cluster of one test: its own
// data directory and port, so stopping it disturbs no other test.
type privatePostgres struct {
	t             *testing.T
	bin, dir, dsn string
	port          int
}

// pgCommand runs a Postgres tool as the postgres user when the test runs
// as root (initdb refuses root), else as the current user.
func (p *privatePostgres) run(tool string, args ...string) {
	p.t.Helper()
	path := filepath.Join(p.bin, tool)
	var cmd *exec.Cmd
	if os.Geteuid() == 0 {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		p.t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
}

func (p *privatePostgres) start() {
	p.run("pg_ctl", "-D", p.dir, "-l", filepath.Join(p.dir, "log"), "-w", "-o",
		fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off", p.port, p.dir), "start")
}

func (p *privatePostgres) stop() { p.run("pg_ctl", "-D", p.dir, "-m", "fast", "-w", "stop") }

// startPrivatePostgres makes and starts a cluster, or skips the test when
// Postgres is not installed (fails with MYACCOUNT_TEST_REQUIRE_TOOLS).
func startPrivatePostgres(t *testing.T) *privatePostgres {
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	if len(bins) == 0 {
		if os.Getenv("MYACCOUNT_TEST_REQUIRE_TOOLS") != "" {
			t.Fatal("Postgres is not installed")
		}
		t.Skip("Postgres is not installed")
	}
	sort.Strings(bins)
	dir, err := os.MkdirTemp("", "myaccount-outage-")
	if err != nil {
		t.Fatal(err)
	}
	p := &privatePostgres{t: t, bin: bins[len(bins)-1], dir: dir}
	if os.Geteuid() == 0 {
		pg, err := user.Lookup("postgres")
		if err != nil {
			t.Skip("no postgres user")
		}
		uid, _ := strconv.Atoi(pg.Uid)
		gid, _ := strconv.Atoi(pg.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	p.run("initdb", "-D", dir, "-U", "postgres", "-A", "trust")
	p.start()
	t.Cleanup(func() {
		cmd := exec.Command(filepath.Join(p.bin, "pg_ctl"), "-D", dir, "-m", "immediate", "stop")
		if os.Geteuid() == 0 {
			cmd = exec.Command("runuser", "-u", "postgres", "--", filepath.Join(p.bin, "pg_ctl"), "-D", dir, "-m", "immediate", "stop")
		}
		_ = cmd.Run()
		_ = os.RemoveAll(dir)
	})
	p.dsn = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", p.port)
	return p
}

// Issue 9: Postgres stopped under a running server: requests get 503
// request.service_unavailable with Retry-After, the process keeps running,
// and once Postgres is back it serves again, without a restart.
func TestPostgresOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Postgres and the server")
	}
	pg := startPrivatePostgres(t)
	key, err := secret.GenerateKey(1)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("MYACCOUNT_SECRET_KEYS", secret.FormatKeys(key))
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	base := startServer(t, bin, "-addr", "127.0.0.1:0", "-dsn", pg.dsn)
	c := client{t: t, base: base}
	var ada struct{ ID, AccessToken string }
	c.do("POST", "/dev/users", "", nil, map[string]any{"username": "ada"}, 201, &ada)
	c.do("GET", "/api/my-account", ada.AccessToken, nil, nil, 200, nil)

	get := func() (*http.Response, map[string]any) {
		req, _ := http.NewRequest("GET", base+"/api/my-account", nil)
		req.Header.Set("Authorization", "Bearer "+ada.AccessToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("the server stopped answering: %v", err)
		}
		defer res.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(res.Body).Decode(&body)
		return res, body
	}

	pg.stop()
	for range 3 {
		res, body := get()
		if res.StatusCode != http.StatusServiceUnavailable || body["code"] != "request.service_unavailable" || res.Header.Get("Retry-After") == "" {
			t.Fatalf("with Postgres down: %d %v Retry-After %q", res.StatusCode, body, res.Header.Get("Retry-After"))
		}
	}

	pg.start()
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, body := get()
		if res.StatusCode == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Postgres is back, the server still answers %d %v", res.StatusCode, body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	c.do("PATCH", "/api/my-account", ada.AccessToken, nil, map[string]any{"name": "Back"}, 200, nil)
}
