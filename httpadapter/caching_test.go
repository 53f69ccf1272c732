package httpadapter_test

import (
	"testing"

	"github.com/myaccount-go/myaccount"
)

// Issue 14 item 11: no cache keeps an answer that carries a secret. Every
// answer to a caller says Cache-Control: no-store (the contract checks it
// on every success of every test, too); the secrets' routes are checked
// here by name, with their errors, and the public well-known answer keeps
// its caching.
func TestSecretsAreNotCached(t *testing.T) {
	eachStoreEnv(t, func(t *testing.T, store myaccount.Store) *env {
		return newSignInEnv(t, store, withSocial(t)...).env
	}, func(t *testing.T, e *env) {
		e.enableAll()
		const pw = "pass-word-1"
		id := e.user(myaccount.CreateUserInput{Username: "cache", Password: pw})
		tok := e.token(id, allScopes...)
		noStore := func(what string, r *resp) *resp {
			t.Helper()
			if got := r.header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s: Cache-Control %q, want no-store", what, got)
			}
			return r
		}

		gen := noStore("TOTP secret and QR code", e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200))
		if gen.str("secret") == "" || gen.str("qrCode") == "" {
			t.Fatalf("generate: %s", gen.raw)
		}
		e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": gen.str("secret")}).want(204)
		codes := noStore("new backup codes", e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200)).json["codes"]
		e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).want(204)
		noStore("backup codes", e.call("GET", "/api/my-account/mfa-verifications/backup-codes", tok, e.pwRecord(tok, pw), nil).want(200))

		rec := e.socialRecord(tok, "mock-social", map[string]any{"userId": "social-cache", "tokenResponse": map[string]any{"access_token": "at-secret"}})
		e.call("POST", "/api/my-account/identities", tok, e.pwRecord(tok, pw), map[string]any{"newIdentifierVerificationRecordId": rec}).want(204)
		noStore("social access token", e.call("GET", "/api/my-account/identities/mock-social/access-token", tok, nil, nil).want(200))
		newer := e.socialRecord(tok, "mock-social", map[string]any{"userId": "social-cache", "tokenResponse": map[string]any{"access_token": "at-newer"}})
		noStore("updated social access token", e.call("PUT", "/api/my-account/identities/mock-social/access-token", tok, nil, map[string]any{"verificationRecordId": newer}).want(200))

		pat := noStore("personal access token", e.admin("POST", patPath(id), map[string]any{"name": "ci"}).want(201))
		if pat.str("value") == "" {
			t.Fatalf("personal access token: %s", pat.raw)
		}
		noStore("personal access tokens", e.admin("GET", patPath(id), nil).want(200))
		other := e.user(myaccount.CreateUserInput{Username: "cache2"})
		noStore("a TOTP secret made by the administrator", e.admin("POST", "/api/users/"+other+"/mfa-verifications", map[string]any{"type": "Totp"}).want(200))
		noStore("backup codes made by the administrator", e.admin("POST", "/api/users/"+other+"/mfa-verifications", map[string]any{"type": "BackupCode"}).want(200))

		// A class, not a list: errors, other routes, the sign-in checks.
		noStore("account", e.call("GET", "/api/my-account", tok, nil, nil).want(200))
		noStore("an authentication failure", e.call("GET", "/api/my-account/mfa-verifications/backup-codes", "", nil, nil).want(401))
		noStore("an admin failure", e.do(req{method: "GET", path: patPath(id), token: "wrong"}).want(401))
		noStore("a sign-in check", e.do(req{method: "POST", path: "/api/sign-in/password", body: map[string]any{"identifier": map[string]any{"type": "username", "value": "cache"}, "password": pw}}).want(204))

		// The public settings keep their ETag and may be cached.
		wk := e.do(req{method: "GET", path: "/api/.well-known/account-center"}).want(200)
		if cc := wk.header.Get("Cache-Control"); cc != "" {
			t.Errorf("well-known account center: Cache-Control %q, want none", cc)
		}
		e.do(req{method: "GET", path: "/api/.well-known/account-center", header: map[string]string{"If-None-Match": wk.header.Get("ETag")}}).want(304)
	})
}
