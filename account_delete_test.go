package myaccount_test

import (
	"errors"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

func TestDelete(t *testing.T) {
	t.Run("checks in order: header, deleteAccount field, first party; then the user is gone", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		full := e.proved(e.member(myaccount.CreateUserInput{Username: "leaver", Password: acctPassword, PrimaryEmail: "leaver@example.com"}))
		uid, gid := p.signIn(full.UserID, acctFirstParty, time.Hour)
		other := e.member(acctWithPassword("stayer"))
		otherUID, otherGID := p.signIn(other.UserID, acctFirstParty, time.Hour)
		c := acctThirdParty(full)
		c.VerificationID = ""
		e.setField(account.FieldDeleteAccount, account.ReadOnly)
		err := acctInOrder(t, func() error { return e.svc.Account.Delete(e.ctx, c) },
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"field ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldDeleteAccount, account.Edit) }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
		)
		if err != nil {
			t.Fatalf("delete: %v", err)
		}
		_, err = e.svc.Account.Get(e.ctx, c)
		wantCode(t, "the token afterwards", err, 401, account.CodeUnauthorized)
		wantCode(t, "deleted twice", e.svc.Account.Delete(e.ctx, c), 401, account.CodeUnauthorized)
		if _, err := p.Session(e.ctx, uid); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("the user's session is still there: %v", err)
		}
		if _, err := p.Grant(e.ctx, gid); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("the user's grant is still there: %v", err)
		}
		if _, err := p.Session(e.ctx, otherUID); err != nil {
			t.Errorf("another user's session went too: %v", err)
		}
		if _, err := p.Grant(e.ctx, otherGID); err != nil {
			t.Errorf("another user's grant went too: %v", err)
		}
		e.evMu.Lock()
		last := e.events[len(e.events)-1]
		e.evMu.Unlock()
		if last.Type != myaccount.EventUserDeleted || last.UserID != full.UserID || last.User == nil || last.User.PasswordHash != "" {
			t.Errorf("last event %+v", last)
		}
		if _, err := e.svc.Admin.User(e.ctx, full.UserID); err == nil {
			t.Error("the administrator still finds the user")
		}
		// The email is free again.
		n := e.proved(e.member(acctWithPassword("newcomer")))
		rec := e.codeRecord(n, verification.IdentifierEmail, "leaver@example.com")
		if err := e.svc.Account.SetEmail(e.ctx, n, myaccount.SetPrimaryEmailInput{Email: "leaver@example.com", NewIdentifierVerificationRecordID: rec}); err != nil {
			t.Errorf("the deleted user's email is still taken: %v", err)
		}
	})

	t.Run("the field is Off unless the account center turns it on", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.proved(e.member(acctWithPassword("kept")))
		if _, err := e.svc.Admin.SetAccountCenter(e.ctx, myaccount.UpdateAccountCenterInput{Fields: myaccount.Set(map[account.Field]account.FieldMode{})}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "default", e.svc.Account.Delete(e.ctx, c), 400, account.CodeFieldNotEditable)
	})

	// Sessions lists only the caller's sessions even when the provider
	// lists others' (account_sessions.go); deleting an account must not
	// sign out the other users such a provider lists.
	t.Run("deleting an account signs out only its own sessions, whatever the provider lists", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		c := e.proved(e.member(acctWithPassword("careless")))
		p.signIn(c.UserID, acctFirstParty, time.Hour)
		other := e.member(acctWithPassword("bystander"))
		otherUID, otherGID := p.signIn(other.UserID, acctFirstParty, time.Hour)
		p.leaky = true
		if err := e.svc.Account.Delete(e.ctx, c); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Session(e.ctx, otherUID); err != nil {
			t.Errorf("another user's session was revoked: %v", err)
		}
		if _, err := p.Grant(e.ctx, otherGID); err != nil {
			t.Errorf("another user's grant was revoked: %v", err)
		}
	})
}

func TestCenterSettings(t *testing.T) {
	t.Run("the anonymous route shows the administrator's settings", func(t *testing.T) {
		e := newAcctEnv(t)
		url := "https://example.com/delete-account"
		if _, err := e.svc.Admin.SetAccountCenter(e.ctx, myaccount.UpdateAccountCenterInput{
			Fields:                 myaccount.Set(map[account.Field]account.FieldMode{account.FieldUsername: account.Edit}),
			WebAuthnRelatedOrigins: myaccount.Set([]string{"https://example.com"}),
			DeleteAccountURL:       myaccount.Set(url),
		}); err != nil {
			t.Fatal(err)
		}
		v, err := e.svc.Account.CenterSettings(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		admin, _ := e.svc.Admin.AccountCenter(e.ctx)
		if !v.Enabled || v.Mode(account.FieldUsername) != account.Edit || v.Mode(account.FieldName) != account.Off ||
			len(v.WebAuthnRelatedOrigins) != 1 || v.DeleteAccountURL != url || admin.DeleteAccountURL != url {
			t.Fatalf("settings %+v", v.AccountCenter)
		}
	})
}
