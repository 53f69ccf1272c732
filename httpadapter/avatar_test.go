package httpadapter_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/blob/localdir"
	"github.com/myaccount-go/myaccount/internal/adapter"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

const avatarPath = "/api/my-account/user-assets/avatar"

// testAvatarLimit is the upload bound of the avatar envs: small, so
// oversized uploads cost nothing.
const testAvatarLimit = 64 << 10

// lateBlobs lets an env's config name a BlobStore whose base URL (the test
// server's) is known only once the env exists.
type lateBlobs struct{ *localdir.Dir }

// eachStoreAvatars runs f per store on an env that keeps avatars in dir and
// serves them at /assets/.
func eachStoreAvatars(t *testing.T, f func(t *testing.T, e *env, dir string)) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		e, dir := newAvatarEnv(t, newStore(t), testAvatarLimit)
		f(t, e, dir)
	})
}

// newAvatarEnv serves an account center on store with avatars of at most
// limit bytes (0: the default) kept in a fresh directory.
func newAvatarEnv(t *testing.T, store myaccount.Store, limit int64) (*env, string) {
	blobs := &lateBlobs{}
	e := newEnv(t, store, func(c *myaccount.Config) {
		c.Avatars = blobs
		c.MaxAvatarBytes = limit
	})
	dir := t.TempDir()
	d, err := localdir.New(dir, e.srv.URL+"/assets")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	blobs.Dir = d
	e.mux.Handle("/assets/", http.StripPrefix("/assets", d))
	return e, dir
}

// filePart is one part of a multipart body.
type filePart struct {
	field, filename, contentType string
	data                         []byte
	noFilename                   bool // a plain form field
}

// multipartBody encodes parts; the filename is written as is (quoted).
func multipartBody(t testing.TB, parts ...filePart) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		disp := fmt.Sprintf("form-data; name=%q", p.field)
		if !p.noFilename {
			disp += fmt.Sprintf("; filename=%q", p.filename)
		}
		h.Set("Content-Disposition", disp)
		if p.contentType != "" {
			h.Set("Content-Type", p.contentType)
		}
		pw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = pw.Write(p.data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), w.FormDataContentType()
}

// upload posts one file as the field "file".
func (e *env) upload(tok, filename, contentType string, data []byte) *resp {
	e.t.Helper()
	body, ct := multipartBody(e.t, filePart{field: "file", filename: filename, contentType: contentType, data: data})
	return e.do(req{method: "POST", path: avatarPath, token: tok, body: body, header: map[string]string{"Content-Type": ct}})
}

// fetch GETs an absolute URL.
func fetch(t testing.TB, url string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

// The test images, made by the standard library's encoders where it has
// one.
func testImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{R: 200, G: 10, B: 90, A: 255})
	return img
}

