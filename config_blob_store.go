package myaccount

import (
	"context"
	"io"
)

// BlobStore keeps uploaded files and says where they are served. blob/localdir
// is one for a local directory; an app puts S3, GCS or its CDN behind it.
type BlobStore interface {
	// Put stores size bytes read from r under key, a relative path of
	// segments made of ASCII letters, digits, '.', '-' and '_' (never "."
	// or ".."), and returns the URL the file is served at. contentType is
	// the sniffed type of the content (image/png, ...).
	Put(ctx context.Context, key, contentType string, r io.Reader, size int64) (url string, err error)
}
