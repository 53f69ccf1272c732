package myaccount_test

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// acctDisposable reports every address disposable once switched on, so a
// test can change the email policy after a code was verified.
type acctDisposable struct{ on atomic.Bool }

func (d *acctDisposable) Disposable(context.Context, string) (bool, error) { return d.on.Load(), nil }

func TestSetEmail(t *testing.T) {
	t.Run("checks in order: body, header, email field, email scope, first party, policy, record, uniqueness", func(t *testing.T) {
		d := &acctDisposable{}
		e := newAcctEnv(t, func(c *myaccount.Config) { c.EmailPolicy = account.EmailPolicy{Disposable: d} })
		e.member(myaccount.CreateUserInput{Username: "holder", PrimaryEmail: "Held@example.com"})
		full := e.proved(e.member(acctWithPassword("mover")))
		held := e.codeRecord(full, verification.IdentifierEmail, "held@example.com")
		fresh := e.codeRecord(full, verification.IdentifierEmail, "new@example.com")
		d.on.Store(true) // blocked after the code was verified
		c := acctThirdParty(acctWithout(full, myaccount.ScopeEmail))
		c.VerificationID = ""
		e.setField(account.FieldEmail, account.ReadOnly)
		in := myaccount.SetPrimaryEmailInput{Email: "not-an-email", NewIdentifierVerificationRecordID: "bogus"}
		err := acctInOrder(t, func() error { return e.svc.Account.SetEmail(e.ctx, c, in) },
			acctStep{"bad email", 400, account.CodeGuardInvalidInput, func() { in.Email = "held@example.com" }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"field ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldEmail, account.Edit) }},
			acctStep{"no email scope", 400, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
			acctStep{"blocked", 422, account.CodeEmailNotAllowed, func() { d.on.Store(false) }},
			acctStep{"bogus record", 400, account.CodeRecordNotFound, func() { in.NewIdentifierVerificationRecordID = fresh }},
			acctStep{"record of another address", 400, account.CodeRecordNotFound, func() { in.NewIdentifierVerificationRecordID = held }},
			acctStep{"taken, case aside", 422, account.CodeEmailAlreadyInUse, func() {
				in = myaccount.SetPrimaryEmailInput{Email: "new@example.com", NewIdentifierVerificationRecordID: fresh}
			}},
		)
		if err != nil {
			t.Fatalf("set: %v", err)
		}
		if v := e.view(c); v.PrimaryEmail != "new@example.com" {
			t.Fatalf("primaryEmail %q", v.PrimaryEmail)
		}
		if got := e.changes(); !slices.Equal(got, []myaccount.Change{myaccount.ChangePrimaryEmail}) {
			t.Fatalf("changes: %v", got)
		}
		err = e.svc.Account.SetEmail(e.ctx, c, in)
		wantCode(t, "the record is used up", err, 400, account.CodeRecordNotFound)
	})

	t.Run("an unverified record and another user's record prove nothing", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.proved(e.member(acctWithPassword("careful")))
		other := e.member(acctWithPassword("lender"))
		unverified, _ := e.sendCode(c, verification.IdentifierEmail, "pending@example.com", "")
		theirs := e.codeRecord(other, verification.IdentifierEmail, "lent@example.com")
		for name, in := range map[string]myaccount.SetPrimaryEmailInput{
			"unverified":      {Email: "pending@example.com", NewIdentifierVerificationRecordID: unverified},
			"another user's":  {Email: "lent@example.com", NewIdentifierVerificationRecordID: theirs},
			"a password rec.": {Email: "lent@example.com", NewIdentifierVerificationRecordID: c.VerificationID},
		} {
			wantCode(t, name, e.svc.Account.SetEmail(e.ctx, c, in), 400, account.CodeRecordNotFound)
		}
	})

	t.Run("a code record for the current email proves identity for a new one", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "switch", Password: acctPassword, PrimaryEmail: "old@example.com"})
		c.VerificationID = e.codeRecord(c, verification.IdentifierEmail, "old@example.com")
		rec := e.codeRecord(c, verification.IdentifierEmail, "next@example.com")
		if err := e.svc.Account.SetEmail(e.ctx, c, myaccount.SetPrimaryEmailInput{Email: "next@example.com", NewIdentifierVerificationRecordID: rec}); err != nil {
			t.Fatalf("set: %v", err)
		}
		e.evMu.Lock()
		prev := e.events[len(e.events)-1].Previous
		e.evMu.Unlock()
		if prev != "old@example.com" {
			t.Fatalf("the event's previous address: %q", prev)
		}
	})
}

func TestSetPhone(t *testing.T) {
	t.Run("checks in order: body, header, phone field, phone scope, first party, record, uniqueness", func(t *testing.T) {
		e := newAcctEnv(t)
		e.member(myaccount.CreateUserInput{Username: "nz", PrimaryPhone: "6421234567"})
		full := e.proved(e.member(acctWithPassword("dialer")))
		trunk := e.codeRecord(full, verification.IdentifierPhone, "64021234567")
		fresh := e.codeRecord(full, verification.IdentifierPhone, "16505550146")
		c := acctThirdParty(acctWithout(full, myaccount.ScopePhone))
		c.VerificationID = ""
		e.setField(account.FieldPhone, account.Off)
		in := myaccount.SetPrimaryPhoneInput{Phone: "+1 650", NewIdentifierVerificationRecordID: "bogus"}
		err := acctInOrder(t, func() error { return e.svc.Account.SetPhone(e.ctx, c, in) },
			acctStep{"bad phone", 400, account.CodeGuardInvalidInput, func() { in.Phone = "64021234567" }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"field Off", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldPhone, account.Edit) }},
			acctStep{"no phone scope", 400, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
			acctStep{"bogus record", 400, account.CodeRecordNotFound, func() { in.NewIdentifierVerificationRecordID = trunk }},
			acctStep{"the trunk-zero form of a taken number", 422, account.CodePhoneAlreadyInUse, func() {
				in = myaccount.SetPrimaryPhoneInput{Phone: "16505550146", NewIdentifierVerificationRecordID: fresh}
			}},
		)
		if err != nil {
			t.Fatalf("set: %v", err)
		}
		if v := e.view(c); v.PrimaryPhone != "16505550146" {
			t.Fatalf("primaryPhone %q", v.PrimaryPhone)
		}
		if got := e.changes(); !slices.Equal(got, []myaccount.Change{myaccount.ChangePrimaryPhone}) {
			t.Fatalf("changes: %v", got)
		}
	})

	t.Run("the international form of a number held with its trunk zero is taken too", func(t *testing.T) {
		e := newAcctEnv(t)
		e.member(myaccount.CreateUserInput{Username: "trunk", PrimaryPhone: "64021234567"})
		c := e.proved(e.member(acctWithPassword("intl")))
		rec := e.codeRecord(c, verification.IdentifierPhone, "6421234567")
		err := e.svc.Account.SetPhone(e.ctx, c, myaccount.SetPrimaryPhoneInput{Phone: "6421234567", NewIdentifierVerificationRecordID: rec})
		wantCode(t, "taken", err, 422, account.CodePhoneAlreadyInUse)
	})
}

func TestRemoveEmailAndPhone(t *testing.T) {
	routes := []struct {
		name   string
		field  account.Field
		scope  string
		remove func(e *acctEnv, c myaccount.Caller) error
	}{
		{"email", account.FieldEmail, myaccount.ScopeEmail, func(e *acctEnv, c myaccount.Caller) error { return e.svc.Account.RemoveEmail(e.ctx, c) }},
		{"phone", account.FieldPhone, myaccount.ScopePhone, func(e *acctEnv, c myaccount.Caller) error { return e.svc.Account.RemovePhone(e.ctx, c) }},
	}
	for _, r := range routes {
		t.Run(r.name+": checks in order: header, field, scope, first party, last identifier", func(t *testing.T) {
			e := newAcctEnv(t)
			full := e.proved(e.member(myaccount.CreateUserInput{Password: acctPassword, PrimaryEmail: "last@example.com", PrimaryPhone: "16505550147"}))
			if r.name == "email" {
				e.edit(full, myaccount.UpdateUserInput{PrimaryPhone: myaccount.Null[string]()})
			} else {
				e.edit(full, myaccount.UpdateUserInput{PrimaryEmail: myaccount.Null[string]()})
			}
			c := acctThirdParty(acctWithout(full, r.scope))
			c.VerificationID = ""
			e.setField(r.field, account.ReadOnly)
			err := acctInOrder(t, func() error { return r.remove(e, c) },
				acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
				acctStep{"field ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(r.field, account.Edit) }},
				acctStep{"no scope", 400, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
				acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
				acctStep{"last identifier", 400, account.CodeLastSignInMethodRequired, func() {
					e.edit(c, myaccount.UpdateUserInput{Username: myaccount.Set("kept")})
				}},
			)
			if err != nil {
				t.Fatalf("remove: %v", err)
			}
			v := e.view(c)
			if v.PrimaryEmail != "" || v.PrimaryPhone != "" || v.Username != "kept" {
				t.Fatalf("after the removal: %+v", v)
			}
			if err := r.remove(e, c); err != nil {
				t.Fatalf("removing what is not there, beside another identifier: %v", err)
			}
		})
	}
}
