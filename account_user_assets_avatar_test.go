package myaccount_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/blob/localdir"
)

// acctImages are the smallest files each accepted format's check passes,
// with the extension they are stored under.
func acctImages() map[string][]byte {
	png := append([]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, make([]byte, 13)...)
	png = append(png, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82)
	webp := append([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "), make([]byte, 12)...)
	binary.LittleEndian.PutUint32(webp[4:8], uint32(len(webp)-8))
	bmp := append([]byte("BM\x00\x00\x00\x00"), make([]byte, 26)...)
	binary.LittleEndian.PutUint32(bmp[2:6], uint32(len(bmp)))
	return map[string][]byte{
		"png":  png,
		"jpg":  {0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9},
		"gif":  append([]byte("GIF89a"), 1, 0, 1, 0, 0, 0, 0, 0x3b),
		"webp": webp,
		"bmp":  bmp,
	}
}

// acctAvatarEnv is an env whose avatars go to a directory of the test.
func acctAvatarEnv(t *testing.T, change ...func(*myaccount.Config)) (*acctEnv, string) {
	dir := t.TempDir()
	d, err := localdir.New(dir, "https://cdn.example/avatars")
	if err != nil {
		t.Fatal(err)
	}
	return newAcctEnv(t, append([]func(*myaccount.Config){func(c *myaccount.Config) { c.Avatars = d }}, change...)...), dir
}

// acctFailingBlobs refuses every upload.
type acctFailingBlobs struct{}

func (acctFailingBlobs) Put(context.Context, string, string, io.Reader, int64) (string, error) {
	return "", errors.New("bucket gone")
}

func TestUploadAvatar(t *testing.T) {
	t.Run("checks in order: body, profile scope (401), first party, avatar field, size, content", func(t *testing.T) {
		e, _ := acctAvatarEnv(t, func(c *myaccount.Config) { c.MaxAvatarBytes = 64 })
		full := e.member(acctWithPassword("pictured"))
		c := acctThirdParty(acctWithout(full, myaccount.ScopeProfile))
		e.setField(account.FieldAvatar, account.ReadOnly)
		in := myaccount.AvatarInput{Filename: "me.png"}
		err := acctInOrder(t, func() error { _, err := e.svc.Account.UploadAvatar(e.ctx, c, in); return err },
			acctStep{"no file", 400, account.CodeGuardInvalidInput, func() { in.File = bytes.NewReader(make([]byte, 65)) }},
			acctStep{"no profile scope", 401, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
			acctStep{"field ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldAvatar, account.Edit) }},
			acctStep{"too large", 400, account.CodeFileSizeExceeded, func() { in.File = strings.NewReader(`<svg xmlns="http://www.w3.org/2000/svg"/>`) }},
			acctStep{"SVG", 400, account.CodeMimeTypeNotAllowed, func() { in.File = bytes.NewReader(acctImages()["png"]) }},
		)
		if err != nil {
			t.Fatalf("upload: %v", err)
		}
	})

	t.Run("each accepted format is stored under the user, the day and a sanitized name with its own extension", func(t *testing.T) {
		e, dir := acctAvatarEnv(t)
		c := e.member(acctWithPassword("formats"))
		for ext, content := range acctImages() {
			v, err := e.svc.Account.UploadAvatar(e.ctx, c, myaccount.AvatarInput{Filename: "../../etc/pass wd.html", File: bytes.NewReader(content)})
			if err != nil {
				t.Fatalf("%s: %v", ext, err)
			}
			prefix := "https://cdn.example/avatars/" + c.UserID + "/2026/01/02/"
			name := strings.TrimPrefix(v.URL, prefix)
			if name == v.URL || len(name) != len("12345678-pass_wd.")+len(ext) || !strings.HasSuffix(name, "-pass_wd."+ext) {
				t.Fatalf("%s: URL %s", ext, v.URL)
			}
			stored, err := os.ReadFile(filepath.Join(dir, c.UserID, "2026", "01", "02", name))
			if err != nil || !bytes.Equal(stored, content) {
				t.Fatalf("%s: stored %d bytes, %v", ext, len(stored), err)
			}
		}
		if v := e.view(c); v.Avatar != nil {
			t.Fatalf("the upload changed the avatar: %v", *v.Avatar)
		}
	})

	t.Run("a name with nothing left is avatar; a large file passes through a temporary file", func(t *testing.T) {
		e, _ := acctAvatarEnv(t)
		c := e.member(acctWithPassword("bigger"))
		big := acctImages()["png"]
		big = append(append(big[:len(big)-12:len(big)-12], make([]byte, 1<<20)...), big[len(big)-12:]...)
		v, err := e.svc.Account.UploadAvatar(e.ctx, c, myaccount.AvatarInput{Filename: "...", File: bytes.NewReader(big)})
		if err != nil || !strings.HasSuffix(v.URL, "-avatar.png") {
			t.Fatalf("upload: %v, %+v", err, v)
		}
	})

	t.Run("content that only claims to be an image is refused", func(t *testing.T) {
		e, _ := acctAvatarEnv(t)
		c := e.member(acctWithPassword("liar"))
		png := acctImages()["png"]
		for name, content := range map[string][]byte{
			"empty":            {},
			"text":             []byte("hello, world"),
			"png without end":  png[:len(png)-12],
			"jpeg without end": {0xff, 0xd8, 0xff, 0xe0, 0, 0},
		} {
			_, err := e.svc.Account.UploadAvatar(e.ctx, c, myaccount.AvatarInput{Filename: "a.png", File: bytes.NewReader(content)})
			wantCode(t, name, err, 400, account.CodeMimeTypeNotAllowed)
		}
	})

	t.Run("no storage is 400 storage.not_configured; a failing store is 500 storage.upload_error", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(acctWithPassword("nowhere"))
		_, err := e.svc.Account.UploadAvatar(e.ctx, c, myaccount.AvatarInput{File: bytes.NewReader(acctImages()["gif"])})
		wantCode(t, "no storage", err, 400, account.CodeStorageNotConfigured)

		e = newAcctEnv(t, func(c *myaccount.Config) {
			c.Avatars = acctFailingBlobs{}
			c.Logger = slog.New(slog.DiscardHandler)
		})
		c = e.member(acctWithPassword("failing"))
		_, err = e.svc.Account.UploadAvatar(e.ctx, c, myaccount.AvatarInput{File: bytes.NewReader(acctImages()["gif"])})
		wantCode(t, "failing store", err, 500, account.CodeStorageUploadError)
	})
}