func pngBytes(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, testImage()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifBytes(t testing.TB) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, testImage(), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webpBytes is a 1x1 lossless WebP.
func webpBytes(t testing.TB) []byte {
	b, err := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bmpBytes is a 1x1 24-bit BMP padded with zeros to size bytes (at least
// 58), its header's file size saying so.
func bmpBytes(size int) []byte {
	b := make([]byte, max(size, 58))
	copy(b, "BM")
	binary.LittleEndian.PutUint32(b[2:], uint32(len(b)))
	binary.LittleEndian.PutUint32(b[10:], 54) // pixel data offset
	binary.LittleEndian.PutUint32(b[14:], 40) // BITMAPINFOHEADER
	binary.LittleEndian.PutUint32(b[18:], 1)  // width
	binary.LittleEndian.PutUint32(b[22:], 1)  // height
	binary.LittleEndian.PutUint16(b[26:], 1)  // planes
	binary.LittleEndian.PutUint16(b[28:], 24) // bits per pixel
	b[54], b[55], b[56] = 0x10, 0x20, 0x30
	return b
}

// avatarURL matches the URL of an uploaded avatar: the base, the user id,
// the date of the fake clock, an 8-character id and the sanitized name.
func avatarURL(e *env, userID, name string) *regexp.Regexp {
	return regexp.MustCompile("^" + regexp.QuoteMeta(e.srv.URL+"/assets/"+userID+"/2026/11/22/") + "[A-Za-z0-9_-]{8}-" + regexp.QuoteMeta(name) + "$")
}

// upload, checks in order, content sniffing,
// the file served back byte for byte.
func TestAvatarUpload(t *testing.T) {
	eachStoreAvatars(t, func(t *testing.T, e *env, dir string) {
		e.enableAll()
		id := e.user(myaccount.CreateUserInput{Username: "pic", Password: "pass-word-1"})
		tok := e.token(id, defaultScopes...)

		t.Run("PNG, JPEG, GIF, WebP and BMP are stored and served back identically", func(t *testing.T) {
			e := e.sub(t)
			for _, c := range []struct {
				name, file, wantName, contentType string
				data                              []byte
			}{
				{"png", "me.png", "me.png", "image/png", pngBytes(t)},
				{"jpeg", "photo.JPEG", "photo.jpg", "image/jpeg", jpegBytes(t)},
				{"gif", "anim.gif", "anim.gif", "image/gif", gifBytes(t)},
				{"webp", "x.webp", "x.webp", "image/webp", webpBytes(t)},
				{"bmp", "old.bmp", "old.bmp", "image/bmp", bmpBytes(58)},
				// The declared type and the name's extension are ignored.
				{"png named .html", "page.html", "page.png", "image/png", pngBytes(t)},
			} {
				r := e.upload(tok, c.file, "application/octet-stream", c.data).want(200)
				url := r.str("url")
				if !avatarURL(e, id, c.wantName).MatchString(url) {
					t.Fatalf("%s: url %s", c.name, url)
				}
				res, got := fetch(t, url)
				if res.StatusCode != 200 || !bytes.Equal(got, c.data) {
					t.Fatalf("%s: served %d, %d bytes, want %d identical", c.name, res.StatusCode, len(got), len(c.data))
				}
				if ct := res.Header.Get("Content-Type"); ct != c.contentType {
					t.Errorf("%s: served as %s", c.name, ct)
				}
				if res.Header.Get("X-Content-Type-Options") != "nosniff" {
					t.Errorf("%s: no nosniff", c.name)
				}
			}
			// The route does not change the avatar: the client sets it.
			if r := e.call("GET", "/api/my-account", tok, nil, nil).want(200); r.json["avatar"] != nil {
				t.Fatalf("avatar changed by the upload: %s", r.raw)
			}
			url := e.upload(tok, "me.png", "image/png", pngBytes(t)).want(200).str("url")
			if r := e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"avatar": url}).want(200); r.json["avatar"] != url {
				t.Fatalf("PATCH avatar: %s", r.raw)
			}
		})
		t.Run("150 avatar ReadOnly: field_not_editable", func(t *testing.T) {
			e := e.sub(t)
			defer e.enableAll()
			e.setFields(map[string]string{"avatar": "ReadOnly"})
			e.upload(tok, "me.png", "image/png", pngBytes(t)).wantError(400, "account_center.field_not_editable")
		})
		t.Run("150 non-image bytes declared image/png: mime_type_not_allowed", func(t *testing.T) {
			e := e.sub(t)
			e.upload(tok, "me.png", "image/png", []byte("this is not an image at all")).wantError(400, "guard.mime_type_not_allowed")
		})
		t.Run("SVG and other impostors are refused", func(t *testing.T) {
			e := e.sub(t)
			p, j, g := pngBytes(t), jpegBytes(t), gifBytes(t)
			w := webpBytes(t)
			badBMP := bmpBytes(58)
			binary.LittleEndian.PutUint32(badBMP[2:], 9999)
			for name, data := range map[string][]byte{
				"svg":                []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>`),
				"svg with xml decl":  []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`),
				"html":               []byte("<!doctype html><script>alert(1)</script>"),
				"empty":              {},
				"png without IEND":   p[:len(p)-12],
				"png then a script":  append(append([]byte{}, p...), "<script>alert(1)</script>"...),
				"jpeg without EOI":   j[:len(j)-2],
				"gif without end":    g[:len(g)-1],
				"webp of wrong size": append(append([]byte{}, w...), 0, 0),
				"bmp of wrong size":  badBMP,
				"signature only":     p[:8],
			} {
				if r := e.upload(tok, "x.png", "image/png", data); r.status != 400 || r.json["code"] != "guard.mime_type_not_allowed" {
					t.Errorf("%s: %d %s", name, r.status, r.raw)
				}
			}
		})
		t.Run("over the limit: file_size_exceeded; at the limit: stored", func(t *testing.T) {
			e := e.sub(t)
			e.upload(tok, "big.bmp", "image/bmp", bmpBytes(testAvatarLimit+1)).wantError(400, "guard.file_size_exceeded")
			// Size comes before content.
			e.upload(tok, "big.txt", "text/plain", bytes.Repeat([]byte("a"), testAvatarLimit+1)).wantError(400, "guard.file_size_exceeded")
			data := bmpBytes(testAvatarLimit)
			_, got := fetch(t, e.upload(tok, "edge.bmp", "image/bmp", data).want(200).str("url"))
			if !bytes.Equal(got, data) {
				t.Fatal("the file at the limit was not served back identically")
			}
		})
		t.Run("checks in order: profile scope 401, first party, field", func(t *testing.T) {
			e := e.sub(t)
			junk := []byte("junk")
			e.upload(e.token(id, "openid"), "x.png", "image/png", junk).wantError(401, "auth.unauthorized")
			e.upload(e.thirdPartyToken(id, "openid"), "x.png", "image/png", junk).wantError(401, "auth.unauthorized")
			e.upload(e.thirdPartyToken(id, defaultScopes...), "x.png", "image/png", junk).wantError(403, "auth.third_party_application_forbidden")
			defer e.enableAll()
			e.setFields(map[string]string{"name": "Edit"})
			e.upload(tok, "x.png", "image/png", junk).wantError(400, "account_center.field_not_editable")
		})
		t.Run("bodies without a file: guard.invalid_input, after the gate", func(t *testing.T) {
			e := e.sub(t)
			e.do(req{method: "POST", path: avatarPath, token: tok, body: pngBytes(t), header: map[string]string{"Content-Type": "image/png"}}).wantError(400, "guard.invalid_input")
			e.call("POST", avatarPath, tok, nil, map[string]any{"file": "x"}).wantError(400, "guard.invalid_input")
			for name, parts := range map[string][]filePart{
				"no parts":           nil,
				"a text field":       {{field: "file", data: pngBytes(t), noFilename: true}},
				"another field name": {{field: "avatar", filename: "a.png", data: pngBytes(t)}},
			} {
				body, ct := multipartBody(t, parts...)
				r := e.do(req{method: "POST", path: avatarPath, token: tok, body: body, header: map[string]string{"Content-Type": ct}})
				if r.status != 400 || r.json["code"] != "guard.invalid_input" {
					t.Errorf("%s: %d %s", name, r.status, r.raw)
				}
			}
			body, ct := multipartBody(t, filePart{field: "file", filename: "a.png", data: pngBytes(t)})
			e.do(req{method: "POST", path: avatarPath, token: tok, body: body[:len(body)/2], header: map[string]string{"Content-Type": ct}}).wantError(400, "guard.invalid_input")
			defer e.enableAll()
			e.admin("PATCH", "/api/account-center", map[string]any{"enabled": false}).want(200)
			e.do(req{method: "POST", path: avatarPath, token: tok, body: "x", header: map[string]string{"Content-Type": "text/plain"}}).wantError(400, "account_center.not_enabled")
		})
		t.Run("fields before the file are skipped; the first file is used", func(t *testing.T) {
			e := e.sub(t)
			body, ct := multipartBody(t,
				filePart{field: "note", data: []byte("hello"), noFilename: true},
				filePart{field: "file", filename: "first.gif", data: gifBytes(t)},
				filePart{field: "file", filename: "second.png", data: pngBytes(t)},
			)
			r := e.do(req{method: "POST", path: avatarPath, token: tok, body: body, header: map[string]string{"Content-Type": ct}}).want(200)
			if !avatarURL(e, id, "first.gif").MatchString(r.str("url")) {
				t.Fatalf("url %s", r.str("url"))
			}
		})
		t.Run("hostile file names land sanitized inside the directory", func(t *testing.T) {
			e := e.sub(t)
			for name, want := range map[string]string{
				"../../etc/passwd":              "passwd.png",
				`..\..\windows\system32\x.png`:  "x.png",
				"/etc/shadow":                   "shadow.png",
				"..":                            "avatar.png",
				".htaccess":                     "avatar.png",
				"头像.png":                        "avatar.png",
				"évil name.html":                "vil_name.png",
				"<script>alert(1)</script>.svg": "script.png",
				strings.Repeat("long", 500):     strings.Repeat("long", 16) + ".png",
			} {
				url := e.upload(tok, name, "image/png", pngBytes(t)).want(200).str("url")
				if !avatarURL(e, id, want).MatchString(url) {
					t.Errorf("%q: url %s, want name %s", name, url, want)
				}
			}
			// Everything written is a regular file under <dir>/<userId>/.
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dir, p)
				if !d.IsDir() && !strings.HasPrefix(rel, id+string(filepath.Separator)) {
					return fmt.Errorf("file outside the user's folder: %s", rel)
				}
				if !d.IsDir() && !d.Type().IsRegular() {
					return fmt.Errorf("not a regular file: %s", rel)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, "..", "etc")); err == nil {
				t.Fatal("a file escaped the directory")
			}
		})
		t.Run("the asset handler serves files only", func(t *testing.T) {
			e := e.sub(t)
			for _, p := range []string{"/assets/", "/assets/" + id, "/assets/" + id + "/2026", "/assets/nope.png", "/assets/%2e%2e/x"} {
				if res, _ := fetch(t, e.srv.URL+p); res.StatusCode != 404 {
					t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
				}
			}
		})
	})
}

