package httpadapter_test

import (
	"testing"

	"github.com/descope/virtualwebauthn"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
)

// Behind a proxy the request's scheme and Host are the proxy's hop: with
// WithPublicOrigin the passkey ceremonies use the origin the browser
// sees.
func TestPublicOriginIsTheRelyingParty(t *testing.T) {
	const public = "https://accounts.example"
	e := newEnvWith(t, newMemoryStore(), envSetup{opts: []httpadapter.Option{httpadapter.WithPublicOrigin(public + "/")}}, withMFA(t))
	e.enableAll()
	id := e.user(myaccount.CreateUserInput{Username: "proxied", Password: "pass-word-1"})
	tok := e.token(id, "openid", "profile", "identities")

	start := func() (string, any) {
		r := e.call("POST", "/api/verifications/web-authn/registration", tok, nil, nil).want(200)
		o := r.json["registrationOptions"].(map[string]any)
		if rp := o["rp"].(map[string]any); rp["id"] != "accounts.example" {
			t.Fatalf("rp = %v, want the public host name", rp)
		}
		return r.str("verificationRecordId"), r.json["registrationOptions"]
	}
	p := newPasskey(e, id, public)
	p.rp = virtualwebauthn.RelyingParty{ID: "accounts.example", Name: "accounts.example", Origin: public}
	rec, options := start()
	e.call("POST", "/api/verifications/web-authn/registration/verify", tok, nil,
		map[string]any{"verificationRecordId": rec, "payload": p.attest(t, options)}).want(200)

	// The hop's own origin is not the relying party's.
	hop := newPasskey(e, id, "http://127.0.0.1:"+e.port())
	hop.rp.ID = "accounts.example"
	rec, options = start()
	e.call("POST", "/api/verifications/web-authn/registration/verify", tok, nil,
		map[string]any{"verificationRecordId": rec, "payload": hop.attest(t, options)}).wantError(400, "session.mfa.webauthn_verification_failed")
}

func TestPublicOriginMustBeAnOrigin(t *testing.T) {
	for _, bad := range []string{"accounts.example", "ftp://accounts.example", "https://accounts.example/app", "https://", "https://a.example?x=1"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("WithPublicOrigin(%q) did not panic", bad)
				}
			}()
			httpadapter.WithPublicOrigin(bad)
		}()
	}
}
