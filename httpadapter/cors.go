package httpadapter

import (
	"net/http"
	"strings"
)

// corsPath reports whether path is one of the routes any origin may call
// (spec §1.1): the Account and Verification APIs.
func corsPath(path string) bool {
	return strings.HasPrefix(path, "/api/my-account") || strings.HasPrefix(path, "/api/verifications")
}

// cors sets the CORS headers of spec §1.1: any origin is allowed (echoed, or
// * without an Origin header) and every header is exposed. Tokens travel in
// the Authorization header, never in cookies, so no credentials mode is
// needed. It answers a preflight itself and reports that it did.
func cors(w http.ResponseWriter, r *http.Request) bool {
	h := w.Header()
	origin := r.Header.Get("Origin")
	if origin == "" {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
	}
	h.Set("Access-Control-Expose-Headers", "*")
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		return false
	}
	h.Set("Access-Control-Allow-Methods", "GET,HEAD,PUT,POST,DELETE,PATCH")
	if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
		h.Set("Access-Control-Allow-Headers", req)
		h.Add("Vary", "Access-Control-Request-Headers")
	}
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}
