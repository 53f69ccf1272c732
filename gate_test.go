package myaccount_test

import (
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
)

// acctRoute is one method of the end user's Account audience, called with
// a body that fails its own validation, so that only the gate can answer
// anything else.
type acctRoute struct {
	name string
	call func(e *acctEnv, c myaccount.Caller) error
}

func acctRoutes() []acctRoute {
	a := func(e *acctEnv) *myaccount.Account { return e.svc.Account }
	return []acctRoute{
		{"Get", func(e *acctEnv, c myaccount.Caller) error { _, err := a(e).Get(e.ctx, c); return err }},
		{"Update", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).Update(e.ctx, c, myaccount.UpdateAccountInput{Username: myaccount.Set("1 not a username")})
			return err
		}},
		{"UpdateProfile", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).UpdateProfile(e.ctx, c, myaccount.UpdateProfileInput{Nickname: myaccount.Null[string]()})
			return err
		}},
		{"ChangePassword", func(e *acctEnv, c myaccount.Caller) error {
			return a(e).ChangePassword(e.ctx, c, myaccount.PasswordInput{})
		}},
		{"SetEmail", func(e *acctEnv, c myaccount.Caller) error {
			return a(e).SetEmail(e.ctx, c, myaccount.SetPrimaryEmailInput{Email: "not an email"})
		}},
		{"RemoveEmail", func(e *acctEnv, c myaccount.Caller) error { return a(e).RemoveEmail(e.ctx, c) }},
		{"SetPhone", func(e *acctEnv, c myaccount.Caller) error {
			return a(e).SetPhone(e.ctx, c, myaccount.SetPrimaryPhoneInput{Phone: "+1 555"})
		}},
		{"RemovePhone", func(e *acctEnv, c myaccount.Caller) error { return a(e).RemovePhone(e.ctx, c) }},
		{"LinkIdentity", func(e *acctEnv, c myaccount.Caller) error {
			return a(e).LinkIdentity(e.ctx, c, myaccount.LinkIdentityInput{})
		}},
		{"ReplaceIdentity", func(e *acctEnv, c myaccount.Caller) error {
			return a(e).ReplaceIdentity(e.ctx, c, myaccount.LinkIdentityInput{})
		}},
		{"UnlinkIdentity", func(e *acctEnv, c myaccount.Caller) error { return a(e).UnlinkIdentity(e.ctx, c, "mock-social") }},
		{"IdentityToken", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).IdentityToken(e.ctx, c, "mock-social")
			return err
		}},
		{"ReplaceIdentityToken", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).ReplaceIdentityToken(e.ctx, c, "mock-social", myaccount.UpdateAccessTokenInput{})
			return err
		}},
		{"Sessions", func(e *acctEnv, c myaccount.Caller) error { _, err := a(e).Sessions(e.ctx, c); return err }},
		{"RevokeSession", func(e *acctEnv, c myaccount.Caller) error {
			return a(e).RevokeSession(e.ctx, c, "", myaccount.RevokeSessionInput{RevokeGrantsTarget: "some"})
		}},
		{"Grants", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).Grants(e.ctx, c, myaccount.ListGrantsInput{AppType: "some"})
			return err
		}},
		{"RevokeGrant", func(e *acctEnv, c myaccount.Caller) error { return a(e).RevokeGrant(e.ctx, c, "") }},
		{"UploadAvatar", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).UploadAvatar(e.ctx, c, myaccount.AvatarInput{})
			return err
		}},
		{"Delete", func(e *acctEnv, c myaccount.Caller) error { return a(e).Delete(e.ctx, c) }},
		{"VerifyPassword", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).VerifyPassword(e.ctx, c, myaccount.PasswordInput{})
			return err
		}},
		{"SendCode", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).SendCode(e.ctx, c, myaccount.SendCodeInput{Identifier: myaccount.IdentifierInput{Type: "fax", Value: "1"}})
			return err
		}},
		{"VerifyCode", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).VerifyCode(e.ctx, c, myaccount.VerifyCodeInput{})
			return err
		}},
		{"StartSocialVerification", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).StartSocialVerification(e.ctx, c, myaccount.StartSocialInput{})
			return err
		}},
		{"VerifySocial", func(e *acctEnv, c myaccount.Caller) error {
			_, err := a(e).VerifySocial(e.ctx, c, myaccount.VerifySocialInput{})
			return err
		}},
	}
}

// acctFullConfig plugs in everything the routes may need: a social
// connector, a cipher for token sets, a session provider.
func acctFullConfig(t *testing.T) func(*myaccount.Config) {
	mfa := withTestMFA(t)
	return func(c *myaccount.Config) {
		mfa(c)
		c.Connectors = []connector.Connector{mock.Social{Now: c.Clock}}
		c.Sessions = newAcctSessions(c.Clock)
	}
}

