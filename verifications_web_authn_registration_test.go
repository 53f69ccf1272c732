package myaccount_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descope/virtualwebauthn"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// mfaPasskey is a software authenticator and one credential on it.
type mfaPasskey struct {
	rp   virtualwebauthn.RelyingParty
	auth virtualwebauthn.Authenticator
	cred virtualwebauthn.Credential
}

// mfaPasskeyKey is the key pair of every test passkey: RSA, because
// virtualwebauthn drops leading zero bytes of EC coordinates, which
// go-webauthn refuses for about one key in 128; made once, because an RSA
// key takes a while to make. Each passkey has its own credential id.
var mfaPasskeyKey = sync.OnceValue(func() *virtualwebauthn.Key {
	return virtualwebauthn.NewCredential(virtualwebauthn.KeyTypeRSA).Key
})

// newMFAPasskey is a new passkey of userID on localhost, answering as a
// browser on origin.
func newMFAPasskey(userID, origin string) *mfaPasskey {
	id := make([]byte, 32)
	if _, err := rand.Read(id); err != nil {
		panic(err)
	}
	return &mfaPasskey{
		rp:   virtualwebauthn.RelyingParty{ID: mfaHost, Name: mfaHost, Origin: origin},
		auth: virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{UserHandle: []byte(userID)}),
		cred: virtualwebauthn.Credential{ID: id, Key: mfaPasskeyKey()},
	}
}

// attest answers registration options as a browser would.
func (p *mfaPasskey) attest(t testing.TB, options json.RawMessage) json.RawMessage {
	t.Helper()
	opts, err := virtualwebauthn.ParseAttestationOptions(string(options))
	if err != nil {
		t.Fatal(err)
	}
	return json.RawMessage(virtualwebauthn.CreateAttestationResponse(p.rp, p.auth, p.cred, *opts))
}

// assert answers sign-in options, with the counter at count.
func (p *mfaPasskey) assert(t testing.TB, options json.RawMessage, count uint32) json.RawMessage {
	t.Helper()
	opts, err := virtualwebauthn.ParseAssertionOptions(string(options))
	if err != nil {
		t.Fatal(err)
	}
	p.cred.Counter = count
	return json.RawMessage(virtualwebauthn.CreateAssertionResponse(p.rp, p.auth, p.cred, *opts))
}

// mfaRegister runs the registration ceremony for c and returns the
// verified record id.
func (e *mfaEnv) mfaRegister(c myaccount.Caller, p *mfaPasskey) string {
	e.t.Helper()
	ctx := context.Background()
	r, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
	if err != nil {
		e.t.Fatalf("start registration: %v", err)
	}
	v, err := e.svc.Account.VerifyWebAuthnRegistration(ctx, c, myaccount.VerifyWebAuthnRegistrationInput{VerificationRecordID: r.VerificationRecordID, Payload: p.attest(e.t, r.RegistrationOptions)})
	if err != nil {
		e.t.Fatalf("verify registration: %v", err)
	}
	if v.VerificationRecordID != r.VerificationRecordID {
		e.t.Fatalf("verified %q, started %q", v.VerificationRecordID, r.VerificationRecordID)
	}
	return r.VerificationRecordID
}

// mfaBindPasskey registers p and binds it to c's user.
func (e *mfaEnv) mfaBindPasskey(c myaccount.Caller, p *mfaPasskey, name *string) {
	e.t.Helper()
	record := e.mfaRegister(c, p)
	if err := e.svc.Account.AddMFAFactor(context.Background(), e.mfaVerified(c), myaccount.AddMFAInput{Type: mfa.TypeWebAuthn, NewIdentifierVerificationRecordID: &record, Name: name}); err != nil {
		e.t.Fatalf("bind passkey: %v", err)
	}
}

// mfaWantReason fails unless err is 400 webauthn_verification_failed
// whose data names the reason.
func mfaWantReason(t testing.TB, what string, err error, reason string) {
	t.Helper()
	wantCode(t, what, err, 400, account.CodeWebAuthnVerificationFailed)
	data, _ := err.(*account.Error).Data.(map[string]any)
	if msg, _ := data["message"].(string); !strings.Contains(msg, reason) {
		t.Fatalf("%s: data %v, want a message with %q", what, err.(*account.Error).Data, reason)
	}
}

