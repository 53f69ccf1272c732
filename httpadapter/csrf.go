package httpadapter

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/myaccount-go/myaccount/account"
)

// WithCSRFProtection turns on the guard against cross-site request forgery
// for the handler's state-changing requests (every method but GET, HEAD
// and OPTIONS). A host that authenticates by cookie (an AuthenticatorFunc
// over its session, or SignInHooks reading the login session) must turn it
// on: the browser attaches the cookie to requests that other sites' pages
// make. Bearer tokens need no guard: a page of another site does not hold
// them.
//
// A state-changing request is refused with 403 request.cross_site_forbidden
// when
//
//   - the browser says it is not same-origin (Sec-Fetch-Site other than
//     same-origin or none), or, from a browser that does not send
//     Sec-Fetch-Site, its Origin (else its Referer) is not the server's own
//     host,
//
// unless that origin is one of trustedOrigins ("https://app.example.com":
// the host's own pages on another origin); or when
//
//   - it has a body not declared application/json (or another +json type):
//     text/plain and the form types are what a page of another site can
//     send without a CORS preflight. multipart/form-data passes for the
//     avatar upload, which reads nothing else; a JSON route refuses it as
//     invalid input.
//
// Requests with neither Sec-Fetch-Site, Origin nor Referer come from no
// browser and pass. It panics when an origin is not scheme://host[:port],
// as a mistyped origin would quietly refuse the host's own pages.
func WithCSRFProtection(trustedOrigins ...string) Option {
	g := &csrfGuard{cop: http.NewCrossOriginProtection(), trusted: map[string]bool{}}
	for _, origin := range trustedOrigins {
		if err := g.cop.AddTrustedOrigin(origin); err != nil {
			panic(fmt.Sprintf("httpadapter.WithCSRFProtection: %v", err))
		}
		g.trusted[normalOrigin(origin)] = true
	}
	return func(o *options) { o.csrf = g }
}

// csrfGuard is the guard WithCSRFProtection configures. The Sec-Fetch-Site
// and Origin checks are net/http's CrossOriginProtection.
type csrfGuard struct {
	cop     *http.CrossOriginProtection
	trusted map[string]bool // normalOrigin of each trusted origin
}

var errCrossSite = account.NewError(http.StatusForbidden, account.CodeCrossSiteForbidden)

// check returns errCrossSite when r must be refused.
func (g *csrfGuard) check(r *http.Request) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	if err := g.cop.Check(r); err != nil {
		return errCrossSite
	}
	if r.Header.Get("Sec-Fetch-Site") == "" && r.Header.Get("Origin") == "" {
		if ref := r.Header.Get("Referer"); ref != "" && !g.sameOrTrusted(r, ref) {
			return errCrossSite
		}
	}
	if hasBody(r) && !jsonOrUpload(r.Header.Get("Content-Type")) {
		return errCrossSite
	}
	return nil
}

// sameOrTrusted reports whether a Referer is a page of the server's own
// host or of a trusted origin.
func (g *csrfGuard) sameOrTrusted(r *http.Request, referer string) bool {
	u, err := url.Parse(referer)
	if err != nil || u.Host == "" {
		return false
	}
	return strings.EqualFold(u.Host, r.Host) || g.trusted[normalOrigin(u.Scheme+"://"+u.Host)]
}

// hasBody reports whether r carries a body (a chunked one counts).
func hasBody(r *http.Request) bool {
	return r.ContentLength != 0 && r.Body != nil && r.Body != http.NoBody
}

// jsonOrUpload reports whether a Content-Type is JSON, or the avatar
// upload's multipart/form-data.
func jsonOrUpload(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mediaType == "application/json" || strings.HasSuffix(mediaType, "+json") && strings.HasPrefix(mediaType, "application/") ||
		mediaType == "multipart/form-data"
}

// refuseCrossSite answers a request the guard refuses and reports that it
// did; without the guard it lets everything through.
func (o *options) refuseCrossSite(w http.ResponseWriter, r *http.Request) bool {
	if o.csrf == nil {
		return false
	}
	if err := o.csrf.check(r); err != nil {
		writeError(w, r, o.logger, err)
		return true
	}
	return false
}
