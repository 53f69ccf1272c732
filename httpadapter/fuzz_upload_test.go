package httpadapter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/myaccount-go/myaccount"
)

// memBlobs is a BlobStore in memory that keeps the last Put, so the fuzz
// target can check what the use case stores.
type memBlobs struct {
	mu               sync.Mutex
	key, contentType string
	data             []byte
	size             int64
	puts             int
}

func (m *memBlobs) Put(_ context.Context, key, contentType string, r io.Reader, size int64) (string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.key, m.contentType, m.data, m.size = key, contentType, data, size
	m.puts++
	return "https://cdn.example.com/" + key, nil
}

// blobKeySegment is what BlobStore.Put promises a key's segments are.
var blobKeySegment = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// imageMagic is the start of each content type an avatar may have.
var imageMagic = map[string][]string{
	"image/png":  {"\x89PNG\r\n\x1a\n"},
	"image/jpeg": {"\xff\xd8\xff"},
	"image/gif":  {"GIF87a", "GIF89a"},
	"image/webp": {"RIFF"},
	"image/bmp":  {"BM"},
}

// FuzzAvatarUpload (issue 9) drives POST /api/my-account/user-assets/avatar
// with any multipart body. With raw false the body is a well-formed form
// whose "file" part has the fuzzed file name, declared type and bytes;
// with raw true, data is the whole body and declared the boundary. No
// answer is 5xx, every 4xx is a JSON error, and an accepted upload is an
// image of an allowed type, stored byte for byte under a key whose every
// segment is safe (BlobStore's contract), in the caller's own directory.
func FuzzAvatarUpload(f *testing.F) {
	blobs := &memBlobs{}
	e := newEnv(f, newMemoryStore(), func(c *myaccount.Config) {
		c.Avatars = blobs
		c.MaxAvatarBytes = 16 << 10
	})
	reenable(f, e)
	id := e.user(myaccount.CreateUserInput{Username: "fuzzpic"})
	tok := e.token(id, allScopes...)
	for _, s := range []struct {
		name, declared string
		data           []byte
	}{
		{"a.png", "image/png", pngBytes(f)},
		{"../../etc/passwd", "image/jpeg", jpegBytes(f)},
		{`C:\Users\ada\me.gif`, "", gifBytes(f)},
		{"..", "image/webp", webpBytes(f)},
		{"é.bmp", "image/bmp", bmpBytes(64)},
		{"x.svg", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		{"cut.png", "image/png", pngBytes(f)[:20]},
		{"big.bmp", "image/bmp", bmpBytes(17 << 10)},
		{"", "", nil},
	} {
		f.Add(s.name, s.declared, s.data, false)
	}
	body, ct := multipartBody(f, filePart{field: "note", data: []byte("hi"), noFilename: true}, filePart{field: "file", filename: "a.png", contentType: "image/png", data: pngBytes(f)})
	_, boundary, _ := strings.Cut(ct, "boundary=")
	f.Add("", boundary, body, true)
	f.Add("", boundary, body[:len(body)/2], true)
	f.Add("", "", []byte("--\r\n"), true)

	f.Fuzz(func(t *testing.T, name, declared string, data []byte, raw bool) {
		var r *http.Request
		if raw {
			r = httptest.NewRequest("POST", avatarPath, bytes.NewReader(data))
			r.Header.Set("Content-Type", "multipart/form-data; boundary="+declared)
		} else {
			if !validHeader(name) || !validHeader(declared) {
				return
			}
			body, ct := multipartBody(t, filePart{field: "file", filename: name, contentType: declared, data: data})
			r = httptest.NewRequest("POST", avatarPath, bytes.NewReader(body))
			r.Header.Set("Content-Type", ct)
		}
		r.Header.Set("Authorization", "Bearer "+tok)
		blobs.mu.Lock()
		before := blobs.puts
		blobs.mu.Unlock()
		w := serveFuzz(t, e.sub(t), r)
		blobs.mu.Lock()
		defer blobs.mu.Unlock()
		if w.Code != http.StatusOK {
			if blobs.puts != before {
				t.Fatalf("%d, but a file was stored under %q", w.Code, blobs.key)
			}
			return
		}
		if blobs.puts != before+1 {
			t.Fatalf("200 after %d stores", blobs.puts-before)
		}
		var answer struct{ URL string }
		if err := json.Unmarshal(w.Body.Bytes(), &answer); err != nil || answer.URL != "https://cdn.example.com/"+blobs.key {
			t.Fatalf("answered %s for the key %q", w.Body.Bytes(), blobs.key)
		}
		segments := strings.Split(blobs.key, "/")
		if len(segments) != 5 || segments[0] != id || strings.Join(segments[1:4], "/") != "2026/11/22" {
			t.Fatalf("key %q is not <user>/<date>/<name>", blobs.key)
		}
		for _, s := range segments {
			if s == "." || s == ".." || !blobKeySegment.MatchString(s) {
				t.Fatalf("key %q has the unsafe segment %q", blobs.key, s)
			}
		}
		magic, ok := imageMagic[blobs.contentType]
		if !ok {
			t.Fatalf("stored as %q", blobs.contentType)
		}
		stored := string(blobs.data)
		if !strings.HasPrefix(stored, magic[0]) && (len(magic) == 1 || !strings.HasPrefix(stored, magic[1])) {
			t.Fatalf("stored as %s, but starts with %q", blobs.contentType, stored[:min(len(stored), 12)])
		}
		if int64(len(blobs.data)) != blobs.size {
			t.Fatalf("Put was told %d bytes and given %d", blobs.size, len(blobs.data))
		}
		if !raw && !bytes.Equal(blobs.data, data) {
			t.Fatalf("stored %d bytes, not the %d uploaded", len(blobs.data), len(data))
		}
	})
}
