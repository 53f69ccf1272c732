package myaccount_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
)

// withAdminConnectors registers the connectors of the administrator's
// linking tests: the mock as "github" and as "google" (sessionless), a
// social connector that needs its session, and an email connector.
func withAdminConnectors(c *myaccount.Config) {
	c.Connectors = []connector.Connector{
		mock.Social{IDValue: "github", TargetValue: "github", BaseURL: "https://app.example.com"},
		mock.Social{IDValue: "google", TargetValue: "google"},
		sessionBound{mock.Social{IDValue: "bound", TargetValue: "bound"}},
		connector.Static{IDValue: "mail", TargetValue: "mail", KindValue: connector.KindEmail},
	}
}

// sessionBound is a social connector that is not connector.Sessionless.
type sessionBound struct{ m mock.Social }

func (b sessionBound) ID() string           { return b.m.ID() }
func (b sessionBound) Target() string       { return b.m.Target() }
func (b sessionBound) Kind() connector.Kind { return b.m.Kind() }
func (b sessionBound) AuthorizationURI(ctx context.Context, req connector.AuthorizationRequest) (string, []byte, error) {
	return b.m.AuthorizationURI(ctx, req)
}
func (b sessionBound) Verify(ctx context.Context, session []byte, data map[string]any) (*connector.SocialUser, *connector.TokenSet, error) {
	return b.m.Verify(ctx, session, data)
}

