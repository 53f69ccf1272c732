package myaccount_test

import (
	"slices"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestUpdateProfile(t *testing.T) {
	t.Run("checks in order: body, profile field, profile scope, address scope, first party", func(t *testing.T) {
		e := newAcctEnv(t)
		full := e.member(acctWithPassword("claims"))
		c := acctThirdParty(full)
		c.Scopes = []string{"openid"}
		e.setField(account.FieldProfile, account.ReadOnly)
		in := myaccount.UpdateProfileInput{Nickname: myaccount.Null[string]()}
		err := acctInOrder(t, func() error { _, err := e.svc.Account.UpdateProfile(e.ctx, c, in); return err },
			acctStep{"null claim", 400, account.CodeGuardInvalidInput, func() {
				in = myaccount.UpdateProfileInput{Nickname: myaccount.Set("Nick"), Address: myaccount.Set(account.Address{Country: "NZ"})}
			}},
			acctStep{"profile ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldProfile, account.Edit) }},
			acctStep{"no profile scope", 400, account.CodeUnauthorized, func() { c.Scopes = []string{"openid", "profile"} }},
			acctStep{"no address scope", 400, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c = full }},
		)
		if err != nil {
			t.Fatalf("update: %v", err)
		}
	})

	t.Run("a shallow merge: given claims overwrite, others stay, the address is replaced whole", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(acctWithPassword("merge"))
		if _, err := e.svc.Account.UpdateProfile(e.ctx, c, myaccount.UpdateProfileInput{
			GivenName: myaccount.Set("Ada"), Website: myaccount.Set("https://ada.example"),
			Address: myaccount.Set(account.Address{Locality: "London", Country: "UK"}),
		}); err != nil {
			t.Fatal(err)
		}
		p, err := e.svc.Account.UpdateProfile(e.ctx, c, myaccount.UpdateProfileInput{
			GivenName: myaccount.Set("Augusta"), Address: myaccount.Set(account.Address{Country: "USA"}),
		})
		if err != nil {
			t.Fatal(err)
		}
		if p.GivenName != "Augusta" || p.Website != "https://ada.example" || p.Address == nil || *p.Address != (account.Address{Country: "USA"}) {
			t.Fatalf("merged profile: %+v, address %+v", p, p.Address)
		}
		if got := e.changes(); !slices.Equal(got, []myaccount.Change{myaccount.ChangeProfile, myaccount.ChangeProfile}) {
			t.Fatalf("changes: %v", got)
		}
	})

	t.Run("without the address scope the answer holds no address, and the stored one stays", func(t *testing.T) {
		e := newAcctEnv(t)
		withAddress := e.member(acctWithPassword("hidden"))
		c := acctWithout(withAddress, myaccount.ScopeAddress)
		if _, err := e.svc.Account.UpdateProfile(e.ctx, withAddress, myaccount.UpdateProfileInput{Address: myaccount.Set(account.Address{Region: "Otago"})}); err != nil {
			t.Fatal(err)
		}
		p, err := e.svc.Account.UpdateProfile(e.ctx, c, myaccount.UpdateProfileInput{Profile: myaccount.Set("HI"), MiddleName: myaccount.Set("M")})
		if err != nil || p.Profile != "HI" || p.MiddleName != "M" || p.Address != nil {
			t.Fatalf("without address: %v, %+v", err, p)
		}
		if v := e.view(withAddress); v.Profile.Address == nil || v.Profile.Address.Region != "Otago" {
			t.Fatalf("the stored address: %+v", v.Profile)
		}
		if v := e.view(c); v.Profile.Address != nil {
			t.Fatalf("the view shows the address without its scope: %+v", v.Profile)
		}
	})

	t.Run("a claim or an address part that is not valid text is refused", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(acctWithPassword("invalid"))
		for name, in := range map[string]myaccount.UpdateProfileInput{
			"claim":        {Locale: myaccount.Set("\xfe")},
			"null address": {Address: myaccount.Null[account.Address]()},
			"address part": {Address: myaccount.Set(account.Address{Country: "\xfe"})},
		} {
			_, err := e.svc.Account.UpdateProfile(e.ctx, c, in)
			wantCode(t, name, err, 400, account.CodeGuardInvalidInput)
		}
	})
}
