package myaccount_test

import (
	"slices"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestLinkIdentity(t *testing.T) {
	t.Run("checks in order: body, social field, identities scope (401), first party, header, record, owner, own target", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		holder := e.member(myaccount.CreateUserInput{Username: "holder"})
		e.link(holder, "mock-social", "taken-id", nil)
		full := e.proved(e.member(acctWithPassword("linker")))
		taken := e.social(full, "mock-social", "taken-id", nil)
		fresh := e.social(full, "mock-social", "fresh-id", nil)
		c := acctThirdParty(acctWithout(full, myaccount.ScopeIdentities))
		c.VerificationID = ""
		e.setField(account.FieldSocial, account.ReadOnly)
		in := myaccount.LinkIdentityInput{}
		err := acctInOrder(t, func() error { return e.svc.Account.LinkIdentity(e.ctx, c, in) },
			acctStep{"no record id", 400, account.CodeGuardInvalidInput, func() { in.NewIdentifierVerificationRecordID = "bogus" }},
			acctStep{"field ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldSocial, account.Edit) }},
			acctStep{"no identities scope", 401, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"bogus record", 400, account.CodeRecordNotFound, func() { in.NewIdentifierVerificationRecordID = taken }},
			acctStep{"another user's identity", 422, account.CodeIdentityAlreadyInUse, func() { in.NewIdentifierVerificationRecordID = fresh }},
		)
		if err != nil {
			t.Fatalf("link: %v", err)
		}
		v := e.view(c)
		if id, ok := v.Identities["mock-social"]; !ok || id.UserID != "fresh-id" || id.Details["email"] != "fresh-id@social.example" {
			t.Fatalf("identities: %+v", v.Identities)
		}
		if got := e.changes(); !slices.Contains(got, myaccount.ChangeIdentity) {
			t.Fatalf("changes: %v", got)
		}
		err = e.svc.Account.LinkIdentity(e.ctx, c, in)
		wantCode(t, "the record is used up", err, 400, account.CodeRecordNotFound)
		err = e.svc.Account.LinkIdentity(e.ctx, c, myaccount.LinkIdentityInput{NewIdentifierVerificationRecordID: e.social(c, "mock-social", "second-id", nil)})
		wantCode(t, "a second identity at the target", err, 422, account.CodeIdentityAlreadyInUse)
	})

	t.Run("an unverified social record and another user's are not found", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.proved(e.member(acctWithPassword("strict")))
		other := e.member(myaccount.CreateUserInput{Username: "lender"})
		a, err := e.svc.Account.StartSocialVerification(e.ctx, c, myaccount.StartSocialInput{ConnectorID: "mock-social", State: "s", RedirectURI: "https://app.example/cb"})
		if err != nil {
			t.Fatal(err)
		}
		for name, id := range map[string]string{
			"unverified":     a.VerificationRecordID,
			"another user's": e.social(other, "mock-social", "lent-id", nil),
			"not social":     c.VerificationID,
		} {
			wantCode(t, name, e.svc.Account.LinkIdentity(e.ctx, c, myaccount.LinkIdentityInput{NewIdentifierVerificationRecordID: id}), 400, account.CodeRecordNotFound)
		}
	})

	t.Run("a user without a password, email or phone links without the header", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "lightweight"})
		e.link(c, "mock-social", "light-id", nil)
		if _, ok := e.view(c).Identities["mock-social"]; !ok {
			t.Fatal("not linked")
		}
	})

	t.Run("a connector removed since the verification is 422 invalid_connector_id", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "orphan"})
		rec := e.social(c, "other-social", "orphan-id", nil)
		without := newSvcEnv(t, e.store, withTestMFA(t))
		err := without.svc.Account.LinkIdentity(e.ctx, c, myaccount.LinkIdentityInput{NewIdentifierVerificationRecordID: rec})
		wantCode(t, "removed connector", err, 422, account.CodeInvalidConnectorID)
	})

	t.Run("the record's token set is stored for the identity", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "tokens"})
		e.link(c, "mock-social", "tok-id", map[string]any{"access_token": "at-1", "scope": "profile custom_scope", "token_type": "Bearer"})
		tok, err := e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		if err != nil || tok.AccessToken != "at-1" || tok.Scope != "profile custom_scope" || tok.ExpiresIn != 0 {
			t.Fatalf("token: %v, %+v", err, tok)
		}
	})
}

