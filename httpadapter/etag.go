package httpadapter

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
)

// etagged gives GET answers with a body an ETag (a hash of the body) and
// answers 304 when If-None-Match carries it.
func etagged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		rec := &bufferedWriter{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.status == http.StatusOK && rec.body.Len() > 0 {
			tag := etagOf(rec.body.Bytes())
			w.Header().Set("ETag", tag)
			if etagMatches(r.Header.Get("If-None-Match"), tag) {
				w.Header().Del("Content-Type")
				w.Header().Del("Content-Length")
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body.Bytes())
	})
}

// etagOf is a strong tag: body length and SHA-1, as the original's koa-etag
// makes them. SHA-1 is fine here: the tag only detects change.
func etagOf(body []byte) string {
	sum := sha1.Sum(body)
	return `"` + strconv.FormatInt(int64(len(body)), 16) + "-" + base64.RawStdEncoding.EncodeToString(sum[:]) + `"`
}

// etagMatches reports whether an If-None-Match header names tag (weak
// comparison, as RFC 9110 asks for If-None-Match).
func etagMatches(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == tag {
			return true
		}
	}
	return false
}

// bufferedWriter holds an answer until its ETag is known.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header         { return b.header }
func (b *bufferedWriter) WriteHeader(status int)      { b.status = status }
func (b *bufferedWriter) Write(p []byte) (int, error) { return b.body.Write(p) }
