package gormstore_test

import (
	"errors"
	"testing"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// GetUser answers a cached user after reading only its version: every
// write of another instance must show, and a version the database does not
// hold must never be answered from the cache.
func TestGetUserChecksTheCachedVersion(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		t.Run("a read sees another instance's change of the row and of the identities", func(t *testing.T) {
			ctx := t.Context()
			a, b := twoInstances(t, database)
			if err := a.CreateUser(ctx, &account.User{ID: "u", CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			mustGet(t, a, "u") // cached in a
			renamed := "renamed"
			if _, err := b.UpdateUser(ctx, "u", func(u *account.User) error { u.Name = &renamed; return nil }); err != nil {
				t.Fatal(err)
			}
			if got := mustGet(t, a, "u"); got.Name == nil || *got.Name != renamed {
				t.Errorf("name %v after another instance's rename, want %q", got.Name, renamed)
			}
			email := "u@example.com"
			if _, err := b.UpdateUser(ctx, "u", func(u *account.User) error {
				u.PrimaryEmail, u.EmailKey = email, email
				u.Identities = map[string]account.SocialIdentity{"github": {UserID: "gh-1"}}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			got := mustGet(t, a, "u")
			if got.PrimaryEmail != email || got.Identities["github"].UserID != "gh-1" {
				t.Errorf("after another instance's change of identifiers: email %v, identities %v", got.PrimaryEmail, got.Identities)
			}
		})
		t.Run("a read of a user another instance deleted is not found, and created again is the new one", func(t *testing.T) {
			ctx := t.Context()
			a, b := twoInstances(t, database)
			old, renewed := "old", "new"
			if err := a.CreateUser(ctx, &account.User{ID: "u", Name: &old, CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			mustGet(t, a, "u")
			if err := b.DeleteUser(ctx, "u"); err != nil {
				t.Fatal(err)
			}
			if _, err := a.GetUser(ctx, "u"); !errors.Is(err, account.ErrNotFound) {
				t.Errorf("GetUser of a user deleted elsewhere: %v, want ErrNotFound", err)
			}
			mustGet(t, b, "u") // not there: nothing cached
			if err := b.CreateUser(ctx, &account.User{ID: "u", Name: &old, CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			mustGet(t, a, "u") // cached again in a
			if err := b.DeleteUser(ctx, "u"); err != nil {
				t.Fatal(err)
			}
			if err := b.CreateUser(ctx, &account.User{ID: "u", Name: &renewed, CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			if got := mustGet(t, a, "u"); got.Name == nil || *got.Name != renewed {
				t.Errorf("name %v after the user was created again elsewhere, want %q", got.Name, renewed)
			}
		})
		t.Run("the answer is the caller's own copy", func(t *testing.T) {
			ctx := t.Context()
			a, _ := twoInstances(t, database)
			if err := a.CreateUser(ctx, &account.User{ID: "u", CustomData: map[string]any{"k": "v"}}); err != nil {
				t.Fatal(err)
			}
			mustGet(t, a, "u")
			first := mustGet(t, a, "u")
			first.CustomData["k"] = "changed"
			first.Profile.GivenName = "changed"
			if got := mustGet(t, a, "u"); got.CustomData["k"] != "v" || got.Profile.GivenName != "" {
				t.Errorf("a change of one answer shows in the next: %+v", got)
			}
		})
		t.Run("the cached user is answered while the row holds its version, and only then", func(t *testing.T) {
			// A write that leaves the version alone is one the store never
			// makes; here it tells which answer came from the cache.
			ctx := t.Context()
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			a := newStoreWithPrefix(t, db, prefix)
			cached := "cached"
			if err := a.CreateUser(ctx, &account.User{ID: "u", Name: &cached, CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			mustGet(t, a, "u")
			users := prefix + "users"
			if err := db.Table(users).Where("id = ?", "u").Update("name", "behind its back").Error; err != nil {
				t.Fatal(err)
			}
			if got := mustGet(t, a, "u"); got.Name == nil || *got.Name != cached {
				t.Errorf("name %v: the row's version did not change, so the cached user is the answer", got.Name)
			}
			if err := db.Table(users).Where("id = ?", "u").Update("version", versionOf(t, db, users, "u")+1).Error; err != nil {
				t.Fatal(err)
			}
			if got := mustGet(t, a, "u"); got.Name == nil || *got.Name != "behind its back" {
				t.Errorf("name %v after the version moved, want the row's", got.Name)
			}
		})
	})
}

func mustGet(t *testing.T, s *gormstore.Store, id string) *account.User {
	t.Helper()
	u, err := s.GetUser(t.Context(), id)
	if errors.Is(err, account.ErrNotFound) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return u
}