// The administrator's identity routes: POST links through a connector, PUT
// adds or replaces directly, DELETE unlinks; a social identity belongs to
// one user.
func TestAdminIdentities(t *testing.T) {
	ctx := context.Background()
	e, hook := newAdminEnv(t, withAdminConnectors)
	a := e.user(myaccount.CreateUserInput{Username: "ida"})
	b := e.user(myaccount.CreateUserInput{Username: "idb"})
	link := func(user, connectorID, socialID string) error {
		_, err := e.svc.Admin.LinkIdentity(ctx, user, myaccount.AdminLinkIdentityInput{ConnectorID: connectorID, ConnectorData: map[string]any{"userId": socialID}})
		return err
	}
	putTokenSet := func(t *testing.T, target string) {
		t.Helper()
		if err := e.store.PutTokenSet(ctx, &account.TokenSet{UserID: a, Target: target, Sealed: []byte("sealed")}); err != nil {
			t.Fatal(err)
		}
	}
	hasTokenSet := func(t *testing.T, target string) bool {
		t.Helper()
		_, err := e.store.GetTokenSet(ctx, a, target)
		if err != nil && !errors.Is(err, account.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}

	t.Run("POST links the social user the connector makes of connectorData", func(t *testing.T) {
		ids, err := e.svc.Admin.LinkIdentity(ctx, a, myaccount.AdminLinkIdentityInput{ConnectorID: "github", ConnectorData: map[string]any{
			"code": "c1", "state": "st", "redirectUri": "https://app.example.com/cb", "userId": "gh-a", "email": "a@gh.example",
			"tokenResponse": map[string]any{"access_token": "at"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		gh := ids["github"]
		raw, _ := gh.Details["rawData"].(map[string]any)
		if gh.UserID != "gh-a" || gh.Details["id"] != "gh-a" || gh.Details["email"] != "a@gh.example" || raw["state"] != "st" || raw["redirectUri"] != "https://app.example.com/cb" {
			t.Fatalf("linked: %+v", ids)
		}
		if _, ok := raw["tokenResponse"]; ok {
			t.Fatalf("the provider's tokens are among the details: %+v", raw)
		}
		if hasTokenSet(t, "github") {
			t.Fatal("the administrator's link kept a token set")
		}
		if ev := hook.last(t); ev.UserID != a || !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangeIdentity}) {
			t.Fatalf("event: %+v", ev)
		}
	})
	t.Run("POST replaces the user's identity at the target, as Logto does", func(t *testing.T) {
		if err := link(a, "github", "gh-a2"); err != nil {
			t.Fatal(err)
		}
		if u, _ := e.svc.Admin.User(ctx, a); u.Identities["github"].UserID != "gh-a2" {
			t.Fatalf("not replaced: %+v", u.Identities)
		}
		if err := link(a, "github", "gh-a"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("an identity is one user's", func(t *testing.T) {
		wantCode(t, "POST of another user's identity", link(b, "github", "gh-a"), 422, account.CodeIdentityAlreadyInUse)
		_, _, err := e.svc.Admin.ReplaceIdentity(ctx, b, "github", myaccount.AdminIdentityInput{UserID: "gh-a"})
		wantCode(t, "PUT of another user's identity", err, 422, account.CodeIdentityAlreadyInUse)
		if u, _ := e.svc.Admin.User(ctx, a); u.Identities["github"].UserID != "gh-a" {
			t.Fatalf("a refused link changed the identity: %+v", u.Identities)
		}
		if u, _ := e.svc.Admin.User(ctx, b); len(u.Identities) != 0 {
			t.Fatalf("a refused link gave b an identity: %+v", u.Identities)
		}
	})
	t.Run("POST's refusals, in Logto's order", func(t *testing.T) {
		data := map[string]any{"userId": "x"}
		for _, c := range []struct {
			name   string
			user   string
			in     myaccount.AdminLinkIdentityInput
			status int
			code   account.Code
		}{
			{"no connectorId", a, myaccount.AdminLinkIdentityInput{ConnectorData: data}, 400, account.CodeGuardInvalidInput},
			{"no connectorData", a, myaccount.AdminLinkIdentityInput{ConnectorID: "github"}, 400, account.CodeGuardInvalidInput},
			{"a connectorId not UTF-8", a, myaccount.AdminLinkIdentityInput{ConnectorID: "\xff", ConnectorData: data}, 400, account.CodeGuardInvalidInput},
			{"an unknown connector", a, myaccount.AdminLinkIdentityInput{ConnectorID: "nope", ConnectorData: data}, 404, account.CodeEntityNotFound},
			{"an unknown connector for nobody", "nobody", myaccount.AdminLinkIdentityInput{ConnectorID: "nope", ConnectorData: data}, 404, account.CodeEntityNotFound},
			{"nobody", "nobody", myaccount.AdminLinkIdentityInput{ConnectorID: "github", ConnectorData: data}, 404, account.CodeEntityNotFound},
			{"an email connector", a, myaccount.AdminLinkIdentityInput{ConnectorID: "mail", ConnectorData: data}, 422, account.CodeInvalidConnectorID},
			{"a connector that needs its session", a, myaccount.AdminLinkIdentityInput{ConnectorID: "bound", ConnectorData: data}, 501, account.CodeConnectorNotImplemented},
			{"data the connector refuses", a, myaccount.AdminLinkIdentityInput{ConnectorID: "github", ConnectorData: map[string]any{"code": "c"}}, 400, account.CodeConnectorInvalidResponse},
			{"a social user too long for an identity", a, myaccount.AdminLinkIdentityInput{ConnectorID: "github", ConnectorData: map[string]any{"userId": strings.Repeat("x", myaccount.MaxIdentityFieldLength+1)}}, 400, account.CodeConnectorInvalidResponse},
		} {
			_, err := e.svc.Admin.LinkIdentity(ctx, c.user, c.in)
			wantCode(t, c.name, err, c.status, c.code)
		}
		if u, _ := e.svc.Admin.User(ctx, a); u.Identities["github"].UserID != "gh-a" || len(u.Identities) != 1 {
			t.Fatalf("a refused link changed the identities: %+v", u.Identities)
		}
	})
	t.Run("malformed direct writes are 400, before the user is looked up", func(t *testing.T) {
		deep := map[string]any{}
		for range myaccount.MaxCustomDataDepth {
			deep = map[string]any{"d": deep}
		}
		long := strings.Repeat("t", myaccount.MaxIdentityFieldLength+1)
		for name, in := range map[string]struct {
			target string
			myaccount.AdminIdentityInput
		}{
			"nothing":             {},
			"no user id":          {target: "github"},
			"no target":           {"", myaccount.AdminIdentityInput{UserID: "x"}},
			"a target with NUL":   {"a\x00", myaccount.AdminIdentityInput{UserID: "x"}},
			"a target too long":   {long, myaccount.AdminIdentityInput{UserID: "x"}},
			"a user id too long":  {"t", myaccount.AdminIdentityInput{UserID: long}},
			"details too deep":    {"t", myaccount.AdminIdentityInput{UserID: "x", Details: deep}},
			"a user id not UTF-8": {"t", myaccount.AdminIdentityInput{UserID: "\xff"}},
		} {
			_, _, err := e.svc.Admin.ReplaceIdentity(ctx, "nobody", in.target, in.AdminIdentityInput)
			wantCode(t, "PUT "+name, err, 400, account.CodeGuardInvalidInput)
		}
		_, _, err := e.svc.Admin.ReplaceIdentity(ctx, "nobody", "t", myaccount.AdminIdentityInput{UserID: "x"})
		wantCode(t, "PUT for nobody", err, 404, account.CodeEntityNotFound)
	})
	t.Run("PUT adds or replaces; a token set of another provider account goes", func(t *testing.T) {
		ids, created, err := e.svc.Admin.ReplaceIdentity(ctx, a, "google", myaccount.AdminIdentityInput{UserID: "g-a"})
		if err != nil || !created || len(ids) != 2 || ids["google"].UserID != "g-a" {
			t.Fatalf("added: %+v, created %v, %v", ids, created, err)
		}
		putTokenSet(t, "google")
		ids, created, err = e.svc.Admin.ReplaceIdentity(ctx, a, "google", myaccount.AdminIdentityInput{UserID: "g-a", Details: map[string]any{"v": 2}})
		if err != nil || created || fmt.Sprint(ids["google"].Details["v"]) != "2" {
			t.Fatalf("the same account again: %+v, created %v, %v", ids, created, err)
		}
		if !hasTokenSet(t, "google") {
			t.Fatal("the same provider account lost its token set")
		}
		if _, _, err := e.svc.Admin.ReplaceIdentity(ctx, a, "google", myaccount.AdminIdentityInput{UserID: "g-a-other"}); err != nil {
			t.Fatal(err)
		}
		if hasTokenSet(t, "google") {
			t.Fatal("a replaced provider account kept its token set")
		}
		// The replaced identity is free for another user.
		if err := link(b, "google", "g-a"); err != nil {
			t.Fatalf("the replaced identity is still held: %v", err)
		}
	})
	t.Run("DELETE unlinks with the token set, and answers the user", func(t *testing.T) {
		putTokenSet(t, "github")
		v, err := e.svc.Admin.UnlinkIdentity(ctx, a, "github")
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := v.Identities["github"]; ok || v.ID != a {
			t.Fatalf("unlinked: %+v", v.Identities)
		}
		if hasTokenSet(t, "github") {
			t.Fatal("the token set stayed")
		}
		if ev := hook.last(t); !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangeIdentity}) {
			t.Fatalf("event: %+v", ev)
		}
		_, err = e.svc.Admin.UnlinkIdentity(ctx, a, "github")
		wantCode(t, "again", err, 404, account.CodeIdentityNotExist)
		_, err = e.svc.Admin.UnlinkIdentity(ctx, "nobody", "github")
		wantCode(t, "nobody", err, 404, account.CodeEntityNotFound)
	})
	t.Run("an administrator may unlink a user's last identifier", func(t *testing.T) {
		only := e.user(myaccount.CreateUserInput{})
		if _, created, err := e.svc.Admin.ReplaceIdentity(ctx, only, "google", myaccount.AdminIdentityInput{UserID: "g-only"}); err != nil || !created {
			t.Fatalf("PUT: %v %v", created, err)
		}
		if _, err := e.svc.Admin.UnlinkIdentity(ctx, only, "google"); err != nil {
			t.Fatalf("the last identifier: %v", err)
		}
	})
}
