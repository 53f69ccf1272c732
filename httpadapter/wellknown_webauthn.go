package httpadapter

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
)

// WellKnownWebAuthn serves GET /.well-known/webauthn: the origins allowed
// to use this site's passkeys (WebAuthn Related Origin Requests), from the
// account center's webauthnRelatedOrigins. Mount it at the site root:
// mux.Handle("GET /.well-known/webauthn", httpadapter.WellKnownWebAuthn(svc)).
func WellKnownWebAuthn(svc *myaccount.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := svc.Account.CenterSettings(r.Context())
		if err != nil {
			WriteError(w, r, err)
			return
		}
		origins := c.WebAuthnRelatedOrigins
		if origins == nil {
			origins = []string{}
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		writeJSON(w, http.StatusOK, map[string][]string{"origins": origins})
	})
}
