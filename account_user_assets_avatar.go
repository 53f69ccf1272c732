package myaccount

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/myaccount-go/myaccount/account"
)

// DefaultMaxAvatarBytes is the default bound of an avatar upload: 20 MiB.
const DefaultMaxAvatarBytes = 20 << 20

// AvatarInput is an avatar upload.
type AvatarInput struct {
	// Filename is the name the client gave the file. Only a sanitized form
	// of it is kept, with the extension of the sniffed type.
	Filename string
	// File is the content: read up to MaxAvatarBytes+1 bytes, never more.
	File io.Reader
}

// AvatarView is the answer of an upload: where the file is served. The
// user's avatar is not changed; the client sets it with PATCH
// /api/my-account.
type AvatarView struct {
	URL string `json:"url"`
}

// UploadAvatar answers POST /api/my-account/user-assets/avatar: checks in Logto's order (profile scope 401, first party,
// avatar field Edit, size, content), then stores the image in
// Config.Avatars under <userId>/<yyyy/MM/dd>/<8-char id>-<filename>. The
// declared type of the file is ignored: only JPEG, PNG, GIF, WebP and BMP
// content with a valid end pass; SVG never does.
func (s *Account) UploadAvatar(ctx context.Context, c Caller, in AvatarInput) (*AvatarView, error) {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return nil, err
	}
	if in.File == nil {
		return nil, ErrInvalidInput
	}
	if err := requireScope(c, ScopeProfile, http.StatusUnauthorized); err != nil {
		return nil, err
	}
	if err := requireFirstParty(c); err != nil {
		return nil, err
	}
	if err := requireEdit(center.Mode(account.FieldAvatar)); err != nil {
		return nil, err
	}
	up, err := readUpload(in.File, s.cfg.MaxAvatarBytes)
	if err != nil {
		return nil, err
	}
	defer up.close()
	format, ok := sniffImage(up, up.size)
	if !ok {
		return nil, ErrMimeTypeNotAllowed
	}
	if s.cfg.Avatars == nil {
		return nil, ErrStorageNotConfigured
	}
	id, err := s.shortID(8)
	if err != nil {
		return nil, err
	}
	key := avatarKey(c.UserID, s.now(), id, in.Filename, format.ext)
	url, err := s.cfg.Avatars.Put(ctx, key, format.contentType, up.reader(), up.size)
	if err != nil {
		s.cfg.Logger.ErrorContext(ctx, "myaccount: storing an avatar failed", "key", key, "error", err)
		return nil, ErrStorageUpload
	}
	return &AvatarView{URL: url}, nil
}

// shortID makes an id of n characters of the id alphabet.
func (s *core) shortID(n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(s.cfg.Random, b); err != nil {
		return "", fmt.Errorf("random source: %w", err)
	}
	for i := range b {
		b[i] = idAlphabet[b[i]&63]
	}
	return string(b), nil
}

// maxFileNameStem bounds the sanitized name's stem, in bytes.
const maxFileNameStem = 64

// avatarKey is <userId>/<yyyy/MM/dd>/<id>-<sanitized filename>.
func avatarKey(userID string, at time.Time, id, filename, ext string) string {
	return strings.Join([]string{
		idSegment(userID),
		at.UTC().Format("2006/01/02"),
		id + "-" + sanitizeFileName(filename, ext),
	}, "/")
}

// sanitizeFileName keeps the last path element of name (either slash),
// replaces every character but ASCII letters, digits, '-' and '_' with
// '_', bounds its length and gives it the extension ext, whatever the
// client named it: "../../etc/passwd" becomes "passwd.png", "a.html"
// becomes "a.png", and a name with nothing left becomes "avatar.png".
func sanitizeFileName(name, ext string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	return safeSegment(name, "avatar") + "." + ext
}

// safeSegment is s with every run of characters outside [A-Za-z0-9_-]
// replaced by one '_', trimmed of '_' at the ends and cut to
// maxFileNameStem bytes; fallback when nothing is left. Never "." or "..",
// never a '/' or a NUL.
func safeSegment(s, fallback string) string {
	var b strings.Builder
	underscore := false
runes:
	for _, r := range s {
		ok := r < utf8.RuneSelf && (r == '-' || r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z'))
		switch {
		case ok && r != '_':
			b.WriteRune(r)
			underscore = false
		case !underscore:
			b.WriteByte('_')
			underscore = true
		}
		if b.Len() >= maxFileNameStem {
			break runes
		}
	}
	out := strings.Trim(b.String(), "_")
	if len(out) > maxFileNameStem {
		out = out[:maxFileNameStem]
	}
	if out == "" {
		return fallback
	}
	return out
}

// idSegment is a user id as a path segment: ids made by NewID (letters,
// digits, '-' and '_') are kept as they are, so an avatar's path names its
// user; anything else is sanitized.
func idSegment(id string) string {
	if id == "" || len(id) > 128 || id[0] == '.' {
		return safeSegment(id, "user")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c == '-' || c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')) {
			return safeSegment(id, "user")
		}
	}
	return id
}
