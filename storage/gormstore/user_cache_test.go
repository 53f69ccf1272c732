package gormstore_test

import (
	"errors"
	"testing"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// twoInstances returns two stores on one database and one table prefix,
// as two instances of an app see it: each with its own turns and cache.
func twoInstances(t *testing.T, database database) (a, b *gormstore.Store) {
	t.Helper()
	db := database.open(t, gormConfig())
	prefix := randomPrefix(t)
	a = newStoreWithPrefix(t, db, prefix)
	b, err := gormstore.New(db, gormstore.WithTablePrefix(prefix))
	if err != nil {
		t.Fatal(err)
	}
	return a, b
}

func setCustom(key string, calls *int) func(u *account.User) error {
	return func(u *account.User) error {
		*calls++
		u.CustomData[key] = true
		return nil
	}
}

// The user cache lets UpdateUser change a user without reading it; these
// are the ways a cached user can be stale, and each must end as if the
// user had been read.
func TestUserCache(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		t.Run("a user another instance wrote since is read again and its write kept", func(t *testing.T) {
			ctx := t.Context()
			a, b := twoInstances(t, database)
			if err := a.CreateUser(ctx, &account.User{ID: "u", CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			if _, err := a.GetUser(ctx, "u"); err != nil { // cached in a
				t.Fatal(err)
			}
			var other, mine int
			if _, err := b.UpdateUser(ctx, "u", setCustom("other", &other)); err != nil {
				t.Fatal(err)
			}
			got, err := a.UpdateUser(ctx, "u", setCustom("mine", &mine))
			if err != nil {
				t.Fatal(err)
			}
			if got.CustomData["other"] != true || got.CustomData["mine"] != true {
				t.Errorf("custom data %v, want both writes", got.CustomData)
			}
			if mine != 2 {
				t.Errorf("the change ran %d times, want 2: on the cached user, then on the user read", mine)
			}
			// Now cached as written: the next change runs once.
			mine = 0
			if _, err := a.UpdateUser(ctx, "u", setCustom("again", &mine)); err != nil || mine != 1 {
				t.Errorf("a change after a write ran %d times (%v), want once", mine, err)
			}
		})
		t.Run("a change that refuses the cached user runs again on the user read", func(t *testing.T) {
			ctx := t.Context()
			a, b := twoInstances(t, database)
			if err := a.CreateUser(ctx, &account.User{ID: "u", IsSuspended: true, CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			if _, err := a.GetUser(ctx, "u"); err != nil {
				t.Fatal(err)
			}
			if _, err := b.UpdateUser(ctx, "u", func(u *account.User) error { u.IsSuspended = false; return nil }); err != nil {
				t.Fatal(err)
			}
			errSuspended := errors.New("suspended")
			got, err := a.UpdateUser(ctx, "u", func(u *account.User) error {
				if u.IsSuspended {
					return errSuspended
				}
				u.CustomData["k"] = true
				return nil
			})
			if err != nil || got.CustomData["k"] != true {
				t.Fatalf("UpdateUser after another instance lifted the suspension = %v, %v; want it written", got, err)
			}
		})
		t.Run("a user deleted and created again under its id is not the cached one", func(t *testing.T) {
			ctx := t.Context()
			a, b := twoInstances(t, database)
			old, renewed := "old", "new"
			if err := a.CreateUser(ctx, &account.User{ID: "u", Name: &old, CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			if _, err := a.GetUser(ctx, "u"); err != nil {
				t.Fatal(err)
			}
			if err := b.DeleteUser(ctx, "u"); err != nil {
				t.Fatal(err)
			}
			if err := b.CreateUser(ctx, &account.User{ID: "u", Name: &renewed, CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			var calls int
			got, err := a.UpdateUser(ctx, "u", setCustom("k", &calls))
			if err != nil {
				t.Fatal(err)
			}
			if got.Name == nil || *got.Name != renewed {
				t.Errorf("name %v after the user was created again, want %q", got.Name, renewed)
			}
			if u, err := b.GetUser(ctx, "u"); err != nil || u.Name == nil || *u.Name != renewed || u.CustomData["k"] != true {
				t.Errorf("stored user = %+v, %v; want the new user with the change", u, err)
			}
		})
		t.Run("a user another instance deleted is not found", func(t *testing.T) {
			ctx := t.Context()
			a, b := twoInstances(t, database)
			if err := a.CreateUser(ctx, &account.User{ID: "u", CustomData: map[string]any{}}); err != nil {
				t.Fatal(err)
			}
			if _, err := a.GetUser(ctx, "u"); err != nil {
				t.Fatal(err)
			}
			if err := b.DeleteUser(ctx, "u"); err != nil {
				t.Fatal(err)
			}
			var calls int
			if _, err := a.UpdateUser(ctx, "u", setCustom("k", &calls)); !errors.Is(err, account.ErrNotFound) {
				t.Errorf("UpdateUser of a user deleted elsewhere: %v, want ErrNotFound", err)
			}
		})
	})
}
