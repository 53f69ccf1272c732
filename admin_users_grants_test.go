package myaccount_test

import (
	"errors"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestAdminUserGrants(t *testing.T) {
	app := myaccount.Application{ID: "app", Name: "App", FirstParty: true}
	third := myaccount.Application{ID: "tp", Name: "Third", FirstParty: false}

	t.Run("only the user's unexpired grants are listed, whatever the provider returns", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		p.leaky = true
		id := e.user(myaccount.CreateUserInput{Username: "ann"})
		other := e.user(myaccount.CreateUserInput{Username: "bob"})
		_, g := p.signIn(id, app, time.Hour)
		_, g3 := p.signIn(id, third, time.Hour)
		p.signIn(id, app, time.Minute)
		p.signIn(other, app, time.Hour)
		e.clock.Advance(2 * time.Minute)
		v, err := e.svc.Admin.UserGrants(e.ctx, id, myaccount.ListGrantsInput{})
		if err != nil || len(v.Grants) != 2 || v.Grants[0].ID != g || v.Grants[1].ID != g3 {
			t.Fatalf("grants %+v, %v", v, err)
		}
		if v.Grants[0].Payload["kind"] != "Grant" || v.Grants[0].Payload["accountId"] != id || v.Grants[0].Application.Name != "App" {
			t.Fatalf("grant shape %+v", v.Grants[0])
		}
		v, err = e.svc.Admin.UserGrants(e.ctx, id, myaccount.ListGrantsInput{AppType: myaccount.AppTypeThirdParty})
		if err != nil || len(v.Grants) != 1 || v.Grants[0].ID != g3 {
			t.Fatalf("third-party grants %+v, %v", v, err)
		}
		_, err = e.svc.Admin.UserGrants(e.ctx, id, myaccount.ListGrantsInput{AppType: "all"})
		wantCode(t, "bad appType", err, 400, account.CodeGuardInvalidInput)
	})

	t.Run("revoking: the user's grant; another user's is 404; an expired one is left alone", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		id := e.user(myaccount.CreateUserInput{Username: "ann"})
		other := e.user(myaccount.CreateUserInput{Username: "bob"})
		_, g := p.signIn(id, app, time.Hour)
		_, short := p.signIn(id, app, time.Minute)
		_, theirs := p.signIn(other, app, time.Hour)
		wantCode(t, "another user's", e.svc.Admin.RevokeUserGrant(e.ctx, id, theirs), 404, account.CodeInvalidGrant)
		wantCode(t, "unknown", e.svc.Admin.RevokeUserGrant(e.ctx, id, "nope"), 404, account.CodeInvalidGrant)
		wantCode(t, "empty id", e.svc.Admin.RevokeUserGrant(e.ctx, id, ""), 400, account.CodeGuardInvalidInput)
		if err := e.svc.Admin.RevokeUserGrant(e.ctx, id, g); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(2 * time.Minute)
		if err := e.svc.Admin.RevokeUserGrant(e.ctx, id, short); err != nil {
			t.Fatalf("expired grant: %v", err)
		}
		p.mu.Lock()
		_, gone := p.grants[g]
		_, kept := p.grants[short]
		p.mu.Unlock()
		if gone || !kept {
			t.Fatalf("revoked grant still there: %v; expired grant revoked: %v", gone, !kept)
		}
	})

	t.Run("a provider failure is an error, not an empty list", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		p.fail = errors.New("provider down")
		if _, err := e.svc.Admin.UserGrants(e.ctx, "u", myaccount.ListGrantsInput{}); err == nil {
			t.Fatal("no error")
		}
		if err := e.svc.Admin.RevokeUserGrant(e.ctx, "u", "g"); err == nil || errors.Is(err, myaccount.ErrInvalidGrant) {
			t.Fatalf("revoke: %v", err)
		}
	})

	t.Run("without a session provider", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		_, err := e.svc.Admin.UserGrants(t.Context(), "u", myaccount.ListGrantsInput{})
		if !errors.Is(err, myaccount.ErrNoSessionProvider) {
			t.Fatalf("list: %v", err)
		}
		if err := e.svc.Admin.RevokeUserGrant(t.Context(), "u", "g"); !errors.Is(err, myaccount.ErrNoSessionProvider) {
			t.Fatalf("revoke: %v", err)
		}
	})
}