func TestStartWebAuthnRegistration(t *testing.T) {
	ctx := context.Background()
	t.Run("the options name the request's host and the user", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("wa")
		r, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		var o struct {
			RP   struct{ ID, Name string }
			User struct {
				Name        string
				DisplayName string
			}
			ExcludeCredentials []any
		}
		if err := json.Unmarshal(r.RegistrationOptions, &o); err != nil {
			t.Fatal(err)
		}
		if o.RP.ID != mfaHost || o.RP.Name != mfaHost || o.User.Name != "wa" || o.User.DisplayName != "wa" || len(o.ExcludeCredentials) != 0 {
			t.Fatalf("options: %s", r.RegistrationOptions)
		}
		if r.ExpiresAt != "2026-01-02T03:14:05.000Z" {
			t.Fatalf("expiresAt %s", r.ExpiresAt)
		}
		raw, err := json.Marshal(r)
		if err != nil || !strings.Contains(string(raw), `"verificationRecordId":"`+r.VerificationRecordID+`"`) || !strings.Contains(string(raw), `"registrationOptions":{`) {
			t.Fatalf("JSON: %s %v", raw, err)
		}
	})
	t.Run("the user's name, email and phone name the passkey", func(t *testing.T) {
		e := newMFAEnv(t)
		id := e.user(myaccount.CreateUserInput{Name: "Ada L", PrimaryEmail: "ada@example.com", PrimaryPhone: "16505550100"})
		c := e.caller(id)
		c.Origin, c.Host = mfaOrigin, mfaHost
		r, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if s := string(r.RegistrationOptions); !strings.Contains(s, `"name":"ada@example.com"`) || !strings.Contains(s, `"displayName":"Ada L"`) {
			t.Fatalf("options: %s", s)
		}
	})
	t.Run("a user's passkeys are excluded", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("exclude")
		e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
		r, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		var o struct{ ExcludeCredentials []any }
		if err := json.Unmarshal(r.RegistrationOptions, &o); err != nil || len(o.ExcludeCredentials) != 1 {
			t.Fatalf("options: %s %v", r.RegistrationOptions, err)
		}
	})
	t.Run("a third-party app is refused", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("third")
		c.FirstParty = false
		_, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
		wantCode(t, "third party", err, 403, account.CodeThirdPartyApplicationForbidden)
	})
	t.Run("the gate comes first", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("gate")
		c.FirstParty = false
		if _, err := e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(false)}); err != nil {
			t.Fatal(err)
		}
		_, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
		wantCode(t, "center off", err, 400, account.CodeAccountCenterNotEnabled)
	})
	t.Run("an IP address cannot be the relying party", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("ip")
		c.Host, c.Origin = "127.0.0.1", "http://127.0.0.1:8080"
		_, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
		mfaWantReason(t, "IP host", err, "IP address")
	})
}

