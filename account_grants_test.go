package myaccount_test

import (
	"errors"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestGrants(t *testing.T) {
	t.Run("the list checks the query, the header, the session field, then the sessions scope", func(t *testing.T) {
		e, _ := newAcctSessionsEnv(t)
		full := e.proved(e.member(acctWithPassword("grantee")))
		c := acctWithout(full, myaccount.ScopeSessions)
		c.VerificationID = ""
		e.setField(account.FieldSession, account.Off)
		in := myaccount.ListGrantsInput{AppType: "secondParty"}
		err := acctInOrder(t, func() error { _, err := e.svc.Account.Grants(e.ctx, c, in); return err },
			acctStep{"unknown appType", 400, account.CodeGuardInvalidInput, func() { in.AppType = myaccount.AppTypeAny }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"field Off", 400, account.CodeFieldNotEnabled, func() { e.setField(account.FieldSession, account.ReadOnly) }},
			acctStep{"no sessions scope", 401, account.CodeUnauthorized, func() { c = full }},
		)
		if err != nil {
			t.Fatalf("a ReadOnly field lists: %v", err)
		}
	})

	t.Run("the list holds the caller's active grants, filtered by application type", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		c := e.proved(e.member(acctWithPassword("apps")))
		other := e.member(acctWithPassword("notme"))
		_, ours := p.signIn(c.UserID, acctFirstParty, time.Hour)
		_, partner := p.signIn(c.UserID, acctOtherApp, time.Hour)
		p.signIn(c.UserID, acctFirstParty, time.Minute) // expires below
		p.signIn(other.UserID, acctFirstParty, time.Hour)
		p.leaky = true // the library leaves the other user's grant out itself
		e.clock.Advance(time.Minute)
		for _, tc := range []struct {
			appType myaccount.AppType
			want    []string
		}{
			{myaccount.AppTypeAny, []string{ours, partner}},
			{myaccount.AppTypeFirstParty, []string{ours}},
			{myaccount.AppTypeThirdParty, []string{partner}},
		} {
			v, err := e.svc.Account.Grants(e.ctx, c, myaccount.ListGrantsInput{AppType: tc.appType})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, g := range v.Grants {
				got = append(got, g.ID)
				if g.Payload["kind"] != "Grant" || g.Payload["accountId"] != c.UserID || g.Payload["clientId"] != g.Application.ID || g.ExpiresAt == 0 {
					t.Errorf("grant %s: %+v", g.ID, g)
				}
			}
			if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
				t.Errorf("appType %q: got %v, want %v", tc.appType, got, tc.want)
			}
		}
	})

	t.Run("a revoke checks the id, the header, the field, the scope, first party, then the grant", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		full := e.proved(e.member(acctWithPassword("revokes")))
		_, gid := p.signIn(full.UserID, acctOtherApp, time.Hour)
		c := acctThirdParty(acctWithout(full, myaccount.ScopeSessions))
		c.VerificationID = ""
		e.setField(account.FieldSession, account.ReadOnly)
		id := ""
		err := acctInOrder(t, func() error { return e.svc.Account.RevokeGrant(e.ctx, c, id) },
			acctStep{"empty id", 400, account.CodeGuardInvalidInput, func() { id = "nope" }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"field ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldSession, account.Edit) }},
			acctStep{"no sessions scope", 401, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c = full }},
			acctStep{"no such grant", 404, account.CodeInvalidGrant, func() { id = gid }},
		)
		if err != nil {
			t.Fatalf("revoke: %v", err)
		}
		if _, err := p.Grant(e.ctx, gid); !errors.Is(err, account.ErrNotFound) {
			t.Fatalf("the grant is still there: %v", err)
		}
		wantCode(t, "revoked again", e.svc.Account.RevokeGrant(e.ctx, c, gid), 404, account.CodeInvalidGrant)
	})

	t.Run("another user's grant and an expired one are 404 invalid_grant alike", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		c := e.proved(e.member(acctWithPassword("prober")))
		other := e.member(acctWithPassword("owner"))
		_, theirs := p.signIn(other.UserID, acctFirstParty, time.Hour)
		_, old := p.signIn(c.UserID, acctFirstParty, time.Minute)
		e.clock.Advance(time.Minute)
		wantCode(t, "theirs", e.svc.Account.RevokeGrant(e.ctx, c, theirs), 404, account.CodeInvalidGrant)
		wantCode(t, "expired", e.svc.Account.RevokeGrant(e.ctx, c, old), 404, account.CodeInvalidGrant)
		if _, err := p.Grant(e.ctx, theirs); err != nil {
			t.Fatalf("the other user's grant was revoked: %v", err)
		}
	})

	t.Run("a provider failure is an internal error", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		c := e.proved(e.member(acctWithPassword("down")))
		p.fail = errors.New("provider down")
		if _, err := e.svc.Account.Grants(e.ctx, c, myaccount.ListGrantsInput{}); !errors.Is(err, p.fail) {
			t.Fatalf("Grants: %v", err)
		}
		if err := e.svc.Account.RevokeGrant(e.ctx, c, "g1"); !errors.Is(err, p.fail) {
			t.Fatalf("RevokeGrant: %v", err)
		}
	})
}
