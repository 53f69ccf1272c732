// Package localdir is a myaccount.BlobStore that keeps uploaded files
// (avatars) in a directory of the local file system, and an http.Handler
// that serves them back. It suits one app instance, or several sharing a
// network file system; a fleet behind a load balancer usually wants object
// storage behind the same interface.
//
// Every file access goes through an os.Root, so neither a key nor a
// request path nor a symbolic link planted in the directory can reach a
// file outside it. Keys are checked besides: relative paths of segments
// made of ASCII letters, digits, '.', '-' and '_', none starting with a
// dot.
package localdir

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
)

// maxKeyLength bounds a key, in bytes.
const maxKeyLength = 1024

// Dir is a directory of uploaded files: a myaccount.BlobStore, and an
// http.Handler that serves them (mount it with http.StripPrefix at the
// path of its base URL). It is safe for concurrent use.
type Dir struct {
	root    *os.Root
	baseURL string
}

// New opens dir, creating it if needed, for files served at baseURL (e.g.
// "https://app.example.com/assets"; an absolute URL, as PATCH
// /api/my-account wants for an avatar). Close it when done.
func New(dir, baseURL string) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("localdir: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("localdir: %w", err)
	}
	return &Dir{root: root, baseURL: strings.TrimRight(baseURL, "/")}, nil
}

// Close releases the directory.
func (d *Dir) Close() error { return d.root.Close() }

// Put writes size bytes of r to the file key and returns its URL. The file
// appears whole or not at all: it is written under a temporary name and
// renamed. Fewer or more than size bytes is an error, and nothing is kept.
func (d *Dir) Put(ctx context.Context, key, _ string, r io.Reader, size int64) (string, error) {
	if !validKey(key) {
		return "", ErrInvalidKey
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if dir := path.Dir(key); dir != "." {
		if err := d.root.MkdirAll(dir, 0o750); err != nil {
			return "", fmt.Errorf("localdir: %w", err)
		}
	}
	tmp, err := tempName(key)
	if err != nil {
		return "", err
	}
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return "", fmt.Errorf("localdir: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(contextReader{ctx, r}, size+1))
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err == nil && n != size {
		err = fmt.Errorf("localdir: got %d bytes, want %d", n, size)
	}
	if err == nil {
		err = d.root.Rename(tmp, key)
	}
	if err != nil {
		_ = d.root.Remove(tmp)
		return "", fmt.Errorf("localdir: %w", err)
	}
	return d.URL(key), nil
}

// URL is where the file key is served.
func (d *Dir) URL(key string) string {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return d.baseURL + "/" + strings.Join(segs, "/")
}

// ServeHTTP serves GET and HEAD of a stored file; the request path, after
// the mount prefix is stripped, is its key. Directories are not listed.
// Only the image types an avatar may have are served as images; any other
// file is an attachment. Responses forbid sniffing and scripts.
func (d *Dir) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	key := strings.TrimPrefix(r.URL.Path, "/")
	if !validKey(key) {
		http.NotFound(w, r)
		return
	}
	f, err := d.root.Open(key)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	// A key names one upload forever: a new avatar gets a new key.
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if ct, ok := imageTypes[strings.ToLower(path.Ext(key))]; ok {
		h.Set("Content-Type", ct)
	} else {
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Disposition", "attachment")
	}
	http.ServeContent(w, r, "", info.ModTime(), f)
}

// imageTypes are the types served inline, by extension.
var imageTypes = map[string]string{
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
	".gif":  "image/gif",
	".webp": "image/webp",
	".bmp":  "image/bmp",
}

// validKey reports whether key is a relative path of non-empty segments of
// [A-Za-z0-9._-], none starting with '.': no "..", no absolute path, no
// backslash, no NUL, no hidden file.
func validKey(key string) bool {
	if key == "" || len(key) > maxKeyLength || !fs.ValidPath(key) {
		return false
	}
	for seg := range strings.SplitSeq(key, "/") {
		if seg == "" || seg[0] == '.' {
			return false
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// tempName is a fresh hidden name beside key: hidden names are never
// valid keys, so a partial file is never served.
func tempName(key string) (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return path.Join(path.Dir(key), ".tmp-"+hex.EncodeToString(b[:])), nil
}

// contextReader stops reading once ctx ends.
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
