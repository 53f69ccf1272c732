package myaccount_test

import (
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestIdentityToken(t *testing.T) {
	t.Run("without the identities scope it is 403 auth.forbidden, also for a third party", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "scoped"})
		e.link(c, "mock-social", "s-id", map[string]any{"access_token": "at"})
		_, err := e.svc.Account.IdentityToken(e.ctx, acctWithout(c, myaccount.ScopeIdentities), "mock-social")
		wantCode(t, "no scope", err, 403, account.CodeForbidden)
		if tok, err := e.svc.Account.IdentityToken(e.ctx, acctThirdParty(c), "mock-social"); err != nil || tok.AccessToken != "at" {
			t.Fatalf("third party: %v, %+v", err, tok)
		}
	})

	t.Run("no token set, or one without an access token, is 404", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "empty"})
		_, err := e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		wantCode(t, "none", err, 404, account.CodeTokenNotFound)
		e.link(c, "mock-social", "e-id", map[string]any{"refresh_token": "rt"}) // no access token: not kept
		_, err = e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		wantCode(t, "no access token", err, 404, account.CodeTokenNotFound)
	})

	t.Run("expires_in counts down; an expired token is refreshed through the connector", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "refresh"})
		e.link(c, "mock-social", "r-id", map[string]any{"access_token": "at", "refresh_token": "rt", "expires_in": 3600.0, "scope": "s"})
		e.clock.Advance(10 * time.Minute)
		tok, err := e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		if err != nil || tok.ExpiresIn != 3000 {
			t.Fatalf("token: %v, %+v; want 3000 seconds left", err, tok)
		}
		e.clock.Advance(time.Hour)
		tok, err = e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		if err != nil || tok.AccessToken != "refreshed-rt" || tok.TokenType != "Bearer" {
			t.Fatalf("refreshed: %v, %+v", err, tok)
		}
		if tok, err := e.svc.Account.IdentityToken(e.ctx, c, "mock-social"); err != nil || tok.AccessToken != "refreshed-rt" {
			t.Fatalf("the refreshed token is stored: %v, %+v", err, tok)
		}
	})

	t.Run("an expired token without a refresh token is 401 and dropped", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "stale"})
		e.link(c, "mock-social", "x-id", map[string]any{"access_token": "at", "expires_in": 60.0})
		e.clock.Advance(time.Minute)
		_, err := e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		wantCode(t, "expired", err, 401, account.CodeAccessTokenExpired)
		_, err = e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		wantCode(t, "then gone", err, 404, account.CodeTokenNotFound)
	})

	t.Run("a connector that cannot refresh is 401 expired; a refused refresh is a connector error", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "norefresh"})
		e.link(c, "other-social", "o-id", map[string]any{"access_token": "at", "refresh_token": "rt", "expires_in": 60.0})
		e.link(c, "mock-social", "m-id", map[string]any{"access_token": "at", "refresh_token": "revoked", "expires_in": 60.0})
		e.clock.Advance(time.Minute)
		_, err := e.svc.Account.IdentityToken(e.ctx, c, "other-social")
		wantCode(t, "no refresher", err, 401, account.CodeAccessTokenExpired)
		_, err = e.svc.Account.IdentityToken(e.ctx, c, "mock-social")
		wantCode(t, "refused", err, 400, account.CodeConnectorGeneral)
	})
}

func TestReplaceIdentityToken(t *testing.T) {
	t.Run("checks in order: body, scope (403), record, target, owner, token", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		full := e.member(myaccount.CreateUserInput{Username: "tokener"})
		e.link(full, "mock-social", "mine", map[string]any{"access_token": "old", "scope": "a"})
		other := e.social(full, "other-social", "mine", map[string]any{"access_token": "x"})
		notLinked := e.social(full, "mock-social", "not-linked", map[string]any{"access_token": "x"})
		noToken := e.social(full, "mock-social", "mine", nil)
		good := e.social(full, "mock-social", "mine", map[string]any{"access_token": "new", "scope": "a b"})
		c := acctThirdParty(acctWithout(full, myaccount.ScopeIdentities)) // no first-party guard
		in := myaccount.UpdateAccessTokenInput{}
		err := acctInOrder(t, func() error { _, err := e.svc.Account.ReplaceIdentityToken(e.ctx, c, "mock-social", in); return err },
			acctStep{"no record id", 400, account.CodeGuardInvalidInput, func() { in.VerificationRecordID = "bogus" }},
			acctStep{"no identities scope", 403, account.CodeForbidden, func() { c.Scopes = full.Scopes }},
			acctStep{"bogus record", 400, account.CodeRecordNotFound, func() { in.VerificationRecordID = other }},
			acctStep{"another target", 422, account.CodeSocialVerificationInvalidTarget, func() { in.VerificationRecordID = notLinked }},
			acctStep{"not the caller's identity", 422, account.CodeIdentityNotInCurrentUser, func() { in.VerificationRecordID = noToken }},
			acctStep{"no token in the record", 422, account.CodeSocialVerificationTokenNotFound, func() { in.VerificationRecordID = good }},
		)
		if err != nil {
			t.Fatalf("replace: %v", err)
		}
		if tok, err := e.svc.Account.IdentityToken(e.ctx, c, "mock-social"); err != nil || tok.AccessToken != "new" || tok.Scope != "a b" {
			t.Fatalf("the new token: %v, %+v", err, tok)
		}
	})

	t.Run("the invalid target names both targets", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "targets"})
		rec := e.social(c, "other-social", "t-id", map[string]any{"access_token": "x"})
		_, err := e.svc.Account.ReplaceIdentityToken(e.ctx, c, "mock-social", myaccount.UpdateAccessTokenInput{VerificationRecordID: rec})
		wantCode(t, "another target", err, 422, account.CodeSocialVerificationInvalidTarget)
		data, _ := err.(*account.Error).Data.(map[string]any)
		if data["expected"] != "mock-social" || data["actual"] != "other-social" {
			t.Fatalf("data %v", data)
		}
	})
}