// An oversized upload is refused once the limit is passed: the rest of the
// body is never read, and a caller without the scope gets nothing read
// past the part's headers.
func TestAvatarUploadReadsBoundedly(t *testing.T) {
	e, _ := newAvatarEnv(t, newMemoryStore(), testAvatarLimit)
	e.enableAll()
	id := e.user(myaccount.CreateUserInput{Username: "big"})
	for _, c := range []struct {
		name     string
		scopes   []string
		status   int
		code     string
		maxBytes int64
	}{
		{"with the profile scope", defaultScopes, 400, "guard.file_size_exceeded", testAvatarLimit + 256<<10},
		{"without it", []string{"openid"}, 401, "auth.unauthorized", 64 << 10},
	} {
		t.Run(c.name, func(t *testing.T) {
			body := &endlessUpload{head: []byte("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n")}
			r := httptest.NewRequest("POST", avatarPath, body)
			r.Header.Set("Content-Type", "multipart/form-data; boundary=B")
			r.Header.Set("Authorization", "Bearer "+e.token(id, c.scopes...))
			w := httptest.NewRecorder()
			e.mux.ServeHTTP(w, r)
			if w.Code != c.status || !strings.Contains(w.Body.String(), c.code) {
				t.Fatalf("%d %s, want %d %s", w.Code, w.Body, c.status, c.code)
			}
			if body.n > c.maxBytes {
				t.Fatalf("read %d bytes of an endless body, want at most %d", body.n, c.maxBytes)
			}
		})
	}
}