func TestReplaceIdentity(t *testing.T) {
	t.Run("an upsert: creates the identity, then replaces it with another provider account", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.proved(e.member(acctWithPassword("replacer")))
		replace := func(socialID string, tokens map[string]any) error {
			return e.svc.Account.ReplaceIdentity(e.ctx, c, myaccount.LinkIdentityInput{NewIdentifierVerificationRecordID: e.social(c, "mock-social", socialID, tokens)})
		}
		if err := replace("first-social-user-id", map[string]any{"access_token": "at-first"}); err != nil {
			t.Fatalf("create: %v", err)
		}
		if err := replace("first-social-user-id", nil); err != nil {
			t.Fatalf("same account again: %v", err)
		}
		if _, err := e.svc.Account.IdentityToken(e.ctx, c, "mock-social"); err != nil {
			t.Fatalf("the same provider account keeps its token: %v", err)
		}
		if err := replace("second-social-user-id", nil); err != nil {
			t.Fatalf("replace: %v", err)
		}
		if id := e.view(c).Identities["mock-social"]; id.UserID != "second-social-user-id" {
			t.Fatalf("identity %+v", id)
		}
		_, err := e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		wantCode(t, "the old account's token is gone", err, 404, account.CodeTokenNotFound)
	})

	t.Run("the checks are LinkIdentity's: scope 401, then the header", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		full := e.member(acctWithPassword("replacing"))
		c := acctWithout(full, myaccount.ScopeIdentities)
		rec := e.social(full, "mock-social", "x-id", nil)
		in := myaccount.LinkIdentityInput{NewIdentifierVerificationRecordID: rec}
		err := acctInOrder(t, func() error { return e.svc.Account.ReplaceIdentity(e.ctx, c, in) },
			acctStep{"no identities scope", 401, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c = e.proved(full) }},
		)
		if err != nil {
			t.Fatalf("replace: %v", err)
		}
	})

	t.Run("another user's provider account is still refused", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		e.link(e.member(myaccount.CreateUserInput{Username: "first"}), "mock-social", "shared-id", nil)
		c := e.member(myaccount.CreateUserInput{Username: "second"})
		err := e.svc.Account.ReplaceIdentity(e.ctx, c, myaccount.LinkIdentityInput{NewIdentifierVerificationRecordID: e.social(c, "mock-social", "shared-id", nil)})
		wantCode(t, "taken", err, 422, account.CodeIdentityAlreadyInUse)
	})
}

func TestUnlinkIdentity(t *testing.T) {
	t.Run("checks in order: social field, identities scope (400), first party, header, identity, last identifier", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		full := e.proved(e.member(myaccount.CreateUserInput{Password: acctPassword, PrimaryEmail: "u@example.com"}))
		e.link(full, "mock-social", "gone-id", map[string]any{"access_token": "at"})
		e.edit(full, myaccount.UpdateUserInput{PrimaryEmail: myaccount.Null[string]()})
		c := acctThirdParty(acctWithout(full, myaccount.ScopeIdentities))
		c.VerificationID = ""
		e.setField(account.FieldSocial, account.Off)
		target := "other-social"
		err := acctInOrder(t, func() error { return e.svc.Account.UnlinkIdentity(e.ctx, c, target) },
			acctStep{"field Off", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldSocial, account.Edit) }},
			acctStep{"no identities scope", 400, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"no identity there", 404, account.CodeIdentityNotExist, func() { target = "mock-social" }},
			acctStep{"last identifier", 400, account.CodeLastSignInMethodRequired, func() {
				e.edit(c, myaccount.UpdateUserInput{Username: myaccount.Set("spare")})
			}},
		)
		if err != nil {
			t.Fatalf("unlink: %v", err)
		}
		if v := e.view(c); len(v.Identities) != 0 || v.Username != "spare" {
			t.Fatalf("after the unlink: %+v", v)
		}
		_, err = e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		wantCode(t, "the token set went with it", err, 404, account.CodeTokenNotFound)
	})

	t.Run("one of two identities goes, the other stays, without the header for a lightweight user", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "two"})
		e.edit(c, myaccount.UpdateUserInput{Username: myaccount.Null[string]()})
		e.link(c, "mock-social", "a-id", nil)
		e.link(c, "other-social", "b-id", nil)
		if err := e.svc.Account.UnlinkIdentity(e.ctx, c, "mock-social"); err != nil {
			t.Fatalf("unlink one of two: %v", err)
		}
		wantCode(t, "the last one", e.svc.Account.UnlinkIdentity(e.ctx, c, "other-social"), 400, account.CodeLastSignInMethodRequired)
		if v := e.view(c); len(v.Identities) != 1 || v.Identities["other-social"].UserID != "b-id" {
			t.Fatalf("identities %+v", v.Identities)
		}
	})
}
