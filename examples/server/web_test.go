package main

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSettingsPageServed checks the page's routes beside the API's: / is
// the page with its security headers, /app/ has every file it loads with a
// type a browser runs, and the API and dev routes answer as before. The
// page itself is driven in a browser by the e2e module.
func TestSettingsPageServed(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	a, err := newApp(context.Background(), serverConfig{db: filepath.Join(t.TempDir(), "x.db"), dev: true}, srv.URL, mux, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.close)

	get := func(p string) (*http.Response, string) {
		t.Helper()
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, string(body)
	}

	res, body := get("/")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("GET /: Content-Security-Policy %q", csp)
	}
	if !strings.Contains(body, `src="/app/js/main.js"`) {
		t.Errorf("GET /: the page does not load its entry module")
	}
	if res, _ := get("/no-such-page"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /no-such-page: %d, want 404", res.StatusCode)
	}

	// Every file the page refers to, and every module a module imports,
	// is served, with a type the browser accepts for it.
	web, err := fs.Sub(webFiles, "web")
	if err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`(?:href|src)="/app/([^"]+)"`).FindAllStringSubmatch(body, -1)
	imports := regexp.MustCompile(`(?m)^import .* from '(\.[^']+)';$`)
	wantType := map[string]string{".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
	seen := map[string]bool{}
	var check func(name string)
	check = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		res, text := get("/app/" + name)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET /app/%s: %d", name, res.StatusCode)
			return
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, wantType[path.Ext(name)]) {
			t.Errorf("GET /app/%s: Content-Type %q", name, ct)
		}
		if path.Ext(name) != ".js" {
			return
		}
		for _, m := range imports.FindAllStringSubmatch(text, -1) {
			if m[1] != "" {
				check(path.Join(path.Dir(name), m[1]))
			}
		}
	}
	for _, r := range refs {
		check(r[1])
	}
	if len(seen) < 10 {
		t.Errorf("followed only %d files from the page: %v", len(seen), seen)
	}
	// And no module sits in the tree unused.
	_ = fs.WalkDir(web, "js", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !seen[p] {
			t.Errorf("%s is embedded but nothing imports it", p)
		}
		return nil
	})

	// The API and the dev routes are untouched by the page's routes.
	if res, body := get("/api/.well-known/account-center"); res.StatusCode != http.StatusOK || !strings.Contains(body, `"enabled":true`) {
		t.Errorf("GET /api/.well-known/account-center: %d %s", res.StatusCode, body)
	}
	if res, _ := get("/api/my-account"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /api/my-account without a token: %d, want 401", res.StatusCode)
	}
	if res, _ := get("/dev/social/authorize?state=s&redirect_uri=http://localhost/"); res.StatusCode != http.StatusOK {
		t.Errorf("GET /dev/social/authorize: %d", res.StatusCode)
	}
}