func TestVerifyWebAuthnRegistration(t *testing.T) {
	ctx := context.Background()
	start := func(e *mfaEnv, c myaccount.Caller) *myaccount.WebAuthnRegistration {
		e.t.Helper()
		r, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
		if err != nil {
			e.t.Fatal(err)
		}
		return r
	}
	verify := func(e *mfaEnv, c myaccount.Caller, record string, payload json.RawMessage) error {
		_, err := e.svc.Account.VerifyWebAuthnRegistration(ctx, c, myaccount.VerifyWebAuthnRegistrationInput{VerificationRecordID: record, Payload: payload})
		return err
	}
	t.Run("the body needs a record and an object", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("body")
		r := start(e, c)
		wantCode(t, "no record", verify(e, c, "", json.RawMessage(`{}`)), 400, account.CodeGuardInvalidInput)
		for _, payload := range []string{"", "null", "[]", `"x"`, "{"} {
			wantCode(t, "payload "+payload, verify(e, c, r.VerificationRecordID, json.RawMessage(payload)), 400, account.CodeGuardInvalidInput)
		}
		c.FirstParty = false
		wantCode(t, "third party after the body", verify(e, c, r.VerificationRecordID, json.RawMessage(`{}`)), 403, account.CodeThirdPartyApplicationForbidden)
	})
	t.Run("the record must be the caller's registration", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("own")
		other := e.mfaUser("other")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		r := start(e, other)
		wantCode(t, "another user's", verify(e, c, r.VerificationRecordID, p.attest(t, r.RegistrationOptions)), 400, account.CodeRecordNotFound)
		wantCode(t, "missing", verify(e, c, "nope", json.RawMessage(`{}`)), 400, account.CodeRecordNotFound)
		wantCode(t, "a password record", verify(e, c, e.mfaVerified(c).VerificationID, json.RawMessage(`{}`)), 400, account.CodeRecordNotFound)
		// The other user's session was not taken by the refused tries.
		if err := verify(e, other, r.VerificationRecordID, newMFAPasskey(other.UserID, mfaOrigin).attest(t, r.RegistrationOptions)); err != nil {
			t.Fatalf("the owner's verify: %v", err)
		}
	})
	t.Run("a fabricated attestation is refused, and the session goes with it", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("fake")
		r := start(e, c)
		fake := json.RawMessage(`{"type":"public-key","id":"eA","rawId":"eA","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}`)
		err := verify(e, c, r.VerificationRecordID, fake)
		wantCode(t, "fabricated", err, 400, account.CodeWebAuthnVerificationFailed)
		wantCode(t, "second try", verify(e, c, r.VerificationRecordID, newMFAPasskey(c.UserID, mfaOrigin).attest(t, r.RegistrationOptions)), 400, account.CodePendingInfoNotFound)
	})
	t.Run("a response is verified once", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("once")
		r := start(e, c)
		payload := newMFAPasskey(c.UserID, mfaOrigin).attest(t, r.RegistrationOptions)
		if err := verify(e, c, r.VerificationRecordID, payload); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "replay", verify(e, c, r.VerificationRecordID, payload), 400, account.CodePendingInfoNotFound)
	})
	t.Run("the origin must be the request's or a related one", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("origin")
		r := start(e, c)
		wantCode(t, "foreign origin", verify(e, c, r.VerificationRecordID, newMFAPasskey(c.UserID, "https://evil.example.com").attest(t, r.RegistrationOptions)), 400, account.CodeWebAuthnVerificationFailed)
		if _, err := e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{WebAuthnRelatedOrigins: myaccount.Set([]string{"https://related.example.com"})}); err != nil {
			t.Fatal(err)
		}
		r = start(e, c)
		if err := verify(e, c, r.VerificationRecordID, newMFAPasskey(c.UserID, "https://related.example.com").attest(t, r.RegistrationOptions)); err != nil {
			t.Fatalf("related origin: %v", err)
		}
	})
	t.Run("options made on one host are refused on an IP address", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("iphost")
		r := start(e, c)
		payload := newMFAPasskey(c.UserID, mfaOrigin).attest(t, r.RegistrationOptions)
		c.Host = "192.0.2.1"
		mfaWantReason(t, "IP host", verify(e, c, r.VerificationRecordID, payload), "IP address")
	})
	t.Run("an expired registration is not found", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("expired")
		r := start(e, c)
		e.clock.Advance(11 * time.Minute)
		wantCode(t, "expired", verify(e, c, r.VerificationRecordID, newMFAPasskey(c.UserID, mfaOrigin).attest(t, r.RegistrationOptions)), 400, account.CodeRecordNotFound)
	})
	t.Run("a registration record proves no identity", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("noproof")
		c.VerificationID = e.mfaRegister(c, newMFAPasskey(c.UserID, mfaOrigin))
		secret := e.mfaNewSecret(c)
		wantCode(t, "registration as header", e.svc.Account.AddMFAFactor(ctx, c, myaccount.AddMFAInput{Type: mfa.TypeTOTP, Secret: &secret}), 401, account.CodeRecordPermissionDenied)
	})
}
