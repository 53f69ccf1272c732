package myaccount_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// DELETE /api/users/:userId: the user goes with everything of theirs, is
// signed out, and User.Deleted carries the user as they were.
func TestAdminRemoveUser(t *testing.T) {
	ctx := context.Background()
	sessions := &adminSessions{}
	e, hook := newAdminEnv(t, withAdminSessions(sessions))
	id := e.user(myaccount.CreateUserInput{Username: "gone1", Password: "pw", PrimaryEmail: "gone1@example.com", PrimaryPhone: "15551230009"})
	if _, _, err := e.svc.Admin.ReplaceIdentity(ctx, id, "github", myaccount.AdminIdentityInput{UserID: "gh-gone"}); err != nil {
		t.Fatal(err)
	}
	if err := e.store.PutTokenSet(ctx, &account.TokenSet{UserID: id, Target: "github", Sealed: []byte("sealed")}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Admin.AddMFAFactor(ctx, id, myaccount.CreateFactorInput{Type: mfa.TypeTOTP}); err != nil {
		t.Fatal(err)
	}
	pat, err := e.svc.Admin.NewPersonalAccessToken(ctx, id, myaccount.CreateAccessTokenInput{Name: "ci"})
	if err != nil {
		t.Fatal(err)
	}

	if err := e.svc.Admin.RemoveUser(ctx, id); err != nil {
		t.Fatal(err)
	}
	t.Run("the user is gone", func(t *testing.T) {
		_, err := e.svc.Admin.User(ctx, id)
		wantCode(t, "User", err, 404, account.CodeEntityNotFound)
		_, err = e.svc.Account.Get(ctx, e.caller(id))
		wantCode(t, "the user's own token", err, 401, account.CodeUnauthorized)
		wantCode(t, "again", e.svc.Admin.RemoveUser(ctx, id), 404, account.CodeEntityNotFound)
	})
	t.Run("everything of theirs goes with them", func(t *testing.T) {
		if _, err := e.svc.AuthenticatePersonalAccessToken(ctx, pat.Value); err == nil {
			t.Error("the user's access token still works")
		}
		if _, err := e.store.GetTokenSet(ctx, id, "github"); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("token set: %v", err)
		}
		if factors, err := e.store.ListFactors(ctx, id); err != nil || len(factors) != 0 {
			t.Errorf("factors: %v, %v", factors, err)
		}
		// Their identifiers and identity are free again.
		other := e.user(myaccount.CreateUserInput{Username: "gone1", PrimaryEmail: "gone1@example.com", PrimaryPhone: "15551230009"})
		if _, _, err := e.svc.Admin.ReplaceIdentity(ctx, other, "github", myaccount.AdminIdentityInput{UserID: "gh-gone"}); err != nil {
			t.Errorf("the identity is still held: %v", err)
		}
	})
	t.Run("they are signed out and User.Deleted says who they were", func(t *testing.T) {
		if got := sessions.take(); !slices.Equal(got, []string{"grant:g-" + id, "session:s-" + id + ":all"}) {
			t.Errorf("revoked %v", got)
		}
		evs := hook.of(myaccount.EventUserDeleted)
		if len(evs) != 1 || evs[0].UserID != id || evs[0].User.Username != "gone1" || evs[0].User.PasswordHash != "" {
			t.Fatalf("User.Deleted: %+v", evs)
		}
	})
	t.Run("an unknown user is 404 and signs no one out", func(t *testing.T) {
		wantCode(t, "nobody", e.svc.Admin.RemoveUser(ctx, "nobody"), 404, account.CodeEntityNotFound)
		if got := sessions.take(); len(got) != 0 {
			t.Fatalf("revoked %v", got)
		}
	})
}
