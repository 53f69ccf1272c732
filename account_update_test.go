package myaccount_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestUpdate(t *testing.T) {
	t.Run("checks in order: body, fields, profile scope, custom_data scope, first party, header, uniqueness", func(t *testing.T) {
		e := newAcctEnv(t)
		e.member(acctWithPassword("taken_name"))
		full := e.proved(e.member(acctWithPassword("updater")))
		c := acctThirdParty(full)
		c.Scopes = []string{"openid"}
		c.VerificationID = ""
		e.setField(account.FieldUsername, account.ReadOnly)
		e.setField(account.FieldCustomData, account.Off)
		in := myaccount.UpdateAccountInput{Username: myaccount.Set("1digit")}
		err := acctInOrder(t, func() error { _, err := e.svc.Account.Update(e.ctx, c, in); return err },
			acctStep{"bad username", 400, account.CodeGuardInvalidInput, func() {
				in = myaccount.UpdateAccountInput{Username: myaccount.Set("taken_name"), CustomData: myaccount.Set(map[string]any{"a": 1.0})}
			}},
			acctStep{"username ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldUsername, account.Edit) }},
			acctStep{"customData Off", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldCustomData, account.Edit) }},
			acctStep{"no profile scope", 400, account.CodeUnauthorized, func() { c.Scopes = []string{"openid", "profile"} }},
			acctStep{"no custom_data scope", 400, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"username taken", 422, account.CodeUsernameAlreadyInUse, func() { in.Username = myaccount.Set("fresh_name") }},
		)
		if err != nil {
			t.Fatalf("update: %v", err)
		}
		v := e.view(c)
		if v.Username != "fresh_name" || !reflect.DeepEqual(v.CustomData, map[string]any{"a": 1.0}) {
			t.Fatalf("after the update: %+v", v)
		}
	})

	t.Run("the body guard refuses a bad avatar, null custom data and a bad username", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.proved(e.member(acctWithPassword("guarded")))
		for name, in := range map[string]myaccount.UpdateAccountInput{
			"relative avatar":  {Avatar: myaccount.Set("/me.png")},
			"null customData":  {CustomData: myaccount.Null[map[string]any]()},
			"username shape":   {Username: myaccount.Set("has space")},
			"empty username":   {Username: myaccount.Set("")},
			"name not UTF-8":   {Name: myaccount.Set("\xff")},
			"very long avatar": {Avatar: myaccount.Set("https://example.com/" + string(make([]byte, 3000)))},
		} {
			_, err := e.svc.Account.Update(e.ctx, c, in)
			wantCode(t, name, err, 400, account.CodeGuardInvalidInput)
		}
	})

	t.Run("name and avatar are set and cleared without the header; each change is one event", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(acctWithPassword("plain"))
		v, err := e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{Name: myaccount.Set("Plain"), Avatar: myaccount.Set("https://example.com/a.png")})
		if err != nil || v.Name == nil || *v.Name != "Plain" || v.Avatar == nil || *v.Avatar != "https://example.com/a.png" {
			t.Fatalf("set: %v, %+v", err, v)
		}
		v, err = e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{Name: myaccount.Null[string](), Avatar: myaccount.Null[string]()})
		if err != nil || v.Name != nil || v.Avatar != nil || v.Username != "plain" {
			t.Fatalf("clear: %v, %+v", err, v)
		}
		if got := e.changes(); !slices.Equal(got, []myaccount.Change{myaccount.ChangeProfile, myaccount.ChangeProfile}) {
			t.Fatalf("changes: %v", got)
		}
	})

	t.Run("custom data is replaced whole, not merged", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "data", Password: acctPassword, CustomData: map[string]any{"old": true}})
		v, err := e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{CustomData: myaccount.Set(map[string]any{"level": 2.0})})
		if err != nil || !reflect.DeepEqual(v.CustomData, map[string]any{"level": 2.0}) {
			t.Fatalf("replace: %v, %+v", err, v.CustomData)
		}
		if got := e.changes(); !slices.Equal(got, []myaccount.Change{myaccount.ChangeCustomData}) {
			t.Fatalf("changes: %v", got)
		}
	})

	t.Run("an empty body changes nothing and answers the account", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(acctWithPassword("idle"))
		before := e.view(c)
		v, err := e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{})
		if err != nil || v.Username != "idle" || !v.UpdatedAt.Equal(before.UpdatedAt) || len(e.changes()) != 0 {
			t.Fatalf("empty update: %v, %+v, events %v", err, v, e.changes())
		}
	})

	t.Run("removing the username is refused when it is the last identifier", func(t *testing.T) {
		e := newAcctEnv(t)
		only := e.proved(e.member(acctWithPassword("only")))
		_, err := e.svc.Account.Update(e.ctx, only, myaccount.UpdateAccountInput{Username: myaccount.Null[string]()})
		wantCode(t, "last identifier", err, 400, account.CodeLastSignInMethodRequired)

		withEmail := e.proved(e.member(myaccount.CreateUserInput{Username: "spare", Password: acctPassword, PrimaryEmail: "spare@example.com"}))
		v, err := e.svc.Account.Update(e.ctx, withEmail, myaccount.UpdateAccountInput{Username: myaccount.Null[string]()})
		if err != nil || v.Username != "" || !v.Visible("username") {
			t.Fatalf("remove the username beside an email: %v, %+v", err, v)
		}
		if got := e.changes(); !slices.Equal(got, []myaccount.Change{myaccount.ChangeUsername}) {
			t.Fatalf("changes: %v", got)
		}
	})

	t.Run("the username policy answers 422 with the violation", func(t *testing.T) {
		e := newAcctEnv(t, func(c *myaccount.Config) {
			p := account.DefaultUsernamePolicy()
			p.AllowUppercase = false
			p.MaxLength = 10
			c.UsernamePolicy = &p
		})
		c := e.proved(e.member(acctWithPassword("lower")))
		for name, tc := range map[string]struct {
			username string
			code     account.Code
		}{
			"uppercase": {"Upper", account.UsernameViolationCode("uppercase_not_allowed")},
			"too long":  {"abcdefghijk", account.UsernameViolationCode("too_long")},
		} {
			_, err := e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{Username: myaccount.Set(tc.username)})
			wantCode(t, name, err, 422, tc.code)
		}
	})

	t.Run("usernames differing in case are distinct unless the policy says otherwise", func(t *testing.T) {
		for _, sensitive := range []bool{true, false} {
			e := newAcctEnv(t, func(c *myaccount.Config) {
				p := account.DefaultUsernamePolicy()
				p.CaseSensitive = sensitive
				c.UsernamePolicy = &p
			})
			e.member(acctWithPassword("casey"))
			c := e.proved(e.member(acctWithPassword("other")))
			_, err := e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{Username: myaccount.Set("Casey")})
			if sensitive && err != nil {
				t.Fatalf("case-sensitive: %v", err)
			}
			if !sensitive {
				wantCode(t, "case-insensitive", err, 422, account.CodeUsernameAlreadyInUse)
			}
		}
	})
}
