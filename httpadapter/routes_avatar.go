package httpadapter

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/internal/adapter"
)

// multipartOverhead is what an avatar upload's body may hold beside the
// file's bytes: boundaries, part headers, small fields.
const multipartOverhead = 64 << 10

// uploadAvatar serves POST /api/my-account/user-assets/avatar:
// a multipart/form-data body whose first file part named "file" is the
// avatar. The body is streamed, never held whole: it is cut off at the
// service's MaxAvatarBytes plus multipartOverhead, the parts before the
// file are skipped, and the file part goes to the use case as a reader, so
// the scope, first-party and field checks run before its bytes are read.
func (h *Handler) uploadAvatar(c *call) (*myaccount.AvatarView, error) {
	mediaType, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" || params["boundary"] == "" {
		return h.refusedUpload(c, errInvalidInput)
	}
	body := http.MaxBytesReader(nil, c.r.Body, adapter.MaxAvatarBytes(h.svc.Account)+multipartOverhead)
	mr := multipart.NewReader(body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			// io.EOF: no file part at all.
			return h.refusedUpload(c, multipartError(err))
		}
		filename, isFile := fileOf(part)
		if part.FormName() != "file" || !isFile {
			if _, err := io.Copy(io.Discard, part); err != nil {
				return h.refusedUpload(c, multipartError(err))
			}
			continue
		}
		return h.svc.Account.UploadAvatar(c.r.Context(), c.caller, myaccount.AvatarInput{Filename: filename, File: partReader{part}})
	}
}

// fileOf returns the part's file name as the client sent it (the
// use case sanitizes it), and whether the part is a file at all: one
// whose Content-Disposition has a filename parameter.
func fileOf(p *multipart.Part) (string, bool) {
	_, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	if err != nil {
		return "", false
	}
	name, ok := params["filename"]
	return name, ok
}

// multipartError is the answer to a body that failed before the file
// part: too large, or not a multipart body with a file.
func multipartError(err error) error {
	if errors.As(err, new(*http.MaxBytesError)) {
		return myaccount.ErrFileSizeExceeded
	}
	return errInvalidInput
}

// refusedUpload hands the use case the body's error, which it answers
// after its gate (the gate comes first).
func (h *Handler) refusedUpload(c *call, err error) (*myaccount.AvatarView, error) {
	c.refuse(err)
	return h.svc.Account.UploadAvatar(c.r.Context(), c.caller, myaccount.AvatarInput{})
}

// partReader reads the file part, turning the body limit into
// guard.file_size_exceeded and a body that breaks off into
// guard.invalid_input.
type partReader struct{ p *multipart.Part }

func (r partReader) Read(b []byte) (int, error) {
	n, err := r.p.Read(b)
	switch {
	case err == nil, errors.Is(err, io.EOF):
		return n, err
	case errors.As(err, new(*http.MaxBytesError)):
		return n, myaccount.ErrFileSizeExceeded
	}
	return n, errInvalidInput
}
