package myaccount_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// Issue 16, item 5: an impersonated session may read the account and
// change its profile, and nothing that proves who the user is; the
// refusal comes after the gate's checks.
func TestImpersonatedSessionRefusals(t *testing.T) {
	e := newSvcEnv(t, memory.New(), withTestMFA(t), func(c *myaccount.Config) { c.Sessions = newAcctSessions(c.Clock) })
	ctx := context.Background()
	uid := e.user(myaccount.CreateUserInput{Username: "imp", Password: "pass-word-1", PrimaryEmail: "imp@example.com", PrimaryPhone: "15550001111"})
	imp := e.caller(uid)
	imp.ClientID, imp.Impersonated, imp.ActorClientID = myaccount.ImpersonationClientID, true, "support"
	a := e.svc.Account
	name := "new"

	refused := map[string]func(c myaccount.Caller) error{
		"Delete":          func(c myaccount.Caller) error { return a.Delete(ctx, c) },
		"LinkIdentity":    func(c myaccount.Caller) error { return a.LinkIdentity(ctx, c, myaccount.LinkIdentityInput{}) },
		"ReplaceIdentity": func(c myaccount.Caller) error { return a.ReplaceIdentity(ctx, c, myaccount.LinkIdentityInput{}) },
		"UnlinkIdentity":  func(c myaccount.Caller) error { return a.UnlinkIdentity(ctx, c, "google") },
		"IdentityToken":   func(c myaccount.Caller) error { _, err := a.IdentityToken(ctx, c, "google"); return err },
		"ReplaceIdentityToken": func(c myaccount.Caller) error {
			_, err := a.ReplaceIdentityToken(ctx, c, "google", myaccount.UpdateAccessTokenInput{})
			return err
		},
		"UpdateMFASettings": func(c myaccount.Caller) error {
			_, err := a.UpdateMFASettings(ctx, c, myaccount.UpdateMFASettingsInput{})
			return err
		},
		"AddMFAFactor":   func(c myaccount.Caller) error { return a.AddMFAFactor(ctx, c, myaccount.AddMFAInput{}) },
		"NewBackupCodes": func(c myaccount.Caller) error { _, err := a.NewBackupCodes(ctx, c); return err },
		"BackupCodes":    func(c myaccount.Caller) error { _, err := a.BackupCodes(ctx, c); return err },
		"RenameMFAFactor": func(c myaccount.Caller) error {
			_, err := a.RenameMFAFactor(ctx, c, "x", myaccount.RenameMFAInput{})
			return err
		},
		"RemoveMFAFactor": func(c myaccount.Caller) error { return a.RemoveMFAFactor(ctx, c, "x") },
		"ReplaceTOTP":     func(c myaccount.Caller) error { return a.ReplaceTOTP(ctx, c, myaccount.ReplaceTOTPInput{}) },
		"NewTOTPSecret":   func(c myaccount.Caller) error { _, err := a.NewTOTPSecret(ctx, c); return err },
		"ChangePassword": func(c myaccount.Caller) error {
			return a.ChangePassword(ctx, c, myaccount.PasswordInput{Password: "new-pass-word-2"})
		},
		"SetEmail":    func(c myaccount.Caller) error { return a.SetEmail(ctx, c, myaccount.SetPrimaryEmailInput{}) },
		"SetPhone":    func(c myaccount.Caller) error { return a.SetPhone(ctx, c, myaccount.SetPrimaryPhoneInput{}) },
		"RemoveEmail": func(c myaccount.Caller) error { return a.RemoveEmail(ctx, c) },
		"RemovePhone": func(c myaccount.Caller) error { return a.RemovePhone(ctx, c) },
		"VerifyPassword": func(c myaccount.Caller) error {
			_, err := a.VerifyPassword(ctx, c, myaccount.PasswordInput{Password: "pass-word-1"})
			return err
		},
		"StartSocialVerification": func(c myaccount.Caller) error {
			_, err := a.StartSocialVerification(ctx, c, myaccount.StartSocialInput{})
			return err
		},
		"VerifySocial": func(c myaccount.Caller) error {
			_, err := a.VerifySocial(ctx, c, myaccount.VerifySocialInput{})
			return err
		},
		"SendCode": func(c myaccount.Caller) error { _, err := a.SendCode(ctx, c, myaccount.SendCodeInput{}); return err },
		"VerifyCode": func(c myaccount.Caller) error {
			_, err := a.VerifyCode(ctx, c, myaccount.VerifyCodeInput{})
			return err
		},
		"StartWebAuthnRegistration": func(c myaccount.Caller) error { _, err := a.StartWebAuthnRegistration(ctx, c); return err },
		"VerifyWebAuthnRegistration": func(c myaccount.Caller) error {
			_, err := a.VerifyWebAuthnRegistration(ctx, c, myaccount.VerifyWebAuthnRegistrationInput{})
			return err
		},
		"RevokeSession": func(c myaccount.Caller) error { return a.RevokeSession(ctx, c, "s", myaccount.RevokeSessionInput{}) },
		"Update username": func(c myaccount.Caller) error {
			_, err := a.Update(ctx, c, myaccount.UpdateAccountInput{Username: myaccount.Set("taken")})
			return err
		},
	}
	for what, call := range refused {
		t.Run(what, func(t *testing.T) {
			wantCode(t, what, call(imp), http.StatusForbidden, account.CodeForbidden)
		})
	}

	t.Run("allowed", func(t *testing.T) {
		if _, err := a.Get(ctx, imp); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Update(ctx, imp, myaccount.UpdateAccountInput{Name: myaccount.Set(name)}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.UpdateProfile(ctx, imp, myaccount.UpdateProfileInput{GivenName: myaccount.Set(name)}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.MFAFactors(ctx, imp); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("the gate answers first", func(t *testing.T) {
		suspend := true
		if _, err := e.svc.Admin.SetSuspended(ctx, uid, myaccount.SetSuspendedInput{IsSuspended: &suspend}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "suspended", a.ChangePassword(ctx, imp, myaccount.PasswordInput{Password: "new-pass-word-2"}), http.StatusUnauthorized, account.CodeSuspended)
	})
}
