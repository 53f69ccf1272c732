package httpadapter_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descope/virtualwebauthn"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/mfa"
)

// signInEnv mounts the sign-in handler on e's server, with the pending user
// taken from a test header (standing in for the host's login session).
type signInEnv struct {
	*env
	mu       sync.Mutex
	signedIn []string // "userID method"
}

const pendingHeader = "X-Test-Pending-User"

func newSignInEnv(t testing.TB, store myaccount.Store, change ...func(*myaccount.Config)) *signInEnv {
	e := newEnv(t, store, change...)
	s := &signInEnv{env: e}
	h := mustHandler(t)(httpadapter.NewSignInHandler(e.svc, httpadapter.SignInHooks{
		PendingUser: func(r *http.Request) (string, error) { return r.Header.Get(pendingHeader), nil },
		SignedIn: func(_ http.ResponseWriter, _ *http.Request, userID, method string) error {
			s.mu.Lock()
			s.signedIn = append(s.signedIn, userID+" "+method)
			s.mu.Unlock()
			return nil
		},
	}))
	e.mux.Handle("/api/sign-in/", h)
	return s
}

// passkey is a software authenticator and one credential on it.
type passkey struct {
	rp   virtualwebauthn.RelyingParty
	auth virtualwebauthn.Authenticator
	cred virtualwebauthn.Credential
}

func newPasskey(e *env, userID, origin string) *passkey {
	if origin == "" {
		origin = "http://localhost:" + e.port()
	}
	return &passkey{
		rp:   virtualwebauthn.RelyingParty{ID: "localhost", Name: "localhost", Origin: origin},
		auth: virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{UserHandle: []byte(userID)}),
		// RSA: virtualwebauthn drops leading zero bytes of EC coordinates,
		// which go-webauthn refuses for about one key in 128.
		cred: virtualwebauthn.NewCredential(virtualwebauthn.KeyTypeRSA),
	}
}

