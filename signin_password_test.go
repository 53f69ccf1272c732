package myaccount_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

func TestSignInPassword(t *testing.T) {
	ctx := context.Background()
	e := newMFAEnv(t)
	id := e.user(myaccount.CreateUserInput{Username: "Dave", Password: mfaPassword, PrimaryEmail: "dave@example.com", PrimaryPhone: "16505550100"})
	signIn := func(kind account.IdentifierKind, value, password string) (*myaccount.SignInResult, error) {
		return e.svc.SignIn.Password(ctx, myaccount.Caller{}, myaccount.SignInIdentifier{Kind: kind, Value: value}, password)
	}
	t.Run("every identifier of the user signs in, in any spelling", func(t *testing.T) {
		for _, tc := range []struct {
			kind  account.IdentifierKind
			value string
		}{
			{account.IdentifierUsername, "Dave"},
			{account.IdentifierEmail, "dave@example.com"},
			{account.IdentifierEmail, "DAVE@Example.COM"},
			{account.IdentifierPhone, "16505550100"},
			{account.IdentifierPhone, "+16505550100"},
		} {
			r, err := signIn(tc.kind, tc.value, mfaPassword)
			if err != nil || r.UserID != id || r.Factors != nil {
				t.Fatalf("%s %q: %+v %v", tc.kind, tc.value, r, err)
			}
		}
	})
	t.Run("a wrong password and an unknown identifier answer alike", func(t *testing.T) {
		for _, tc := range []struct {
			rule     string
			kind     account.IdentifierKind
			value    string
			password string
		}{
			{"wrong password", account.IdentifierUsername, "Dave", "wrong-pass-1"},
			{"usernames are case-sensitive by default", account.IdentifierUsername, "dave", mfaPassword},
			{"unknown username", account.IdentifierUsername, "nobody", mfaPassword},
			{"unknown email", account.IdentifierEmail, "nobody@example.com", mfaPassword},
			{"an email that is not one", account.IdentifierEmail, "not an email", mfaPassword},
			{"a phone that does not parse", account.IdentifierPhone, "12", mfaPassword},
			{"the password of another spelling's user", account.IdentifierEmail, "dave@example.org", mfaPassword},
		} {
			_, err := signIn(tc.kind, tc.value, tc.password)
			wantCode(t, tc.rule, err, 422, account.CodeInvalidCredentials)
		}
	})
	t.Run("the input must be an identifier and a password", func(t *testing.T) {
		for _, tc := range []struct {
			rule     string
			kind     account.IdentifierKind
			value    string
			password string
		}{
			{"no identifier", account.IdentifierUsername, "", mfaPassword},
			{"no password", account.IdentifierUsername, "dave", ""},
			{"an identifier that is not text", account.IdentifierUsername, "da\x00ve", mfaPassword},
			{"an unknown kind", "nickname", "dave", mfaPassword},
		} {
			_, err := signIn(tc.kind, tc.value, tc.password)
			wantCode(t, tc.rule, err, 400, account.CodeGuardInvalidInput)
		}
	})
	t.Run("a user without a password cannot sign in with one", func(t *testing.T) {
		e.user(myaccount.CreateUserInput{Username: "nopass"})
		_, err := signIn(account.IdentifierUsername, "nopass", mfaPassword)
		wantCode(t, "no password", err, 422, account.CodeInvalidCredentials)
	})
	t.Run("the factors bound are told, each type once, in the order bound", func(t *testing.T) {
		c := e.mfaUser("withfactors")
		e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
		e.mfaBindTOTP(c)
		e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
		e.mfaBindBackupCodes(c)
		r, err := signIn(account.IdentifierUsername, "withfactors", mfaPassword)
		if err != nil || r.UserID != c.UserID || !slices.Equal(r.Factors, []mfa.FactorType{mfa.TypeWebAuthn, mfa.TypeTOTP, mfa.TypeBackupCode}) {
			t.Fatalf("%+v %v", r, err)
		}
	})
	t.Run("a suspended user is told so only with the right password", func(t *testing.T) {
		sid := e.user(myaccount.CreateUserInput{Username: "suspended", Password: mfaPassword})
		if _, err := e.svc.Admin.SetSuspended(ctx, sid, myaccount.SetSuspendedInput{IsSuspended: mfaPtr(true)}); err != nil {
			t.Fatal(err)
		}
		_, err := signIn(account.IdentifierUsername, "suspended", "wrong-pass-1")
		wantCode(t, "wrong password", err, 422, account.CodeInvalidCredentials)
		_, err = signIn(account.IdentifierUsername, "suspended", mfaPassword)
		wantCode(t, "right password", err, 401, account.CodeSuspended)
	})
}

func TestSignInComplete(t *testing.T) {
	ctx := context.Background()
	e := newMFAEnv(t)
	id := e.user(myaccount.CreateUserInput{Username: "complete", Password: mfaPassword})
	u, err := e.svc.Admin.User(ctx, id)
	if err != nil || !u.LastSignInAt.IsZero() {
		t.Fatalf("a new user's last sign-in: %v %v", u, err)
	}
	e.clock.Advance(time.Hour)
	if err := e.svc.SignIn.Complete(ctx, id); err != nil {
		t.Fatal(err)
	}
	u, err = e.svc.Admin.User(ctx, id)
	if err != nil || !u.LastSignInAt.Equal(e.clock.Now()) {
		t.Fatalf("last sign-in: %v, want %v (%v)", u.LastSignInAt, e.clock.Now(), err)
	}
	if err := e.svc.SignIn.Complete(ctx, "nobody"); !errors.Is(err, myaccount.ErrUserNotFound) {
		t.Fatal("a user that does not exist completed a sign-in")
	}
}
