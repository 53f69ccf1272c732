package myaccount_test

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/pquerna/otp/totp"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// adminFactorTypes lists the types of the user's factors, in order.
func adminFactorTypes(t testing.TB, e *svcEnv, id string) []mfa.FactorType {
	t.Helper()
	views, err := e.svc.Admin.MFAFactors(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []mfa.FactorType
	for _, v := range views {
		out = append(out, v.Type)
	}
	return out
}

// adminJSONKeys lists the keys of v's JSON object, sorted.
func adminJSONKeys(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return strings.Join(slices.Sorted(maps.Keys(m)), ",")
}

// The administrator's MFA routes: a TOTP factor with a given or a new
// secret, backup codes given or new, listed and removed, under the Account
// API's rules with Logto's admin statuses.
func TestAdminMFAFactors(t *testing.T) {
	ctx := context.Background()
	e, hook := newAdminEnv(t)
	id := e.user(myaccount.CreateUserInput{Username: "mfa1", PrimaryEmail: "mfa1@example.com"})
	add := func(user string, in myaccount.CreateFactorInput) (*myaccount.CreatedFactor, error) {
		return e.svc.Admin.AddMFAFactor(ctx, user, in)
	}

	t.Run("a new user has no factors", func(t *testing.T) {
		if got := adminFactorTypes(t, e, id); len(got) != 0 {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("the rules of a bind, in order", func(t *testing.T) {
		before := hook.count()
		_, err := add(id, myaccount.CreateFactorInput{Type: mfa.TypeBackupCode, Codes: []string{"short"}})
		wantCode(t, "backup codes alone, before their format", err, 422, account.CodeBackupCodeCanNotBeAlone)
		_, err = add(id, myaccount.CreateFactorInput{Type: mfa.TypeTOTP, Secret: adminPtr("not-a-secret")})
		wantCode(t, "a bad secret", err, 422, account.CodeTOTPSecretInvalid)
		many := make([]string, 101)
		for name, in := range map[string]myaccount.CreateFactorInput{
			"no type":                 {},
			"WebAuthn":                {Type: mfa.TypeWebAuthn},
			"an unknown type":         {Type: "Email"},
			"a secret with NUL":       {Type: mfa.TypeTOTP, Secret: adminPtr("A\x00")},
			"more than 100 codes":     {Type: mfa.TypeBackupCode, Codes: many},
			"a code that is not text": {Type: mfa.TypeBackupCode, Codes: []string{"\xff"}},
		} {
			_, err := add(id, in)
			wantCode(t, name, err, 400, account.CodeGuardInvalidInput)
			// The body is checked before the user is looked up.
			_, err = add("nobody", in)
			wantCode(t, name+" for nobody", err, 400, account.CodeGuardInvalidInput)
		}
		if got := adminFactorTypes(t, e, id); len(got) != 0 || hook.count() != before {
			t.Fatalf("refused binds left %v, %d events", got, hook.count()-before)
		}
	})
	t.Run("a new TOTP secret signs in, and one TOTP factor is the most", func(t *testing.T) {
		f, err := add(id, myaccount.CreateFactorInput{Type: mfa.TypeTOTP})
		if err != nil {
			t.Fatal(err)
		}
		if f.Type != mfa.TypeTOTP || len(f.Secret) != 32 || !strings.HasPrefix(f.SecretQRCode, "data:image/png;base64,") || f.Codes != nil {
			t.Fatalf("TOTP: %+v", f)
		}
		if got := adminJSONKeys(t, f); got != "secret,secretQrCode,type" {
			t.Fatalf("TOTP answer keys: %s", got)
		}
		code, err := totp.GenerateCode(f.Secret, e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := e.svc.SignIn.TOTP(ctx, myaccount.Caller{}, id, code); err != nil {
			t.Fatalf("the new secret does not sign in: %v", err)
		}
		if ev := hook.last(t); ev.UserID != id || !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangeMFA}) {
			t.Fatalf("event: %+v", ev)
		}
		_, err = add(id, myaccount.CreateFactorInput{Type: mfa.TypeTOTP})
		wantCode(t, "a second TOTP", err, 422, account.CodeTOTPAlreadyInUse)
	})
	t.Run("ten new backup codes, one set with codes left at a time", func(t *testing.T) {
		f, err := add(id, myaccount.CreateFactorInput{Type: mfa.TypeBackupCode})
		if err != nil {
			t.Fatal(err)
		}
		if f.Type != mfa.TypeBackupCode || len(f.Codes) != 10 || f.Secret != "" {
			t.Fatalf("backup codes: %+v", f)
		}
		if got := adminJSONKeys(t, f); got != "codes,type" {
			t.Fatalf("backup codes answer keys: %s", got)
		}
		_, err = add(id, myaccount.CreateFactorInput{Type: mfa.TypeBackupCode})
		wantCode(t, "a second set", err, 422, account.CodeBackupCodeAlreadyInUse)
		for _, c := range f.Codes {
			if err := e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, id, c); err != nil {
				t.Fatalf("a code does not sign in: %v", err)
			}
		}
		// A used-up set is replaced by the next.
		g, err := add(id, myaccount.CreateFactorInput{Type: mfa.TypeBackupCode})
		if err != nil {
			t.Fatalf("after the set is used up: %v", err)
		}
		if err := e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, id, g.Codes[0]); err != nil {
			t.Fatalf("a code of the new set: %v", err)
		}
		if got := adminFactorTypes(t, e, id); len(got) != 2 || got[0] != mfa.TypeTOTP || got[1] != mfa.TypeBackupCode {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("the list shows no secret, and the user's MFA setting is left alone", func(t *testing.T) {
		views, err := e.svc.Admin.MFAFactors(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range views {
			for _, secret := range []string{`"secret"`, `"codes"`, `"key"`} {
				if adminShows(t, v, secret) {
					t.Fatalf("the list shows %s", secret)
				}
			}
		}
		if views[1].RemainCodes != 9 {
			t.Fatalf("remaining codes: %d", views[1].RemainCodes)
		}
		if u := adminStored(t, e, id); u.LogtoConfig.MFA.Enabled != nil {
			t.Fatalf("MFA enabled set to %v", *u.LogtoConfig.MFA.Enabled)
		}
	})
	t.Run("a given secret and given codes are bound as given", func(t *testing.T) {
		other := e.user(myaccount.CreateUserInput{Username: "mfa2"})
		const given = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
		if f, err := add(other, myaccount.CreateFactorInput{Type: mfa.TypeTOTP, Secret: adminPtr(given)}); err != nil || f.Secret != given {
			t.Fatalf("given secret: %+v, %v", f, err)
		}
		_, err := add(other, myaccount.CreateFactorInput{Type: mfa.TypeBackupCode, Codes: []string{"short"}})
		wantCode(t, "a short code", err, 422, account.CodeWrongBackupCodeFormat)
		mine := []string{"0123456789", "1123456789", "2123456789", "3123456789", "4123456789", "5123456789", "6123456789", "7123456789", "8123456789", "9123456789"}
		if f, err := add(other, myaccount.CreateFactorInput{Type: mfa.TypeBackupCode, Codes: mine}); err != nil || len(f.Codes) != 10 {
			t.Fatalf("given codes: %+v, %v", f, err)
		}
		if err := e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, other, "5123456789"); err != nil {
			t.Fatalf("a given code does not sign in: %v", err)
		}
		// An empty secret asks for a new one.
		third := e.user(myaccount.CreateUserInput{})
		if f, err := add(third, myaccount.CreateFactorInput{Type: mfa.TypeTOTP, Secret: adminPtr("")}); err != nil || len(f.Secret) != 32 {
			t.Fatalf("an empty secret: %+v, %v", f, err)
		}
	})
	t.Run("DELETE removes one of the user's own factors", func(t *testing.T) {
		views, err := e.svc.Admin.MFAFactors(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		other := e.user(myaccount.CreateUserInput{})
		wantCode(t, "under another user", e.svc.Admin.RemoveMFAFactor(ctx, other, views[0].ID), 404, account.CodeEntityNotFound)
		if err := e.svc.Admin.RemoveMFAFactor(ctx, id, views[0].ID); err != nil {
			t.Fatal(err)
		}
		if ev := hook.last(t); ev.UserID != id || !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangeMFA}) {
			t.Fatalf("event: %+v", ev)
		}
		wantCode(t, "again", e.svc.Admin.RemoveMFAFactor(ctx, id, views[0].ID), 404, account.CodeEntityNotFound)
		if got := adminFactorTypes(t, e, id); len(got) != 1 || got[0] != mfa.TypeBackupCode {
			t.Fatalf("after the delete: %v", got)
		}
	})
	t.Run("an unknown user is 404 entity.not_found", func(t *testing.T) {
		_, err := e.svc.Admin.MFAFactors(ctx, "nobody")
		wantCode(t, "GET", err, 404, account.CodeEntityNotFound)
		_, err = add("nobody", myaccount.CreateFactorInput{Type: mfa.TypeTOTP})
		wantCode(t, "POST", err, 404, account.CodeEntityNotFound)
		wantCode(t, "DELETE", e.svc.Admin.RemoveMFAFactor(ctx, "nobody", "x"), 404, account.CodeEntityNotFound)
	})
}

// Without a Cipher no factor can be sealed: the bind is a configuration
// error, not an answer, after the user is found.
func TestAdminMFAFactorsNeedACipher(t *testing.T) {
	ctx := context.Background()
	e := newSvcEnv(t, memory.New())
	id := e.user(myaccount.CreateUserInput{})
	_, err := e.svc.Admin.AddMFAFactor(ctx, "nobody", myaccount.CreateFactorInput{Type: mfa.TypeTOTP})
	wantCode(t, "nobody", err, 404, account.CodeEntityNotFound)
	_, err = e.svc.Admin.AddMFAFactor(ctx, id, myaccount.CreateFactorInput{Type: mfa.TypeTOTP})
	var apiErr *account.Error
	if err == nil || errors.As(err, &apiErr) || !strings.Contains(err.Error(), "Cipher") {
		t.Fatalf("without a cipher: %v", err)
	}
	if got := adminFactorTypes(t, e, id); len(got) != 0 {
		t.Fatalf("factors: %v", got)
	}
}