// acctBadCaller is c failing every check a route may make after the gate:
// no scope but openid, a third-party application, a verification header
// that names nothing.
func acctBadCaller(c myaccount.Caller) myaccount.Caller {
	c = acctThirdParty(c)
	c.Scopes = []string{"openid"}
	c.VerificationID = "no-such-record"
	return c
}

func TestGateOrder(t *testing.T) {
	t.Run("a disabled account center answers not_enabled on every route, before the user's standing", func(t *testing.T) {
		e := newAcctEnv(t, acctFullConfig(t))
		suspended := e.member(acctWithPassword("suspended"))
		e.suspend(suspended, true)
		deleted := e.member(acctWithPassword("deleted"))
		if err := e.svc.Admin.RemoveUser(e.ctx, deleted.UserID); err != nil {
			t.Fatal(err)
		}
		e.setEnabled(false)
		for _, r := range acctRoutes() {
			for _, c := range []myaccount.Caller{suspended, deleted, acctBadCaller(suspended)} {
				wantCode(t, r.name, r.call(e, c), 400, account.CodeAccountCenterNotEnabled)
			}
		}
	})

	t.Run("a deleted user's token is 401 auth.unauthorized on every route, before the body and the scopes", func(t *testing.T) {
		e := newAcctEnv(t, acctFullConfig(t))
		c := e.member(acctWithPassword("gone"))
		if err := e.svc.Admin.RemoveUser(e.ctx, c.UserID); err != nil {
			t.Fatal(err)
		}
		for _, r := range acctRoutes() {
			wantCode(t, r.name, r.call(e, c), 401, account.CodeUnauthorized)
			wantCode(t, r.name+" (bad caller)", r.call(e, acctBadCaller(c)), 401, account.CodeUnauthorized)
		}
	})

	t.Run("a suspended user is 401 user.suspended on every route, before the body and the scopes", func(t *testing.T) {
		e := newAcctEnv(t, acctFullConfig(t))
		c := e.member(acctWithPassword("held"))
		e.suspend(c, true)
		for _, r := range acctRoutes() {
			wantCode(t, r.name, r.call(e, c), 401, account.CodeSuspended)
			wantCode(t, r.name+" (bad caller)", r.call(e, acctBadCaller(c)), 401, account.CodeSuspended)
		}
	})

	t.Run("after the gate the body is checked: 400 guard.invalid_input on every route that takes one", func(t *testing.T) {
		e := newAcctEnv(t, acctFullConfig(t))
		c := e.member(acctWithPassword("body"))
		skip := map[string]bool{ // no body to get wrong
			"Get": true, "RemoveEmail": true, "RemovePhone": true, "UnlinkIdentity": true,
			"IdentityToken": true, "Sessions": true, "Delete": true,
		}
		for _, r := range acctRoutes() {
			if skip[r.name] {
				continue
			}
			wantCode(t, r.name, r.call(e, acctBadCaller(c)), 400, account.CodeGuardInvalidInput)
		}
	})

	t.Run("a suspended user's valid update is refused too, and passes once the suspension is lifted", func(t *testing.T) {
		e := newAcctEnv(t, acctFullConfig(t))
		c := e.member(acctWithPassword("lifted"))
		e.suspend(c, true)
		_, err := e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{Name: myaccount.Set("New")})
		wantCode(t, "update while suspended", err, 401, account.CodeSuspended)
		_, err = e.svc.Account.Update(e.ctx, acctThirdParty(c), myaccount.UpdateAccountInput{Name: myaccount.Set("New")})
		wantCode(t, "third-party update while suspended", err, 401, account.CodeSuspended)
		e.suspend(c, false)
		v, err := e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{Name: myaccount.Set("New")})
		if err != nil || v.Name == nil || *v.Name != "New" {
			t.Fatalf("update after the suspension: %v, %+v", err, v)
		}
	})

	t.Run("a deleted user's valid update is 401 auth.unauthorized", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(acctWithPassword("vanished"))
		if err := e.svc.Admin.RemoveUser(e.ctx, c.UserID); err != nil {
			t.Fatal(err)
		}
		_, err := e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{Name: myaccount.Set("New")})
		wantCode(t, "update", err, 401, account.CodeUnauthorized)
		_, err = e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{})
		wantCode(t, "empty update", err, 401, account.CodeUnauthorized)
	})

	t.Run("the anonymous settings route is not gated", func(t *testing.T) {
		e := newAcctEnv(t)
		e.setEnabled(false)
		v, err := e.svc.Account.CenterSettings(e.ctx)
		if err != nil || v.Enabled {
			t.Fatalf("CenterSettings: %v, %+v", err, v)
		}
	})
}
