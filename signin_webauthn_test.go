package myaccount_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/descope/virtualwebauthn"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// mfaSignInCaller is the caller of a sign-in on the WebAuthn origin.
var mfaSignInCaller = myaccount.Caller{Origin: mfaOrigin, Host: mfaHost}

// mfaBegin begins a passkey sign-in for userID ("" for a discoverable
// one).
func (e *mfaEnv) mfaBegin(userID string) *myaccount.WebAuthnSignIn {
	e.t.Helper()
	b, err := e.svc.SignIn.BeginPasskey(context.Background(), mfaSignInCaller, userID)
	if err != nil {
		e.t.Fatalf("begin passkey sign-in: %v", err)
	}
	return b
}

func TestSignInPasskey(t *testing.T) {
	ctx := context.Background()
	finish := func(e *mfaEnv, pending string, b *myaccount.WebAuthnSignIn, response json.RawMessage) (string, error) {
		return e.svc.SignIn.FinishPasskey(ctx, mfaSignInCaller, pending, b.CeremonyID, response)
	}
	t.Run("the passkey signs its user in, for a known user or discoverable", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("passkey")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		e.mfaBindPasskey(c, p, nil)
		for i, tc := range []struct{ rule, begin, pending string }{
			{"second factor, known user", c.UserID, c.UserID},
			{"second factor, discoverable", "", c.UserID},
			{"passwordless, known user", c.UserID, ""},
			{"passwordless, discoverable", "", ""},
		} {
			b := e.mfaBegin(tc.begin)
			if b.ExpiresAt == "" || b.CeremonyID == "" {
				t.Fatalf("%s: %+v", tc.rule, b)
			}
			id, err := finish(e, tc.pending, b, p.assert(t, b.Options, uint32(i+1)))
			if err != nil || id != c.UserID {
				t.Fatalf("%s: %q %v", tc.rule, id, err)
			}
		}
	})
	t.Run("the use is shown in the list", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("lastused")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		e.mfaBindPasskey(c, p, nil)
		e.clock.Advance(time.Hour)
		b := e.mfaBegin(c.UserID)
		if _, err := finish(e, c.UserID, b, p.assert(t, b.Options, 1)); err != nil {
			t.Fatal(err)
		}
		if got := e.mfaFactors(c); got[0]["lastUsedAt"] != "2026-01-02T04:04:05.000Z" {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("an assertion is used once", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("once")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		e.mfaBindPasskey(c, p, nil)
		b := e.mfaBegin(c.UserID)
		response := p.assert(t, b.Options, 1)
		if _, err := finish(e, c.UserID, b, response); err != nil {
			t.Fatal(err)
		}
		_, err := finish(e, c.UserID, b, response)
		wantCode(t, "replayed", err, 400, account.CodePendingInfoNotFound)
	})
	t.Run("a sign counter that does not move forward is refused", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("clone")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		e.mfaBindPasskey(c, p, nil)
		b := e.mfaBegin(c.UserID)
		if _, err := finish(e, c.UserID, b, p.assert(t, b.Options, 5)); err != nil {
			t.Fatal(err)
		}
		b = e.mfaBegin(c.UserID)
		_, err := finish(e, c.UserID, b, p.assert(t, b.Options, 5))
		mfaWantReason(t, "same counter", err, "sign counter")
		b = e.mfaBegin(c.UserID)
		_, err = finish(e, c.UserID, b, p.assert(t, b.Options, 3))
		mfaWantReason(t, "lower counter", err, "sign counter")
	})
	t.Run("a rollback is accepted when the policy allows it", func(t *testing.T) {
		e := newMFAEnv(t, func(c *myaccount.Config) { c.MFA.AllowSignCountRollback = true })
		c := e.mfaUser("rollback")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		e.mfaBindPasskey(c, p, nil)
		for _, count := range []uint32{5, 5, 2} {
			b := e.mfaBegin(c.UserID)
			if id, err := finish(e, c.UserID, b, p.assert(t, b.Options, count)); err != nil || id != c.UserID {
				t.Fatalf("counter %d: %q %v", count, id, err)
			}
		}
	})
	t.Run("the ceremony must be a live passkey sign-in", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("ceremony")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		e.mfaBindPasskey(c, p, nil)
		registration, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ rule, id string }{
			{"a missing ceremony", "nope"},
			{"an id that is not text", "a\x00b"},
			{"a registration", registration.VerificationRecordID},
			{"a password record", e.mfaVerified(c).VerificationID},
		} {
			_, err := e.svc.SignIn.FinishPasskey(ctx, mfaSignInCaller, "", tc.id, json.RawMessage(`{}`))
			wantCode(t, tc.rule, err, 400, account.CodeRecordNotFound)
		}
		b := e.mfaBegin(c.UserID)
		e.clock.Advance(11 * time.Minute)
		_, err = finish(e, c.UserID, b, p.assert(t, b.Options, 1))
		wantCode(t, "an expired ceremony", err, 400, account.CodeRecordNotFound)
	})
	t.Run("a known user must have a passkey", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("nopasskey")
		e.mfaBindTOTP(c)
		_, err := e.svc.SignIn.BeginPasskey(ctx, mfaSignInCaller, c.UserID)
		wantCode(t, "no passkey", err, 400, account.CodeWebAuthnVerificationFailed)
		_, err = e.svc.SignIn.BeginPasskey(ctx, mfaSignInCaller, "nobody")
		wantCode(t, "no user", err, 400, account.CodeWebAuthnVerificationFailed)
	})
	t.Run("the passkey must be the pending user's", func(t *testing.T) {
		e := newMFAEnv(t)
		victim := e.mfaUser("victim")
		attacker := e.mfaUser("attacker")
		victimKey := newMFAPasskey(victim.UserID, mfaOrigin)
		attackerKey := newMFAPasskey(attacker.UserID, mfaOrigin)
		e.mfaBindPasskey(victim, victimKey, nil)
		e.mfaBindPasskey(attacker, attackerKey, nil)
		forged := *attackerKey
		forged.auth = virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{UserHandle: []byte(victim.UserID)})
		count := uint32(0)
		for _, tc := range []struct {
			rule    string
			begin   string
			pending string
			key     *mfaPasskey
		}{
			{"another user's discoverable passkey", "", victim.UserID, attackerKey},
			{"a ceremony begun for another user", attacker.UserID, victim.UserID, attackerKey},
			{"another user's passkey with the pending user's handle", "", victim.UserID, &forged},
			{"another user's passkey with a forged handle, passwordless", "", "", &forged},
			{"the pending user's passkey in a ceremony begun for another", attacker.UserID, victim.UserID, victimKey},
		} {
			count++
			b := e.mfaBegin(tc.begin)
			id, err := finish(e, tc.pending, b, tc.key.assert(t, b.Options, count))
			wantCode(t, tc.rule, err, 400, account.CodeWebAuthnVerificationFailed)
			if id != "" {
				t.Fatalf("%s: signed in %q", tc.rule, id)
			}
		}
		// The victim's own passkey still signs in.
		b := e.mfaBegin("")
		if id, err := finish(e, victim.UserID, b, victimKey.assert(t, b.Options, 100)); err != nil || id != victim.UserID {
			t.Fatalf("the victim's passkey: %q %v", id, err)
		}
	})
	t.Run("a user handle that cannot be a user id names nobody", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("handle")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		e.mfaBindPasskey(c, p, nil)
		for _, handle := range [][]byte{{0xff, 0x00, 0xfe}, []byte("a\x00b"), make([]byte, 65)} {
			odd := *p
			odd.auth = virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{UserHandle: handle})
			b := e.mfaBegin("")
			_, err := finish(e, "", b, odd.assert(t, b.Options, 1))
			wantCode(t, "odd handle", err, 400, account.CodeWebAuthnVerificationFailed)
		}
	})
	t.Run("a suspended user is refused after the passkey checks", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("suspended")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		e.mfaBindPasskey(c, p, nil)
		b := e.mfaBegin(c.UserID)
		if _, err := e.svc.Admin.SetSuspended(ctx, c.UserID, myaccount.SetSuspendedInput{IsSuspended: mfaPtr(true)}); err != nil {
			t.Fatal(err)
		}
		_, err := finish(e, c.UserID, b, p.assert(t, b.Options, 1))
		wantCode(t, "suspended", err, 401, account.CodeSuspended)
	})
	t.Run("the relying party is the request's", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("rp")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		e.mfaBindPasskey(c, p, nil)
		ip := myaccount.Caller{Origin: "http://192.0.2.1:8080", Host: "192.0.2.1"}
		_, err := e.svc.SignIn.BeginPasskey(ctx, ip, c.UserID)
		mfaWantReason(t, "begun on an IP address", err, "IP address")
		b := e.mfaBegin(c.UserID)
		_, err = e.svc.SignIn.FinishPasskey(ctx, ip, c.UserID, b.CeremonyID, p.assert(t, b.Options, 1))
		mfaWantReason(t, "finished on an IP address", err, "IP address")
		b = e.mfaBegin(c.UserID)
		evil := *p
		evil.rp.Origin = "https://evil.example.com"
		_, err = finish(e, c.UserID, b, evil.assert(t, b.Options, 2))
		wantCode(t, "a foreign origin", err, 400, account.CodeWebAuthnVerificationFailed)
	})
}
