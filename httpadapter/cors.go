package httpadapter

import (
	"net/http"
	"slices"
	"strings"
)

// corsPath reports whether path is one of the routes any origin may call:
// the Account and Verification APIs.
func corsPath(path string) bool {
	return strings.HasPrefix(path, "/api/my-account") || strings.HasPrefix(path, "/api/verifications")
}

// WithCORSOrigins limits CORS to a list of origins, each as a browser
// sends it in Origin ("https://app.example.com", with a port when it is
// not the scheme's default): only they, and the server's own origin, get
// Access-Control-Allow-Origin. Without it any origin is allowed, as in
// Logto: right for bearer tokens, which a page of another site
// does not hold. A host that authenticates by cookie lists its origins here
// and turns on WithCSRFProtection.
func WithCORSOrigins(origins ...string) Option {
	list := make([]string, len(origins))
	for i, o := range origins {
		list[i] = normalOrigin(o)
	}
	return func(o *options) { o.corsOrigins = list }
}

// normalOrigin is an origin as browsers serialize it: lower case, no
// trailing slash.
func normalOrigin(origin string) string { return strings.ToLower(strings.TrimSuffix(origin, "/")) }

// corsAllows reports whether origin may read answers: any origin without
// an allow-list, else a listed one or the server's own.
func (o *options) corsAllows(r *http.Request, origin string) bool {
	if o.corsOrigins == nil {
		return true
	}
	origin = normalOrigin(origin)
	return slices.Contains(o.corsOrigins, origin) || origin == normalOrigin(o.ownOrigin(r))
}

// cors sets the CORS headers: an allowed origin is echoed
// (any origin unless WithCORSOrigins lists them; * without an Origin
// header and without a list) and every header is exposed. Tokens travel in
// the Authorization header, never in cookies, so no credentials mode is
// needed. It answers a preflight itself and reports that it did; a
// preflight from an origin that is not allowed gets no CORS headers, so
// the browser stops there.
func (o *options) cors(w http.ResponseWriter, r *http.Request) bool {
	h := w.Header()
	origin := r.Header.Get("Origin")
	allowed := o.corsAllows(r, origin)
	switch {
	case o.corsOrigins != nil:
		h.Add("Vary", "Origin")
		if origin != "" && allowed {
			h.Set("Access-Control-Allow-Origin", origin)
		}
	case origin == "":
		h.Set("Access-Control-Allow-Origin", "*")
	default:
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
	}
	if allowed {
		h.Set("Access-Control-Expose-Headers", "*")
	}
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		return false
	}
	if allowed {
		h.Set("Access-Control-Allow-Methods", "GET,HEAD,PUT,POST,DELETE,PATCH")
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			h.Set("Access-Control-Allow-Headers", req)
			h.Add("Vary", "Access-Control-Request-Headers")
		}
		h.Set("Access-Control-Max-Age", "600")
	}
	w.WriteHeader(http.StatusNoContent)
	return true
}
