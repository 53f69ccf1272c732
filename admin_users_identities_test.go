package myaccount_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// The administrator's identity routes: POST links a new target, PUT adds
// or replaces, DELETE unlinks; a social identity belongs to one user.
func TestAdminIdentities(t *testing.T) {
	ctx := context.Background()
	e, hook := newAdminEnv(t)
	a := e.user(myaccount.CreateUserInput{Username: "ida"})
	b := e.user(myaccount.CreateUserInput{Username: "idb"})
	link := func(user, target, socialID string) error {
		_, err := e.svc.Admin.LinkIdentity(ctx, user, myaccount.AdminLinkIdentityInput{Target: target, UserID: socialID})
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

	t.Run("POST links an identity with its details", func(t *testing.T) {
		ids, err := e.svc.Admin.LinkIdentity(ctx, a, myaccount.AdminLinkIdentityInput{Target: "github", UserID: "gh-a", Details: map[string]any{"email": "a@gh.example"}})
		if err != nil {
			t.Fatal(err)
		}
		if gh := ids["github"]; gh.UserID != "gh-a" || gh.Details["email"] != "a@gh.example" {
			t.Fatalf("linked: %+v", ids)
		}
		if ev := hook.last(t); ev.UserID != a || !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangeIdentity}) {
			t.Fatalf("event: %+v", ev)
		}
	})
	t.Run("an identity is one user's, and POST does not replace", func(t *testing.T) {
		wantCode(t, "the user's own target", link(a, "github", "gh-a2"), 422, account.CodeIdentityAlreadyInUse)
		wantCode(t, "another user's identity", link(b, "github", "gh-a"), 422, account.CodeIdentityAlreadyInUse)
		_, _, err := e.svc.Admin.ReplaceIdentity(ctx, b, "github", myaccount.AdminIdentityInput{UserID: "gh-a"})
		wantCode(t, "PUT of another user's identity", err, 422, account.CodeIdentityAlreadyInUse)
		if u, _ := e.svc.Admin.User(ctx, a); u.Identities["github"].UserID != "gh-a" {
			t.Fatalf("a refused link changed the identity: %+v", u.Identities)
		}
	})
	t.Run("malformed identities are 400, before the user is looked up", func(t *testing.T) {
		deep := map[string]any{}
		for range myaccount.MaxCustomDataDepth {
			deep = map[string]any{"d": deep}
		}
		long := strings.Repeat("t", myaccount.MaxIdentityFieldLength+1)
		for name, in := range map[string]myaccount.AdminLinkIdentityInput{
			"nothing":             {},
			"no user id":          {Target: "github"},
			"no target":           {UserID: "x"},
			"a target with NUL":   {Target: "a\x00", UserID: "x"},
			"a target too long":   {Target: long, UserID: "x"},
			"a user id too long":  {Target: "t", UserID: long},
			"details too deep":    {Target: "t", UserID: "x", Details: deep},
			"a user id not UTF-8": {Target: "t", UserID: "\xff"},
		} {
			_, err := e.svc.Admin.LinkIdentity(ctx, "nobody", in)
			wantCode(t, "POST "+name, err, 400, account.CodeGuardInvalidInput)
			_, _, err = e.svc.Admin.ReplaceIdentity(ctx, "nobody", in.Target, myaccount.AdminIdentityInput{UserID: in.UserID, Details: in.Details})
			wantCode(t, "PUT "+name, err, 400, account.CodeGuardInvalidInput)
		}
		wantCode(t, "POST for nobody", link("nobody", "t", "x"), 404, account.CodeEntityNotFound)
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
