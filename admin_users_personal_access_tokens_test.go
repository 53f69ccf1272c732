package myaccount_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/faultstore"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// adminTokenNames lists the names of the user's tokens, in order.
func adminTokenNames(t testing.TB, e *svcEnv, id string) []string {
	t.Helper()
	list, err := e.svc.Admin.PersonalAccessTokens(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tok := range list {
		if tok.Value != "" {
			t.Fatalf("the list shows the secret of %q", tok.Name)
		}
		names = append(names, tok.Name)
	}
	return names
}

// Personal access tokens: made by an administrator, the secret shown once
// and stored hashed, acting for the user with their scopes until they
// expire or are revoked.
func TestAdminPersonalAccessTokens(t *testing.T) {
	ctx := context.Background()
	e, hook := newAdminEnv(t)
	id := e.user(myaccount.CreateUserInput{Username: "pat1"})
	other := e.user(myaccount.CreateUserInput{Username: "pat2"})
	newToken := func(t *testing.T, user string, in myaccount.CreateAccessTokenInput) *myaccount.AccessTokenView {
		t.Helper()
		v, err := e.svc.Admin.NewPersonalAccessToken(ctx, user, in)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	t.Run("a token is shown once, stored hashed, and acts for its user", func(t *testing.T) {
		v := newToken(t, id, myaccount.CreateAccessTokenInput{Name: "ci"})
		if !strings.HasPrefix(v.Value, myaccount.AccessTokenPrefix) || len(v.Value) != 47 {
			t.Fatalf("value %q: want pat_ and 43 characters", v.Value)
		}
		if v.Name != "ci" || v.UserID != id || v.ExpiresAt != nil || v.CreatedAt != e.clock.Now().UnixMilli() ||
			!slices.Equal(v.Scopes, slices.Sorted(slices.Values(myaccount.DefaultAccessTokenScopes))) {
			t.Fatalf("created: %+v", v)
		}
		stored, err := e.store.ListAccessTokens(ctx, id)
		if err != nil || len(stored) != 1 || strings.Contains(string(stored[0].Hash), v.Value[4:]) {
			t.Fatalf("stored: %+v, %v", stored, err)
		}
		p, err := e.svc.AuthenticatePersonalAccessToken(ctx, v.Value)
		if err != nil {
			t.Fatal(err)
		}
		if p.UserID != id || p.ClientID != myaccount.AccessTokenClientID || !p.FirstParty || !slices.Equal(p.Scopes, v.Scopes) {
			t.Fatalf("principal: %+v", p)
		}
		if me, err := e.svc.Account.Get(ctx, myaccount.Caller{Principal: p}); err != nil || me.ID != id {
			t.Fatalf("the token's caller: %v, %v", me, err)
		}
		ev := hook.last(t)
		if ev.Type != myaccount.EventAccessTokenCreated || ev.UserID != id || ev.AccessToken != "ci" {
			t.Fatalf("event: %+v", ev)
		}
	})
	t.Run("scopes are the token's, sorted, without duplicates", func(t *testing.T) {
		v := newToken(t, id, myaccount.CreateAccessTokenInput{Name: "narrow", Scopes: []string{"profile", "openid", "profile", myaccount.ScopeTrustedDevices}})
		if !slices.Equal(v.Scopes, []string{"openid", "profile", myaccount.ScopeTrustedDevices}) {
			t.Fatalf("scopes %v", v.Scopes)
		}
		none := newToken(t, id, myaccount.CreateAccessTokenInput{Name: "none", Scopes: []string{}})
		if none.Scopes == nil || len(none.Scopes) != 0 {
			t.Fatalf("no scopes: %#v", none.Scopes)
		}
		p, err := e.svc.AuthenticatePersonalAccessToken(ctx, none.Value)
		if err != nil || len(p.Scopes) != 0 {
			t.Fatalf("a token without scopes: %+v, %v", p, err)
		}
	})
	t.Run("bad inputs are refused with their codes", func(t *testing.T) {
		past, now := e.clock.Now().Add(-time.Second).UnixMilli(), e.clock.Now().UnixMilli()
		for _, c := range []struct {
			name   string
			user   string
			in     myaccount.CreateAccessTokenInput
			status int
			code   account.Code
		}{
			{"no name", id, myaccount.CreateAccessTokenInput{}, 400, account.CodeGuardInvalidInput},
			{"a name of 129 characters", id, myaccount.CreateAccessTokenInput{Name: strings.Repeat("é", myaccount.MaxAccessTokenNameLength+1)}, 400, account.CodeGuardInvalidInput},
			{"a name with NUL", id, myaccount.CreateAccessTokenInput{Name: "bad\x00name"}, 400, account.CodeGuardInvalidInput},
			{"an unknown scope", id, myaccount.CreateAccessTokenInput{Name: "x", Scopes: []string{"openid", "admin"}}, 400, account.CodeGuardInvalidInput},
			{"an expiry in the past", id, myaccount.CreateAccessTokenInput{Name: "x", ExpiresAt: &past}, 400, account.CodeRequestInvalidInput},
			{"an expiry now", id, myaccount.CreateAccessTokenInput{Name: "x", ExpiresAt: &now}, 400, account.CodeRequestInvalidInput},
			{"an unknown user", "nobody", myaccount.CreateAccessTokenInput{Name: "x"}, 404, account.CodeEntityNotFound},
			{"a name the user has", id, myaccount.CreateAccessTokenInput{Name: "ci"}, 422, account.CodeAccessTokenNameExists},
		} {
			_, err := e.svc.Admin.NewPersonalAccessToken(ctx, c.user, c.in)
			wantCode(t, c.name, err, c.status, c.code)
		}
		// A name of 128 characters is fine, and names are per user.
		newToken(t, id, myaccount.CreateAccessTokenInput{Name: strings.Repeat("é", myaccount.MaxAccessTokenNameLength)})
		newToken(t, other, myaccount.CreateAccessTokenInput{Name: "ci"})
	})
	t.Run("the list is oldest first and never shows a secret", func(t *testing.T) {
		uid := e.user(myaccount.CreateUserInput{})
		if got := adminTokenNames(t, e, uid); len(got) != 0 {
			t.Fatalf("a new user's tokens: %v", got)
		}
		newToken(t, uid, myaccount.CreateAccessTokenInput{Name: "first"})
		e.clock.Advance(time.Second)
		exp := e.clock.Now().Add(time.Hour).UnixMilli()
		if v := newToken(t, uid, myaccount.CreateAccessTokenInput{Name: "second", ExpiresAt: &exp}); v.ExpiresAt == nil || *v.ExpiresAt != exp {
			t.Fatalf("expiresAt: %v", v.ExpiresAt)
		}
		if got := strings.Join(adminTokenNames(t, e, uid), ","); got != "first,second" {
			t.Fatalf("names %s", got)
		}
		_, err := e.svc.Admin.PersonalAccessTokens(ctx, "nobody")
		wantCode(t, "nobody", err, 404, account.CodeEntityNotFound)
	})
	t.Run("a rename keeps the secret working", func(t *testing.T) {
		uid := e.user(myaccount.CreateUserInput{})
		v := newToken(t, uid, myaccount.CreateAccessTokenInput{Name: "old"})
		newToken(t, uid, myaccount.CreateAccessTokenInput{Name: "taken"})
		r, err := e.svc.Admin.RenamePersonalAccessToken(ctx, uid, "old", myaccount.RenameAccessTokenInput{Name: "a name/with slash"})
		if err != nil || r.Name != "a name/with slash" || r.Value != "" {
			t.Fatalf("renamed: %+v, %v", r, err)
		}
		if p, err := e.svc.AuthenticatePersonalAccessToken(ctx, v.Value); err != nil || p.UserID != uid {
			t.Fatalf("after the rename: %+v, %v", p, err)
		}
		for _, c := range []struct {
			name, user, from, to string
			status               int
			code                 account.Code
		}{
			{"a taken name", uid, "a name/with slash", "taken", 422, account.CodeAccessTokenNameExists},
			{"an unknown token", uid, "gone", "x", 404, account.CodeEntityNotFound},
			{"another user's token", other, "taken", "x", 404, account.CodeEntityNotFound},
			{"an unknown user", "nobody", "old", "x", 404, account.CodeEntityNotFound},
			{"an empty new name", uid, "taken", "", 400, account.CodeGuardInvalidInput},
			{"a current name with NUL", uid, "a\x00", "x", 400, account.CodeGuardInvalidInput},
			{"a new name too long", uid, "taken", strings.Repeat("n", myaccount.MaxAccessTokenNameLength+1), 400, account.CodeGuardInvalidInput},
		} {
			_, err := e.svc.Admin.RenamePersonalAccessToken(ctx, c.user, c.from, myaccount.RenameAccessTokenInput{Name: c.to})
			wantCode(t, c.name, err, c.status, c.code)
		}
	})
	t.Run("no current name takes the new name as the current one", func(t *testing.T) {
		uid := e.user(myaccount.CreateUserInput{})
		v := newToken(t, uid, myaccount.CreateAccessTokenInput{Name: "same"})
		r, err := e.svc.Admin.RenamePersonalAccessToken(ctx, uid, "", myaccount.RenameAccessTokenInput{Name: "same"})
		if err != nil || r.Name != "same" || r.CreatedAt != v.CreatedAt {
			t.Fatalf("renamed in place: %+v, %v", r, err)
		}
		_, err = e.svc.Admin.RenamePersonalAccessToken(ctx, uid, "", myaccount.RenameAccessTokenInput{Name: "absent"})
		wantCode(t, "a name the user has no token of", err, 404, account.CodeEntityNotFound)
	})
	t.Run("a revoked token stops working at once", func(t *testing.T) {
		uid := e.user(myaccount.CreateUserInput{})
		v := newToken(t, uid, myaccount.CreateAccessTokenInput{Name: "doomed"})
		wantCode(t, "under another user", e.svc.Admin.RevokePersonalAccessToken(ctx, other, "doomed"), 404, account.CodeEntityNotFound)
		if err := e.svc.Admin.RevokePersonalAccessToken(ctx, uid, "doomed"); err != nil {
			t.Fatal(err)
		}
		_, err := e.svc.AuthenticatePersonalAccessToken(ctx, v.Value)
		wantCode(t, "revoked", err, 401, account.CodeUnauthorized)
		if ev := hook.last(t); ev.Type != myaccount.EventAccessTokenDeleted || ev.AccessToken != "doomed" || ev.UserID != uid {
			t.Fatalf("event: %+v", ev)
		}
		wantCode(t, "again", e.svc.Admin.RevokePersonalAccessToken(ctx, uid, "doomed"), 404, account.CodeEntityNotFound)
		wantCode(t, "nobody", e.svc.Admin.RevokePersonalAccessToken(ctx, "nobody", "doomed"), 404, account.CodeEntityNotFound)
		wantCode(t, "a name with NUL", e.svc.Admin.RevokePersonalAccessToken(ctx, uid, "a\x00"), 404, account.CodeEntityNotFound)
	})
	t.Run("expired, forged and malformed values are 401 auth.unauthorized", func(t *testing.T) {
		uid := e.user(myaccount.CreateUserInput{})
		exp := e.clock.Now().Add(time.Minute).UnixMilli()
		short := newToken(t, uid, myaccount.CreateAccessTokenInput{Name: "short", ExpiresAt: &exp})
		long := newToken(t, uid, myaccount.CreateAccessTokenInput{Name: "long"})
		if _, err := e.svc.AuthenticatePersonalAccessToken(ctx, short.Value); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(time.Minute)
		_, err := e.svc.AuthenticatePersonalAccessToken(ctx, short.Value)
		wantCode(t, "expired", err, 401, account.CodeUnauthorized)
		if _, err := e.svc.AuthenticatePersonalAccessToken(ctx, long.Value); err != nil {
			t.Fatalf("a token without expiry: %v", err)
		}
		flipped := []byte(long.Value)
		flipped[10] ^= 1
		for _, forged := range []string{"", "pat_", "pat_" + strings.Repeat("A", 43), long.Value[:46], string(flipped), long.Value + "A", "tok_" + long.Value[4:]} {
			_, err := e.svc.AuthenticatePersonalAccessToken(ctx, forged)
			wantCode(t, forged, err, 401, account.CodeUnauthorized)
		}
	})
	t.Run("a suspended user's token authenticates and the routes refuse it", func(t *testing.T) {
		uid := e.user(myaccount.CreateUserInput{})
		v := newToken(t, uid, myaccount.CreateAccessTokenInput{Name: "s"})
		if _, err := e.svc.Admin.SetSuspended(ctx, uid, myaccount.SetSuspendedInput{IsSuspended: adminPtr(true)}); err != nil {
			t.Fatal(err)
		}
		p, err := e.svc.AuthenticatePersonalAccessToken(ctx, v.Value)
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Account.Get(ctx, myaccount.Caller{Principal: p})
		wantCode(t, "GET /api/my-account", err, 401, account.CodeSuspended)
	})
}

// A store that fails while a token is looked up is 503, not a bad token.
func TestAdminAuthenticatePersonalAccessTokenStoreFailure(t *testing.T) {
	ctx := context.Background()
	fs := faultstore.New(memory.New())
	e := newSvcEnv(t, fs, func(c *myaccount.Config) { c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil)) })
	id := e.user(myaccount.CreateUserInput{})
	v, err := e.svc.Admin.NewPersonalAccessToken(ctx, id, myaccount.CreateAccessTokenInput{Name: "ci"})
	if err != nil {
		t.Fatal(err)
	}
	fs.Arm(1)
	_, err = e.svc.AuthenticatePersonalAccessToken(ctx, v.Value)
	wantCode(t, "a failing store", err, 503, account.CodeServiceUnavailable)
	if _, failed := fs.Calls(); failed != "FindAccessToken" {
		t.Fatalf("failed %q", failed)
	}
}