// endlessUpload is a multipart body whose file part never ends; it counts
// what is read.
type endlessUpload struct {
	head []byte
	n    int64
}

func (u *endlessUpload) Read(p []byte) (int, error) {
	if u.n > 1<<30 {
		return 0, errors.New("read a gigabyte: the limit did not hold")
	}
	n := 0
	if u.n < int64(len(u.head)) {
		n = copy(p, u.head[u.n:])
	}
	for i := n; i < len(p); i++ {
		p[i] = 'z'
	}
	u.n += int64(len(p))
	return len(p), nil
}

// The default limit is 20 MiB; files past 1 MiB are held in a temporary
// file, not in memory, and come out identical.
func TestAvatarDefaultLimit(t *testing.T) {
	e, _ := newAvatarEnv(t, newMemoryStore(), 0)
	e.enableAll()
	tok := e.token(e.user(myaccount.CreateUserInput{Username: "huge"}), defaultScopes...)
	if adapter.MaxAvatarBytes(e.svc.Account) != 20<<20 {
		t.Fatalf("default limit %d", adapter.MaxAvatarBytes(e.svc.Account))
	}
	data := bmpBytes(3 << 20)
	_, got := fetch(t, e.upload(tok, "big.bmp", "image/bmp", data).want(200).str("url"))
	if !bytes.Equal(got, data) {
		t.Fatal("a 3 MiB file was not served back identically")
	}
	e.upload(tok, "huge.bmp", "image/bmp", bmpBytes(20<<20+1)).wantError(400, "guard.file_size_exceeded")
	e.upload(tok, "max.bmp", "image/bmp", bmpBytes(20<<20)).want(200)
}

// recordingBlobs is a BlobStore that keeps what it is given, or fails.
type recordingBlobs struct {
	mu    sync.Mutex
	keys  []string
	types []string
	fail  error
}

