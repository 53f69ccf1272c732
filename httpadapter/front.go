package httpadapter

import "net/http"

// front is what every handler of the package does before it routes a
// request: find the client address (WithClientAddress), mark a private
// handler's answers as not to be stored by any cache (the sign-in and
// administrator handlers answer nothing public), and refuse a cross-site
// request (WithCSRFProtection). It returns the request to route, and false
// when it has answered.
func (o *options) front(w http.ResponseWriter, r *http.Request, private bool) (*http.Request, bool) {
	r = o.withClientAddress(r)
	if private {
		noStore(w)
	}
	if o.refuseCrossSite(w, r) {
		return r, false
	}
	return r, true
}

// noStore forbids every cache, the browser's included, to keep the answer:
// answers to a signed-in caller carry TOTP secrets and their QR codes,
// backup codes, personal access tokens, social access tokens and personal
// data. It is set on every such answer rather than on a list of routes, so
// a new route cannot miss it.
func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }
