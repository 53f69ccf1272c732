package myaccount_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// The administrator's password routes: has-password, password/verify and
// PATCH .../password, outside the password policy and the lockout.
func TestAdminPasswords(t *testing.T) {
	ctx := context.Background()
	e, hook := newAdminEnv(t, func(c *myaccount.Config) {
		c.Lockout.MaxAttempts = 3
		p := account.DefaultPasswordPolicy()
		p.MinLength = 12
		c.PasswordPolicy = &p
	})
	id := e.user(myaccount.CreateUserInput{Username: "pw1"})
	pw := func(s string) myaccount.PasswordInput { return myaccount.PasswordInput{Password: s} }

	t.Run("a user without a password has none, and no password checks", func(t *testing.T) {
		h, err := e.svc.Admin.HasPassword(ctx, id)
		if err != nil || h.HasPassword {
			t.Fatalf("has-password: %+v, %v", h, err)
		}
		wantCode(t, "check", e.svc.Admin.CheckPassword(ctx, id, pw("anything")), 422, account.CodeInvalidCredentials)
	})
	t.Run("an administrator sets any password, the same one again too", func(t *testing.T) {
		e.clock.Advance(time.Minute)
		for range 2 {
			v, err := e.svc.Admin.SetPassword(ctx, id, pw("a"))
			if err != nil {
				t.Fatal(err)
			}
			if !v.HasPassword || v.ID != id || !v.UpdatedAt.Equal(e.clock.Now()) {
				t.Fatalf("set: %+v", v.AccountView)
			}
		}
		u := adminStored(t, e, id)
		if !strings.HasPrefix(u.PasswordHash, "$argon2id$") || !u.PasswordUpdatedAt.Equal(e.clock.Now()) {
			t.Fatalf("stored: %q %v", u.PasswordHash, u.PasswordUpdatedAt)
		}
		if ev := hook.last(t); ev.Type != myaccount.EventUserDataUpdated || !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangePassword}) || ev.User.PasswordHash != "" {
			t.Fatalf("event: %+v", ev)
		}
		if h, err := e.svc.Admin.HasPassword(ctx, id); err != nil || !h.HasPassword {
			t.Fatalf("has-password: %+v, %v", h, err)
		}
		if err := e.svc.Admin.CheckPassword(ctx, id, pw("a")); err != nil {
			t.Fatalf("the right password: %v", err)
		}
		wantCode(t, "a wrong password", e.svc.Admin.CheckPassword(ctx, id, pw("b")), 422, account.CodeInvalidCredentials)
	})
	t.Run("an administrator's failed checks do not lock the user out", func(t *testing.T) {
		for range 5 {
			wantCode(t, "wrong", e.svc.Admin.CheckPassword(ctx, id, pw("wrong")), 422, account.CodeInvalidCredentials)
		}
		if _, err := e.svc.Account.VerifyPassword(ctx, e.caller(id), pw("a")); err != nil {
			t.Fatalf("the user's own check after the administrator's failures: %v", err)
		}
	})
	t.Run("nor does the user's lockout stop the administrator's check", func(t *testing.T) {
		for range 3 {
			_, _ = e.svc.Account.VerifyPassword(ctx, e.caller(id), pw("wrong"))
		}
		_, err := e.svc.Account.VerifyPassword(ctx, e.caller(id), pw("a"))
		wantCode(t, "the user is locked out", err, 400, account.CodeVerificationBlocked)
		if err := e.svc.Admin.CheckPassword(ctx, id, pw("a")); err != nil {
			t.Fatalf("the administrator's check under the lockout: %v", err)
		}
	})
	t.Run("a suspended user's password can be checked", func(t *testing.T) {
		if _, err := e.svc.Admin.SetSuspended(ctx, id, myaccount.SetSuspendedInput{IsSuspended: adminPtr(true)}); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Admin.CheckPassword(ctx, id, pw("a")); err != nil {
			t.Fatalf("a suspended user's password: %v", err)
		}
	})
	t.Run("an empty password is 400, an unknown user 404", func(t *testing.T) {
		_, err := e.svc.Admin.SetPassword(ctx, id, pw(""))
		wantCode(t, "set empty", err, 400, account.CodeGuardInvalidInput)
		wantCode(t, "check empty", e.svc.Admin.CheckPassword(ctx, id, pw("")), 400, account.CodeGuardInvalidInput)
		// The body comes first.
		wantCode(t, "check empty of nobody", e.svc.Admin.CheckPassword(ctx, "nobody", pw("")), 400, account.CodeGuardInvalidInput)
		_, err = e.svc.Admin.SetPassword(ctx, "nobody", pw("x"))
		wantCode(t, "set nobody", err, 404, account.CodeEntityNotFound)
		wantCode(t, "check nobody", e.svc.Admin.CheckPassword(ctx, "nobody", pw("x")), 404, account.CodeEntityNotFound)
		_, err = e.svc.Admin.HasPassword(ctx, "nobody")
		wantCode(t, "has nobody", err, 404, account.CodeEntityNotFound)
	})
}