func (b *recordingBlobs) Put(_ context.Context, key, contentType string, r io.Reader, size int64) (string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	if int64(len(data)) != size {
		return "", fmt.Errorf("got %d bytes, told %d", len(data), size)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fail != nil {
		return "", b.fail
	}
	b.keys = append(b.keys, key)
	b.types = append(b.types, contentType)
	return "https://cdn.example.com/" + key, nil
}

// Through the in-process API: storage missing or failing, hostile names
// the HTTP layer cannot carry (NUL), the key and the content type.
func TestAvatarInProcess(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		id := e.user(myaccount.CreateUserInput{Username: "inproc"})
		caller := myaccount.Caller{Principal: myaccount.Principal{UserID: id, Scopes: defaultScopes, FirstParty: true}}
		ctx := context.Background()
		wantCode := func(t *testing.T, err error, status int, code account.Code) {
			t.Helper()
			var apiErr *account.Error
			if !errors.As(err, &apiErr) || apiErr.Status != status || apiErr.Code != code {
				t.Fatalf("error %v, want %d %s", err, status, code)
			}
		}

		t.Run("150 no storage: storage.not_configured, after the content check", func(t *testing.T) {
			// e's service has no BlobStore.
			_, err := e.svc.Account.UploadAvatar(ctx, caller, myaccount.AvatarInput{Filename: "a.png", File: bytes.NewReader(pngBytes(t))})
			wantCode(t, err, 400, account.CodeStorageNotConfigured)
			_, err = e.svc.Account.UploadAvatar(ctx, caller, myaccount.AvatarInput{Filename: "a.png", File: strings.NewReader("nope")})
			wantCode(t, err, 400, account.CodeMimeTypeNotAllowed)
			e := e.sub(t)
			e.upload(e.token(id, defaultScopes...), "a.png", "image/png", pngBytes(t)).wantError(400, "storage.not_configured")
		})

		blobs := &recordingBlobs{}
		svc, err := myaccount.New(myaccount.Config{Store: e.store, Clock: e.clock.Now, Avatars: blobs, MaxAvatarBytes: 1 << 10})
		if err != nil {
			t.Fatal(err)
		}
		t.Run("the key and the content type", func(t *testing.T) {
			for name, want := range map[string]string{
				"a\x00b.png":        "a_b.gif",
				"x/../../y\x00.gif": "y.gif",
				"":                  "avatar.gif",
				"\xff\xfe.gif":      "avatar.gif",
				"a b\tc\nd.GIF":     "a_b_c_d.gif",
			} {
				v, err := svc.Account.UploadAvatar(ctx, caller, myaccount.AvatarInput{Filename: name, File: bytes.NewReader(gifBytes(t))})
				if err != nil {
					t.Fatalf("%q: %v", name, err)
				}
				key := blobs.keys[len(blobs.keys)-1]
				if !regexp.MustCompile("^"+regexp.QuoteMeta(id+"/2026/11/22/")+"[A-Za-z0-9_-]{8}-"+regexp.QuoteMeta(want)+"$").MatchString(key) ||
					v.URL != "https://cdn.example.com/"+key || blobs.types[len(blobs.types)-1] != "image/gif" {
					t.Errorf("%q: key %s, url %s, type %s; want name %s", name, key, v.URL, blobs.types[len(blobs.types)-1], want)
				}
			}
			if blobs.keys[0] == blobs.keys[1] {
				t.Fatal("two uploads got one key")
			}
		})
		t.Run("a storage failure: 500 storage.upload_error", func(t *testing.T) {
			blobs.mu.Lock()
			blobs.fail = errors.New("bucket on fire")
			blobs.mu.Unlock()
			_, err := svc.Account.UploadAvatar(ctx, caller, myaccount.AvatarInput{Filename: "a.png", File: bytes.NewReader(pngBytes(t))})
			wantCode(t, err, 500, account.CodeStorageUploadError)
		})
		t.Run("a reader past the limit is read only to limit+1", func(t *testing.T) {
			r := &endlessUpload{}
			_, err := svc.Account.UploadAvatar(ctx, caller, myaccount.AvatarInput{Filename: "a.png", File: r})
			wantCode(t, err, 400, account.CodeFileSizeExceeded)
			if r.n > 64<<10 {
				t.Fatalf("read %d bytes", r.n)
			}
		})
		t.Run("a user that no longer exists", func(t *testing.T) {
			ghost := myaccount.Caller{Principal: myaccount.Principal{UserID: "ghost", Scopes: defaultScopes, FirstParty: true}}
			_, err := svc.Account.UploadAvatar(ctx, ghost, myaccount.AvatarInput{Filename: "a.png", File: bytes.NewReader(pngBytes(t))})
			wantCode(t, err, 401, account.CodeUnauthorized)
		})
	})
}