// attest answers registration options as a browser would.
func (p *passkey) attest(t testing.TB, options any) json.RawMessage {
	t.Helper()
	raw, _ := json.Marshal(options)
	opts, err := virtualwebauthn.ParseAttestationOptions(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	return json.RawMessage(virtualwebauthn.CreateAttestationResponse(p.rp, p.auth, p.cred, *opts))
}

// assert answers sign-in options, with the counter at count.
func (p *passkey) assert(t testing.TB, options any, count uint32) json.RawMessage {
	t.Helper()
	raw, _ := json.Marshal(options)
	opts, err := virtualwebauthn.ParseAssertionOptions(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	p.cred.Counter = count
	return json.RawMessage(virtualwebauthn.CreateAssertionResponse(p.rp, p.auth, p.cred, *opts))
}

// register runs the registration ceremony over HTTP and returns the
// verified record id.
func (s *signInEnv) register(t testing.TB, tok string, p *passkey) string {
	t.Helper()
	r := s.do(req{method: "POST", path: "/api/verifications/web-authn/registration", token: tok, host: "localhost"}).want(200)
	rec := r.str("verificationRecordId")
	s.do(req{method: "POST", path: "/api/verifications/web-authn/registration/verify", token: tok, host: "localhost",
		body: map[string]any{"verificationRecordId": rec, "payload": p.attest(t, r.json["registrationOptions"])}}).want(200)
	return rec
}

// (WebAuthn),
// 151-154, and the passkey sign-in: a software authenticator over HTTP.
func TestWebAuthnScenarios(t *testing.T) {
	for _, k := range testdb.Kinds {
		t.Run("store="+k.Name, func(t *testing.T) {
			s := newSignInEnv(t, k.New(t), withMFA(t))
			s.enableAll()
			const pw = "pass-word-1"
			id := s.user(myaccount.CreateUserInput{Username: "wa", Password: pw})
			tok := s.token(id, "openid", "profile", "identities")

			t.Run("76 options name the request host and the user", func(t *testing.T) {
				r := s.do(req{method: "POST", path: "/api/verifications/web-authn/registration", token: tok, host: "localhost"}).want(200)
				o := r.json["registrationOptions"].(map[string]any)
				if o["rp"].(map[string]any)["name"] != "localhost" || o["rp"].(map[string]any)["id"] != "localhost" || o["user"].(map[string]any)["displayName"] != "wa" {
					t.Fatalf("options: %s", r.raw)
				}
				if _, ok := r.json["expiresAt"].(string); !ok {
					t.Fatalf("expiresAt: %s", r.raw)
				}
			})
			t.Run("77 a fabricated or foreign attestation is refused", func(t *testing.T) {
				r := s.do(req{method: "POST", path: "/api/verifications/web-authn/registration", token: tok, host: "localhost"}).want(200)
				rec := r.str("verificationRecordId")
				s.do(req{method: "POST", path: "/api/verifications/web-authn/registration/verify", token: tok, host: "localhost",
					body: map[string]any{"verificationRecordId": rec, "payload": map[string]any{"type": "WebAuthn", "id": "x", "rawId": "x", "response": map[string]any{"clientDataJSON": "e30", "attestationObject": "oA"}, "clientExtensionResults": map[string]any{}}}}).wantError(400, "session.mfa.webauthn_verification_failed")
				// The session went with the first try: a second one finds none.
				p := newPasskey(s.env, id, "")
				s.do(req{method: "POST", path: "/api/verifications/web-authn/registration/verify", token: tok, host: "localhost",
					body: map[string]any{"verificationRecordId": rec, "payload": p.attest(t, r.json["registrationOptions"])}}).wantError(400, "session.mfa.pending_info_not_found")

				r = s.do(req{method: "POST", path: "/api/verifications/web-authn/registration", token: tok, host: "localhost"}).want(200)
				evil := newPasskey(s.env, id, "https://evil.example.com")
				s.do(req{method: "POST", path: "/api/verifications/web-authn/registration/verify", token: tok, host: "localhost",
					body: map[string]any{"verificationRecordId": r.str("verificationRecordId"), "payload": evil.attest(t, r.json["registrationOptions"])}}).wantError(400, "session.mfa.webauthn_verification_failed")
				// An IP address cannot be a relying party.
				s.call("POST", "/api/verifications/web-authn/registration", tok, nil, nil).wantError(400, "session.mfa.webauthn_verification_failed")
			})
			t.Run("an expired record is not found", func(t *testing.T) {
				r := s.do(req{method: "POST", path: "/api/verifications/web-authn/registration", token: tok, host: "localhost"}).want(200)
				s.clock.Advance(11 * time.Minute)
				defer s.clock.Advance(-11 * time.Minute)
				p := newPasskey(s.env, id, "")
				s.do(req{method: "POST", path: "/api/verifications/web-authn/registration/verify", token: tok, host: "localhost",
					body: map[string]any{"verificationRecordId": r.str("verificationRecordId"), "payload": p.attest(t, r.json["registrationOptions"])}}).wantError(400, "verification_record.not_found")
			})
			t.Run("related origins are accepted once configured", func(t *testing.T) {
				related := newPasskey(s.env, id, "https://related.example.com")
				r := s.do(req{method: "POST", path: "/api/verifications/web-authn/registration", token: tok, host: "localhost"}).want(200)
				s.do(req{method: "POST", path: "/api/verifications/web-authn/registration/verify", token: tok, host: "localhost",
					body: map[string]any{"verificationRecordId": r.str("verificationRecordId"), "payload": related.attest(t, r.json["registrationOptions"])}}).wantError(400, "session.mfa.webauthn_verification_failed")
				s.admin("PATCH", "/api/account-center", map[string]any{"webauthnRelatedOrigins": []string{"https://related.example.com"}}).want(200)
				defer func() {
					s.admin("PATCH", "/api/account-center", map[string]any{"webauthnRelatedOrigins": []string{}}).want(200)
				}()
				s.register(t, tok, related)
				wk := s.do(req{method: "GET", path: "/.well-known/webauthn"}).want(200)
				if !strings.Contains(string(wk.raw), "https://related.example.com") {
					t.Fatalf("well-known: %s", wk.raw)
				}
			})

			p := newPasskey(s.env, id, "")
			rec := s.register(t, tok, p)
			t.Run("bind, list, rename", func(t *testing.T) {
				s.call("POST", "/api/my-account/mfa-verifications", tok, s.pwRecord(tok, pw), map[string]any{"type": "WebAuthn", "newIdentifierVerificationRecordId": rec, "name": "Laptop"}).want(204)
				// A record binds once.
				s.call("POST", "/api/my-account/mfa-verifications", tok, s.pwRecord(tok, pw), map[string]any{"type": "WebAuthn", "newIdentifierVerificationRecordId": rec}).wantError(400, "verification_record.not_found")
				var items []map[string]any
				if err := json.Unmarshal(s.call("GET", "/api/my-account/mfa-verifications", tok, nil, nil).want(200).raw, &items); err != nil {
					t.Fatal(err)
				}
				var wa map[string]any
				for _, it := range items {
					if it["type"] == "WebAuthn" && it["name"] == "Laptop" {
						wa = it
					}
				}
				if wa == nil || wa["agent"] != "Go-http-client/1.1" {
					t.Fatalf("list: %v", items)
				}
				r := s.call("PATCH", "/api/my-account/mfa-verifications/"+wa["id"].(string)+"/name", tok, s.pwRecord(tok, pw), map[string]any{"name": "Phone"}).want(200)
				if r.json["name"] != "Phone" || r.json["id"] != wa["id"] {
					t.Fatalf("rename: %s", r.raw)
				}
				s.call("PATCH", "/api/my-account/mfa-verifications/nope/name", tok, s.pwRecord(tok, pw), map[string]any{"name": "x"}).wantError(400, "verification_record.not_found")
			})
			signIn := func(t *testing.T, body map[string]any, count uint32) *resp {
				t.Helper()
				o := s.do(req{method: "POST", path: "/api/sign-in/webauthn/options", host: "localhost", header: map[string]string{pendingHeader: id}, body: body}).want(200)
				return s.do(req{method: "POST", path: "/api/sign-in/webauthn/verify", host: "localhost",
					body: map[string]any{"ceremonyId": o.str("ceremonyId"), "response": p.assert(t, o.json["options"], count)}})
			}
			t.Run("sign in with the passkey, known user and discoverable", func(t *testing.T) {
				signIn(t, map[string]any{}, 1).want(204)
				signIn(t, map[string]any{"discoverable": true}, 2).want(204)
				s.mu.Lock()
				got := strings.Join(s.signedIn, ",")
				s.mu.Unlock()
				if got != id+" webauthn,"+id+" webauthn" {
					t.Fatalf("signed in: %s", got)
				}
				// A counter that does not move forward looks like a clone.
				signIn(t, map[string]any{}, 2).wantError(400, "session.mfa.webauthn_verification_failed")
			})
			t.Run("an assertion is used once", func(t *testing.T) {
				o := s.do(req{method: "POST", path: "/api/sign-in/webauthn/options", host: "localhost", header: map[string]string{pendingHeader: id}, body: map[string]any{}}).want(200)
				body := map[string]any{"ceremonyId": o.str("ceremonyId"), "response": p.assert(t, o.json["options"], 10)}
				s.do(req{method: "POST", path: "/api/sign-in/webauthn/verify", host: "localhost", body: body}).want(204)
				s.do(req{method: "POST", path: "/api/sign-in/webauthn/verify", host: "localhost", body: body}).wantError(400, "session.mfa.pending_info_not_found")
			})
			t.Run("lastUsedAt is shown after a sign-in", func(t *testing.T) {
				var items []map[string]any
				_ = json.Unmarshal(s.call("GET", "/api/my-account/mfa-verifications", tok, nil, nil).want(200).raw, &items)
				for _, it := range items {
					if it["type"] == "WebAuthn" && it["name"] == "Phone" && it["lastUsedAt"] == nil {
						t.Fatalf("no lastUsedAt: %v", it)
					}
				}
			})
			t.Run("153-154 passkey field governs WebAuthn only", func(t *testing.T) {
				defer s.enableAll()
				var items []map[string]any
				_ = json.Unmarshal(s.call("GET", "/api/my-account/mfa-verifications", tok, nil, nil).want(200).raw, &items)
				waID := ""
				for _, it := range items {
					if it["type"] == "WebAuthn" {
						waID = it["id"].(string)
					}
				}
				s.setFields(map[string]string{"mfa": "Edit", "passkey": "ReadOnly"})
				s.call("PATCH", "/api/my-account/mfa-verifications/"+waID+"/name", tok, s.pwRecord(tok, pw), map[string]any{"name": "x"}).wantError(400, "account_center.field_not_editable")
				s.call("DELETE", "/api/my-account/mfa-verifications/"+waID, tok, s.pwRecord(tok, pw), nil).wantError(400, "account_center.field_not_editable")
				s.setFields(map[string]string{"mfa": "Off", "passkey": "Edit"})
				s.call("PATCH", "/api/my-account/mfa-verifications/"+waID+"/name", tok, s.pwRecord(tok, pw), map[string]any{"name": "y"}).want(200)
				s.call("DELETE", "/api/my-account/mfa-verifications/"+waID, tok, s.pwRecord(tok, pw), nil).want(204)
			})
		})
	}
}

// WebAuthn for passkey sign-in alone.
func TestPasskeySignInOnly(t *testing.T) {
	for _, c := range []struct {
		name          string
		passkeySignIn bool
		status        int
	}{{"151 passkey sign-in on", true, 204}, {"152 neither", false, 400}} {
		t.Run(c.name, func(t *testing.T) {
			s := newSignInEnv(t, newMemoryStore(), withMFA(t), func(cfg *myaccount.Config) {
				cfg.MFA.Factors = []mfa.FactorType{mfa.TypeTOTP}
				cfg.MFA.PasskeySignIn = c.passkeySignIn
			})
			s.enableAll()
			id := s.user(myaccount.CreateUserInput{Username: "pk", Password: "pass-word-1"})
			tok := s.token(id, "openid", "profile", "identities")
			rec := s.register(t, tok, newPasskey(s.env, id, ""))
			r := s.call("POST", "/api/my-account/mfa-verifications", tok, s.pwRecord(tok, "pass-word-1"), map[string]any{"type": "WebAuthn", "newIdentifierVerificationRecordId": rec})
			if c.status == 400 {
				r.wantError(400, "session.mfa.mfa_factor_not_enabled")
				return
			}
			r.want(204)
			u, err := s.store.GetUser(t.Context(), id)
			if err != nil || u.LogtoConfig.MFA.Enabled != nil {
				t.Fatalf("logtoConfig touched: %+v %v", u.LogtoConfig, err)
			}
		})
	}
}

// Issue 14 item 7: a passkey used as the second factor belongs to the
// pending user. Another user's passkey is refused, whether the ceremony was
// begun for that user or as discoverable, and whatever user handle the
// authenticator sends; without a pending user a passkey signs in its own
// user (passwordless).
func TestPasskeyIsThePendingUsers(t *testing.T) {
	for _, k := range testdb.Kinds {
		t.Run("store="+k.Name, func(t *testing.T) {
			s := newSignInEnv(t, k.New(t), withMFA(t))
			s.enableAll()
			const pw = "pass-word-1"
			bound := func(name string) (string, *passkey) {
				id := s.user(myaccount.CreateUserInput{Username: name, Password: pw})
				tok := s.token(id, "openid", "profile", "identities")
				p := newPasskey(s.env, id, "")
				rec := s.register(t, tok, p)
				s.call("POST", "/api/my-account/mfa-verifications", tok, s.pwRecord(tok, pw), map[string]any{"type": "WebAuthn", "newIdentifierVerificationRecordId": rec}).want(204)
				return id, p
			}
			victim, victimKey := bound("victim")
			attacker, attackerKey := bound("attacker")
			count := uint32(0)
			// signIn begins a ceremony with optionsPending as the pending
			// user, and verifies p's assertion with verifyPending.
			signIn := func(t *testing.T, optionsPending, verifyPending string, discoverable bool, p *passkey) *resp {
				t.Helper()
				o := s.do(req{method: "POST", path: "/api/sign-in/webauthn/options", host: "localhost",
					header: map[string]string{pendingHeader: optionsPending}, body: map[string]any{"discoverable": discoverable}}).want(200)
				count++
				return s.do(req{method: "POST", path: "/api/sign-in/webauthn/verify", host: "localhost", header: map[string]string{pendingHeader: verifyPending},
					body: map[string]any{"ceremonyId": o.str("ceremonyId"), "response": p.assert(t, o.json["options"], count)}})
			}
			signedIn := func() string {
				s.mu.Lock()
				defer s.mu.Unlock()
				got := strings.Join(s.signedIn, ",")
				s.signedIn = nil
				return got
			}

			t.Run("a discoverable passkey of another user is refused", func(t *testing.T) {
				signIn(t, victim, victim, true, attackerKey).wantError(400, "session.mfa.webauthn_verification_failed")
				if got := signedIn(); got != "" {
					t.Fatalf("signed in: %s", got)
				}
			})
			t.Run("a ceremony begun for another user is refused", func(t *testing.T) {
				signIn(t, attacker, victim, false, attackerKey).wantError(400, "session.mfa.webauthn_verification_failed")
				if got := signedIn(); got != "" {
					t.Fatalf("signed in: %s", got)
				}
			})
			t.Run("another user's passkey with the pending user's handle is refused", func(t *testing.T) {
				forged := *attackerKey
				forged.auth = virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{UserHandle: []byte(victim)})
				signIn(t, victim, victim, true, &forged).wantError(400, "session.mfa.webauthn_verification_failed")
				signIn(t, "", victim, true, &forged).wantError(400, "session.mfa.webauthn_verification_failed")
				if got := signedIn(); got != "" {
					t.Fatalf("signed in: %s", got)
				}
			})
			t.Run("the pending user's own passkey, discoverable or not", func(t *testing.T) {
				signIn(t, victim, victim, true, victimKey).want(204)
				signIn(t, victim, victim, false, victimKey).want(204)
				if got := signedIn(); got != victim+" webauthn,"+victim+" webauthn" {
					t.Fatalf("signed in: %s", got)
				}
			})
			t.Run("without a pending user a passkey signs in its own user", func(t *testing.T) {
				signIn(t, "", "", true, attackerKey).want(204)
				if got := signedIn(); got != attacker+" webauthn" {
					t.Fatalf("signed in: %s", got)
				}
			})
		})
	}
}

// Issue 14 item 8: a relying party the request cannot have is the client's
// doing: options made on localhost and verified on the server's IP address
// answer 400 session.mfa.webauthn_verification_failed, with the reason as
// data, for registration and for sign-in, never 500.
func TestRelyingPartyMismatchIs400(t *testing.T) {
	for _, k := range testdb.Kinds {
		t.Run("store="+k.Name, func(t *testing.T) {
			s := newSignInEnv(t, k.New(t), withMFA(t))
			s.enableAll()
			const pw = "pass-word-1"
			id := s.user(myaccount.CreateUserInput{Username: "rp", Password: pw})
			tok := s.token(id, "openid", "profile", "identities")
			p := newPasskey(s.env, id, "")
			wantReason := func(t *testing.T, r *resp) {
				t.Helper()
				r.wantError(400, "session.mfa.webauthn_verification_failed")
				data, _ := r.json["data"].(map[string]any)
				if msg, _ := data["message"].(string); !strings.Contains(msg, "IP address") {
					t.Fatalf("data: %s", r.raw)
				}
			}

			t.Run("registration verified on an IP address", func(t *testing.T) {
				r := s.do(req{method: "POST", path: "/api/verifications/web-authn/registration", token: tok, host: "localhost"}).want(200)
				wantReason(t, s.call("POST", "/api/verifications/web-authn/registration/verify", tok, nil,
					map[string]any{"verificationRecordId": r.str("verificationRecordId"), "payload": p.attest(t, r.json["registrationOptions"])}))
				wantReason(t, s.call("POST", "/api/verifications/web-authn/registration", tok, nil, nil))
			})
			rec := s.register(t, tok, p)
			s.call("POST", "/api/my-account/mfa-verifications", tok, s.pwRecord(tok, pw), map[string]any{"type": "WebAuthn", "newIdentifierVerificationRecordId": rec}).want(204)
			t.Run("sign-in verified on an IP address", func(t *testing.T) {
				o := s.do(req{method: "POST", path: "/api/sign-in/webauthn/options", host: "localhost", header: map[string]string{pendingHeader: id}, body: map[string]any{}}).want(200)
				wantReason(t, s.do(req{method: "POST", path: "/api/sign-in/webauthn/verify", header: map[string]string{pendingHeader: id},
					body: map[string]any{"ceremonyId": o.str("ceremonyId"), "response": p.assert(t, o.json["options"], 1)}}))
				wantReason(t, s.do(req{method: "POST", path: "/api/sign-in/webauthn/options", header: map[string]string{pendingHeader: id}, body: map[string]any{}}))
			})
			t.Run("an unreadable ceremony id or user handle is not a server error", func(t *testing.T) {
				s.do(req{method: "POST", path: "/api/sign-in/webauthn/verify", host: "localhost",
					body: map[string]any{"ceremonyId": "a\u0000b", "response": map[string]any{}}}).wantError(400, "verification_record.not_found")
				odd := *p
				odd.auth = virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{UserHandle: []byte{0xff, 0x00, 0xfe}})
				o := s.do(req{method: "POST", path: "/api/sign-in/webauthn/options", host: "localhost", body: map[string]any{"discoverable": true}}).want(200)
				s.do(req{method: "POST", path: "/api/sign-in/webauthn/verify", host: "localhost",
					body: map[string]any{"ceremonyId": o.str("ceremonyId"), "response": odd.assert(t, o.json["options"], 2)}}).wantError(400, "session.mfa.webauthn_verification_failed")
			})
		})
	}
}
