package localdir_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/blob/localdir"
)

var _ myaccount.BlobStore = (*localdir.Dir)(nil)

func newDir(t *testing.T) (*localdir.Dir, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "assets")
	d, err := localdir.New(dir, "https://cdn.example.com/assets/")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d, dir
}

// get serves GET path, the path set as is (no cleaning on the way).
func get(d http.Handler, path string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", "/x", nil)
	r.URL.Path = path
	w := httptest.NewRecorder()
	d.ServeHTTP(w, r)
	return w
}

func TestPutAndServe(t *testing.T) {
	d, dir := newDir(t)
	ctx := context.Background()
	url, err := d.Put(ctx, "u1/2026/11/22/abcdEFGH-me.png", "image/png", strings.NewReader("PNGDATA"), 7)
	if err != nil {
		t.Fatal(err)
	}
	if url != "https://cdn.example.com/assets/u1/2026/11/22/abcdEFGH-me.png" {
		t.Fatalf("url %s", url)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "u1", "2026", "11", "22", "abcdEFGH-me.png")); err != nil || string(b) != "PNGDATA" {
		t.Fatalf("file: %q %v", b, err)
	}
	w := get(d, "/u1/2026/11/22/abcdEFGH-me.png")
	if w.Code != 200 || w.Body.String() != "PNGDATA" || w.Header().Get("Content-Type") != "image/png" ||
		w.Header().Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(w.Header().Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("serve: %d %q %v", w.Code, w.Body, w.Header())
	}

	// A file that is not an image is an attachment, never rendered.
	if _, err := d.Put(ctx, "u1/page.html", "text/html", strings.NewReader("<script>"), 8); err != nil {
		t.Fatal(err)
	}
	w = get(d, "/u1/page.html")
	if w.Header().Get("Content-Type") != "application/octet-stream" || w.Header().Get("Content-Disposition") != "attachment" {
		t.Fatalf("html served as %v", w.Header())
	}

	r := httptest.NewRequest("POST", "/u1/page.html", nil)
	w = httptest.NewRecorder()
	d.ServeHTTP(w, r)
	if w.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST: %d", w.Code)
	}
}

func TestPutRefusesUnsafeKeys(t *testing.T) {
	d, dir := newDir(t)
	for _, key := range []string{
		"", "../x.png", "a/../../x.png", "/etc/x.png", "a//b.png", "a/./b.png", `a\b.png`, "a/b\x00.png",
		".hidden", "a/.tmp-1", "a/b/", "é.png", "a b.png", strings.Repeat("a", 1025),
	} {
		if _, err := d.Put(context.Background(), key, "image/png", strings.NewReader("x"), 1); !errors.Is(err, localdir.ErrInvalidKey) {
			t.Errorf("Put(%q): %v, want ErrInvalidKey", key, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("something was written: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "x.png")); err == nil {
		t.Fatal("a file escaped the directory")
	}
}

func TestPutKeepsNothingOnFailure(t *testing.T) {
	d, dir := newDir(t)
	ctx := context.Background()
	for name, r := range map[string]io.Reader{
		"short":     strings.NewReader("abc"),
		"long":      strings.NewReader("abcdefgh"),
		"read fail": io.MultiReader(strings.NewReader("ab"), errReader{}),
	} {
		if _, err := d.Put(ctx, "u/f.png", "image/png", r, 5); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := d.Put(canceled, "u/f.png", "image/png", strings.NewReader("abcde"), 5); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "u"))
	if len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("broken") }

func TestServeRefusesEscapes(t *testing.T) {
	d, dir := newDir(t)
	outside := filepath.Join(filepath.Dir(dir), "secret.png")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A symbolic link planted in the directory does not lead out of it.
	if err := os.Symlink(outside, filepath.Join(dir, "link.png")); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "u"), 0o750); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/link.png", "/../secret.png", "/u", "/u/", "/", "/%2e%2e/secret.png", "/.tmp-x", "/missing.png"} {
		if w := get(d, p); w.Code != 404 || strings.Contains(w.Body.String(), "SECRET") {
			t.Errorf("GET %s: %d %q", p, w.Code, w.Body)
		}
	}
	// Nor does Put follow it.
	if _, err := d.Put(context.Background(), "link.png/x.png", "image/png", strings.NewReader("x"), 1); err == nil {
		t.Error("Put through a symlink succeeded")
	}
}
