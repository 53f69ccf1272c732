package myaccount_test

import (
	"slices"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

func TestChangePassword(t *testing.T) {
	const next = "Brisk-otter-5820"

	t.Run("checks in order: body, first party, header, password field, policy, reuse", func(t *testing.T) {
		e := newAcctEnv(t)
		full := e.proved(e.member(acctWithPassword("changer")))
		c := acctThirdParty(full)
		c.Scopes = []string{"openid"} // no scope is needed
		c.VerificationID = ""
		e.setField(account.FieldPassword, account.ReadOnly)
		in := myaccount.PasswordInput{}
		err := acctInOrder(t, func() error { return e.svc.Account.ChangePassword(e.ctx, c, in) },
			acctStep{"empty password", 400, account.CodeGuardInvalidInput, func() { in.Password = "123456" }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"field ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldPassword, account.Edit) }},
			acctStep{"policy", 422, account.CodePasswordRejected, func() { in.Password = acctPassword }},
			acctStep{"same password", 422, account.CodeSamePassword, func() { in.Password = next }},
		)
		if err != nil {
			t.Fatalf("change: %v", err)
		}
		if got := e.changes(); !slices.Equal(got, []myaccount.Change{myaccount.ChangePassword}) {
			t.Fatalf("changes: %v", got)
		}
		if _, err := e.svc.Account.VerifyPassword(e.ctx, c, myaccount.PasswordInput{Password: next}); err != nil {
			t.Fatalf("the new password does not verify: %v", err)
		}
		_, err = e.svc.Account.VerifyPassword(e.ctx, c, myaccount.PasswordInput{Password: acctPassword})
		wantCode(t, "the old password", err, 422, account.CodeInvalidCredentials)
	})

	t.Run("the rejected password carries its issues", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.proved(e.member(acctWithPassword("issues")))
		err := e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: "123456"})
		apiErr, ok := err.(*account.Error)
		if !ok || apiErr.Code != account.CodePasswordRejected || apiErr.Data == nil {
			t.Fatalf("got %v, want password.rejected with data", err)
		}
	})

	t.Run("a user without a password, email or phone sets a first one without the header", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "first"})
		c.Scopes = []string{"openid"}
		if err := e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: next}); err != nil {
			t.Fatalf("first password: %v", err)
		}
		if !e.view(e.caller(c.UserID)).HasPassword {
			t.Fatal("hasPassword is false after setting one")
		}
		err := e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: "Other-pass-991"})
		wantCode(t, "now that there is one", err, 401, account.CodeRecordPermissionDenied)
	})

	t.Run("the first password still needs an editable field and a policy pass", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "nopass"})
		wantCode(t, "policy", e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: "123456"}), 422, account.CodePasswordRejected)
		e.setField(account.FieldPassword, account.ReadOnly)
		wantCode(t, "ReadOnly", e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: next}), 400, account.CodeFieldNotEditable)
	})

	t.Run("a user with an email or a phone but no password needs the header", func(t *testing.T) {
		e := newAcctEnv(t)
		for _, in := range []myaccount.CreateUserInput{{PrimaryEmail: "nopw@example.com"}, {PrimaryPhone: "16505550145"}} {
			c := e.member(in)
			wantCode(t, "no header", e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: next}), 401, account.CodeRecordPermissionDenied)
		}
	})

	t.Run("a code record for the user's own email proves identity", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "mailer", Password: acctPassword, PrimaryEmail: "mailer@example.com"})
		c.VerificationID = e.codeRecord(c, verification.IdentifierEmail, "mailer@example.com")
		if err := e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: next}); err != nil {
			t.Fatalf("change with a code record: %v", err)
		}
	})

	t.Run("a record made before the password changed proves nothing any more", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.proved(e.member(acctWithPassword("stale")))
		if err := e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: next}); err != nil {
			t.Fatal(err)
		}
		err := e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: "Third-pass-4410"})
		wantCode(t, "stale record", err, 401, account.CodeRecordPermissionDenied)
	})
}
