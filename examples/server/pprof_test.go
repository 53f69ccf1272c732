package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func TestPprofAddrMustBeLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:6060", ":6060", "10.1.2.3:6060", "example.com:6060", "127.0.0.1"} {
		cfg := serverConfig{db: filepath.Join(t.TempDir(), "x.db"), dev: true, pprofAddr: addr}
		_, err := prepare(cfg, noEnv, slog.New(slog.DiscardHandler))
		if err == nil || !strings.Contains(err.Error(), "-pprof-addr") {
			t.Errorf("-pprof-addr %q: err = %v, want it refused", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:6060", "[::1]:0", "localhost:6060"} {
		if err := checkPprofAddr(addr); err != nil {
			t.Errorf("-pprof-addr %q refused: %v", addr, err)
		}
	}
}

func TestPprofServesProfilesButNotTheCommandLine(t *testing.T) {
	srv := httptest.NewServer(pprofMux())
	defer srv.Close()
	for path, want := range map[string]int{
		"/debug/pprof/":                  http.StatusOK,
		"/debug/pprof/heap":              http.StatusOK,
		"/debug/pprof/goroutine?debug=1": http.StatusOK,
		"/debug/pprof/cmdline":           http.StatusNotFound,
	} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
		}
	}
}
