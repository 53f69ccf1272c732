package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// errChange is what the suite's change functions return to abort an update.
var errChange = errors.New("storetest: change refused")

// mustGetUser returns the stored user, failing t now if there is none.
func mustGetUser(t *testing.T, s Store, id string) *account.User {
	t.Helper()
	u, err := s.GetUser(t.Context(), id)
	ok(t, "GetUser "+id, err)
	if u == nil {
		t.Fatalf("GetUser %s: nil user and nil error", id)
	}
	return u
}

// mustCreateUsers stores users.
func mustCreateUsers(t *testing.T, s Store, users ...*account.User) {
	t.Helper()
	for _, u := range users {
		ok(t, "CreateUser "+u.ID, s.CreateUser(t.Context(), u))
	}
}

// wantNoUser fails t unless the user is gone.
func wantNoUser(t *testing.T, s Store, id string) {
	t.Helper()
	_, err := s.GetUser(t.Context(), id)
	wantErr(t, "GetUser "+id, err, account.ErrNotFound)
}

// wantHolder fails t unless the identifier's holder is the user with id want.
func wantHolder(t *testing.T, s Store, kind account.IdentifierKind, key, want string) {
	t.Helper()
	u, err := s.FindUser(t.Context(), kind, key)
	switch {
	case err != nil:
		t.Errorf("FindUser %s %q: %v, want user %s", kind, key, err, want)
	case u == nil || u.ID != want:
		t.Errorf("FindUser %s %q = %v, want user %s", kind, key, u, want)
	}
}

// wantNoHolder fails t unless nobody holds the identifier.
func wantNoHolder(t *testing.T, s Store, kind account.IdentifierKind, key string) {
	t.Helper()
	_, err := s.FindUser(t.Context(), kind, key)
	wantErr(t, "FindUser "+string(kind)+" "+key, err, account.ErrNotFound)
}

// wantSocialHolder fails t unless the social identity's holder is want.
func wantSocialHolder(t *testing.T, s Store, target, socialUserID, want string) {
	t.Helper()
	u, err := s.FindUserBySocialIdentity(t.Context(), target, socialUserID)
	switch {
	case err != nil:
		t.Errorf("FindUserBySocialIdentity %s %q: %v, want user %s", target, socialUserID, err, want)
	case u == nil || u.ID != want:
		t.Errorf("FindUserBySocialIdentity %s %q = %v, want user %s", target, socialUserID, u, want)
	}
}

// wantNoSocialHolder fails t unless nobody holds the social identity.
func wantNoSocialHolder(t *testing.T, s Store, target, socialUserID string) {
	t.Helper()
	_, err := s.FindUserBySocialIdentity(t.Context(), target, socialUserID)
	wantErr(t, "FindUserBySocialIdentity "+target+" "+socialUserID, err, account.ErrNotFound)
}

func testUsers(t *testing.T, newStore NewStoreFunc) {
	parallel(t, newStore, "create and get", func(t *testing.T, s Store) {
		want := fullUser(1)
		checkFixture(t, want)
		mustCreateUsers(t, s, fullUser(1))
		wantSame(t, "GetUser", want, mustGetUser(t, s, want.ID))
	})

	parallel(t, newStore, "round trip", func(t *testing.T, s Store) {
		cases := []struct {
			name   string
			change func(u *account.User)
		}{
			{"name empty and avatar unset", func(u *account.User) { u.Name, u.Avatar = ptr(""), nil }},
			{"name unset and avatar empty", func(u *account.User) { u.Name, u.Avatar = nil, ptr("") }},
			{"mfa enabled unset", func(u *account.User) { u.LogtoConfig.MFA.Enabled = nil }},
			{"mfa enabled false", func(u *account.User) { u.LogtoConfig.MFA.Enabled = ptr(false) }},
			{"no address", func(u *account.User) { u.Profile.Address = nil }},
			{"empty address", func(u *account.User) { u.Profile.Address = &account.Address{} }},
			{"zero times", func(u *account.User) {
				u.PasswordUpdatedAt, u.LastSignInAt, u.CreatedAt, u.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			}},
			{"nothing optional", func(u *account.User) { *u = account.User{ID: u.ID} }},
			{"times in several locations", func(u *account.User) {
				u.CreatedAt = time.Date(1999, 12, 31, 23, 59, 59, 999999000, zoneWest)
				u.UpdatedAt = time.Date(2038, 1, 19, 3, 14, 8, 1000, time.UTC)
				u.LastSignInAt = time.Date(2026, 7, 1, 0, 0, 0, 0, zoneIndia)
			}},
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				want := fullUser(10 + i)
				c.change(want)
				in := fullUser(10 + i)
				c.change(in)
				mustCreateUsers(t, s, in)
				wantSame(t, "GetUser", want, mustGetUser(t, s, want.ID))
			})
		}
	})

	parallel(t, newStore, "find by identifier returns the holder", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, fullUser(1), fullUser(2))
		want := fullUser(2)
		finds := map[string]func() (*account.User, error){
			"username": func() (*account.User, error) { return s.FindUser(ctx, account.IdentifierUsername, want.UsernameKey) },
			"email":    func() (*account.User, error) { return s.FindUser(ctx, account.IdentifierEmail, want.EmailKey) },
			"phone":    func() (*account.User, error) { return s.FindUser(ctx, account.IdentifierPhone, want.PrimaryPhone) },
			"google": func() (*account.User, error) {
				return s.FindUserBySocialIdentity(ctx, "google", want.Identities["google"].UserID)
			},
			"github": func() (*account.User, error) {
				return s.FindUserBySocialIdentity(ctx, "github", want.Identities["github"].UserID)
			},
		}
		for name, find := range finds {
			got, err := find()
			if err != nil {
				t.Errorf("find by %s: %v", name, err)
				continue
			}
			wantSame(t, "find by "+name, want, got)
		}
	})

	parallel(t, newStore, "get unknown id is not found", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		wantNoUser(t, s, "user-2")
		wantNoUser(t, s, "")
	})

	parallel(t, newStore, "find unknown identifier is not found", func(t *testing.T, s Store) {
		// A user without email or phone: their empty keys must not be found.
		mustCreateUsers(t, s, fullUser(1), plainUser(2))
		u := fullUser(1)
		wantNoHolder(t, s, account.IdentifierUsername, "nobody")
		wantNoHolder(t, s, account.IdentifierEmail, "nobody@example.com")
		wantNoHolder(t, s, account.IdentifierPhone, "15550000000")
		wantNoHolder(t, s, account.IdentifierEmail, "")
		wantNoHolder(t, s, account.IdentifierPhone, "")
		wantNoSocialHolder(t, s, "google", "nobody")
		wantNoSocialHolder(t, s, "gitlab", u.Identities["google"].UserID)
		wantNoSocialHolder(t, s, "github", u.Identities["google"].UserID)
		// Keys are compared as they are: the caller normalizes them.
		wantNoHolder(t, s, account.IdentifierUsername, u.Username)
	})

	parallel(t, newStore, "find with an unknown kind fails", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, fullUser(1))
		u := fullUser(1)
		for _, kind := range []account.IdentifierKind{account.IdentifierSocial, "id", ""} {
			if got, err := s.FindUser(t.Context(), kind, u.UsernameKey); err == nil {
				t.Errorf("FindUser kind %q = %v, want an error", kind, got)
			}
		}
	})

	parallel(t, newStore, "duplicate id is a conflict", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, fullUser(1))
		again := plainUser(2)
		again.ID = "user-1"
		wantErr(t, "CreateUser again", s.CreateUser(t.Context(), again), account.ErrConflict)
		wantSame(t, "GetUser", fullUser(1), mustGetUser(t, s, "user-1"))
		wantNoHolder(t, s, account.IdentifierUsername, again.UsernameKey)
	})

	parallel(t, newStore, "stored values are copies", func(t *testing.T, s Store) {
		ctx := t.Context()
		in := fullUser(1)
		mustCreateUsers(t, s, in)
		scribbleUser(in)
		wantSame(t, "GetUser after changing the created value", fullUser(1), mustGetUser(t, s, "user-1"))

		scribbleUser(mustGetUser(t, s, "user-1"))
		wantSame(t, "GetUser after changing a read value", fullUser(1), mustGetUser(t, s, "user-1"))

		found, err := s.FindUser(ctx, account.IdentifierEmail, fullUser(1).EmailKey)
		ok(t, "FindUser", err)
		scribbleUser(found)
		wantSame(t, "GetUser after changing a found value", fullUser(1), mustGetUser(t, s, "user-1"))

		// Values the change puts in u belong to the caller too.
		data := map[string]any{"k": map[string]any{"v": 1.0}}
		name := "Grace"
		identities := map[string]account.SocialIdentity{"apple": {UserID: "a-1", Details: map[string]any{"x": "y"}}}
		written, err := s.UpdateUser(ctx, "user-1", func(u *account.User) error {
			u.CustomData, u.Name, u.Identities = data, &name, identities
			return nil
		})
		ok(t, "UpdateUser", err)
		want := fullUser(1)
		want.CustomData = map[string]any{"k": map[string]any{"v": 1.0}}
		want.Name = ptr("Grace")
		want.Identities = map[string]account.SocialIdentity{"apple": {UserID: "a-1", Details: map[string]any{"x": "y"}}}
		scribbleJSON(data)
		name = "scribbled"
		identities["apple"].Details["x"] = "scribbled"
		identities["other"] = account.SocialIdentity{UserID: "o-1"}
		wantSame(t, "GetUser after changing values handed to UpdateUser", want, mustGetUser(t, s, "user-1"))
		scribbleUser(written)
		wantSame(t, "GetUser after changing the value UpdateUser returned", want, mustGetUser(t, s, "user-1"))
	})

	parallel(t, newStore, "update writes what change leaves", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, fullUser(1), fullUser(2))
		change := func(u *account.User) {
			u.Username, u.UsernameKey = "Grace_H", "grace_h"
			u.PrimaryEmail, u.EmailKey = "Grace@Example.com", "grace@example.com"
			u.PrimaryPhone = "4479460999"
			u.Name, u.Avatar = ptr("Grace Hopper"), nil
			u.Profile.Nickname, u.Profile.Address = "", nil
			u.CustomData["seats"] = 4.0
			delete(u.CustomData, "beta")
			u.CustomData["new"] = []any{map[string]any{"a": "b"}}
			g := u.Identities["google"]
			g.Details = map[string]any{"email": "grace@gmail.com"}
			u.Identities["google"] = g
			delete(u.Identities, "github")
			u.Identities["apple"] = account.SocialIdentity{UserID: "apple-grace"}
			u.PasswordHash, u.PasswordUpdatedAt = "", time.Time{}
			u.LogtoConfig.MFA.Enabled = ptr(false)
			u.LogtoConfig.PasskeySignIn.Skipped = false
			u.IsSuspended = false
			u.LastSignInAt = base.Add(time.Minute)
			u.UpdatedAt = base.Add(2 * time.Minute).In(zoneWest)
		}
		want := fullUser(1)
		change(want)
		got, err := s.UpdateUser(ctx, "user-1", func(u *account.User) error {
			wantSame(t, "the user change gets", fullUser(1), u)
			change(u)
			return nil
		})
		ok(t, "UpdateUser", err)
		wantSame(t, "UpdateUser's result", want, got)
		wantSame(t, "GetUser", want, mustGetUser(t, s, "user-1"))
		wantSame(t, "the other user", fullUser(2), mustGetUser(t, s, "user-2"))

		old := fullUser(1)
		wantHolder(t, s, account.IdentifierUsername, "grace_h", "user-1")
		wantHolder(t, s, account.IdentifierEmail, "grace@example.com", "user-1")
		wantHolder(t, s, account.IdentifierPhone, "4479460999", "user-1")
		wantSocialHolder(t, s, "apple", "apple-grace", "user-1")
		wantSocialHolder(t, s, "google", old.Identities["google"].UserID, "user-1")
		wantNoHolder(t, s, account.IdentifierUsername, old.UsernameKey)
		wantNoHolder(t, s, account.IdentifierEmail, old.EmailKey)
		wantNoHolder(t, s, account.IdentifierPhone, old.PrimaryPhone)
		wantNoSocialHolder(t, s, "github", old.Identities["github"].UserID)
	})

	parallel(t, newStore, "update without changes keeps every field", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, fullUser(1))
		got, err := s.UpdateUser(t.Context(), "user-1", func(*account.User) error { return nil })
		ok(t, "UpdateUser", err)
		wantSame(t, "UpdateUser's result", fullUser(1), got)
		wantSame(t, "GetUser", fullUser(1), mustGetUser(t, s, "user-1"))
	})

	parallel(t, newStore, "an error from change writes nothing", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, fullUser(1))
		_, err := s.UpdateUser(t.Context(), "user-1", func(u *account.User) error {
			// Changing the copy, nested values included, must not reach the
			// store when change fails.
			scribbleUser(u)
			u.ID = "user-1"
			u.PrimaryEmail, u.EmailKey = "new@example.com", "new@example.com"
			u.Identities["apple"] = account.SocialIdentity{UserID: "apple-1"}
			return errChange
		})
		if err != errChange {
			t.Errorf("UpdateUser: error %v, want the change's own error as it is", err)
		}
		wantSame(t, "GetUser", fullUser(1), mustGetUser(t, s, "user-1"))
		wantNoHolder(t, s, account.IdentifierEmail, "new@example.com")
		wantNoSocialHolder(t, s, "apple", "apple-1")
	})

	parallel(t, newStore, "update of an unknown id is not found", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		called := false
		_, err := s.UpdateUser(t.Context(), "user-2", func(*account.User) error { called = true; return nil })
		wantErr(t, "UpdateUser", err, account.ErrNotFound)
		if called {
			t.Error("UpdateUser called change for a user that does not exist")
		}
		wantNoUser(t, s, "user-2")
	})

	parallel(t, newStore, "delete removes the user", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, fullUser(1), fullUser(2))
		ok(t, "DeleteUser", s.DeleteUser(ctx, "user-1"))
		u := fullUser(1)
		wantNoUser(t, s, "user-1")
		wantNoHolder(t, s, account.IdentifierUsername, u.UsernameKey)
		wantNoHolder(t, s, account.IdentifierEmail, u.EmailKey)
		wantNoHolder(t, s, account.IdentifierPhone, u.PrimaryPhone)
		wantNoSocialHolder(t, s, "google", u.Identities["google"].UserID)
		wantNoSocialHolder(t, s, "github", u.Identities["github"].UserID)
		wantErr(t, "DeleteUser again", s.DeleteUser(ctx, "user-1"), account.ErrNotFound)
		_, err := s.UpdateUser(ctx, "user-1", func(*account.User) error { return nil })
		wantErr(t, "UpdateUser after DeleteUser", err, account.ErrNotFound)
		wantSame(t, "the other user", fullUser(2), mustGetUser(t, s, "user-2"))

		// The id and every identifier are free again.
		mustCreateUsers(t, s, fullUser(1))
		wantSame(t, "GetUser after creating again", fullUser(1), mustGetUser(t, s, "user-1"))
	})

	parallel(t, newStore, "delete of an unknown id is not found", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		wantErr(t, "DeleteUser", s.DeleteUser(t.Context(), "user-2"), account.ErrNotFound)
		wantSame(t, "GetUser", plainUser(1), mustGetUser(t, s, "user-1"))
	})

	parallel(t, newStore, "delete removes identities, factors and records", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, fullUser(1), plainUser(2))
		factors := []struct{ user, id string }{{"user-1", "f-totp"}, {"user-1", "f-key"}, {"user-1", "f-codes"}, {"user-2", "f-other"}}
		ok(t, "BindFactor", addFactor(ctx, s, totpFactor("f-totp", "user-1")))
		ok(t, "BindFactor", addFactor(ctx, s, webAuthnFactor("f-key", "user-1", "cred-1")))
		ok(t, "BindFactor", addFactor(ctx, s, backupFactor("f-codes", "user-1")))
		ok(t, "BindFactor", addFactor(ctx, s, webAuthnFactor("f-other", "user-2", "cred-2")))
		ok(t, "CreateRecord", s.CreateRecord(ctx, codeRecord("r-code", "user-1")))
		ok(t, "CreateRecord", s.CreateRecord(ctx, sessionRecord("r-session", "user-1")))
		ok(t, "CreateRecord", s.CreateRecord(ctx, sessionRecord("r-other", "user-2")))

		ok(t, "DeleteUser", s.DeleteUser(ctx, "user-1"))

		for _, f := range factors[:3] {
			_, err := s.GetFactor(ctx, f.user, f.id)
			wantErr(t, "GetFactor "+f.id, err, account.ErrNotFound)
		}
		list, err := s.ListFactors(ctx, "user-1")
		ok(t, "ListFactors", err)
		if len(list) != 0 {
			t.Errorf("ListFactors of the deleted user: %d factors, want none", len(list))
		}
		_, err = s.FindWebAuthnCredential(ctx, []byte("cred-1"))
		wantErr(t, "FindWebAuthnCredential", err, account.ErrNotFound)
		for _, id := range []string{"r-code", "r-session"} {
			_, err := s.GetRecord(ctx, id)
			wantErr(t, "GetRecord "+id, err, account.ErrNotFound)
		}

		// The other user's data stays; the deleted user's identity and
		// credential id are free.
		got, err := s.GetFactor(ctx, "user-2", "f-other")
		ok(t, "GetFactor of the other user", err)
		wantSame(t, "GetFactor of the other user", webAuthnFactor("f-other", "user-2", "cred-2"), got)
		rec, err := s.GetRecord(ctx, "r-other")
		ok(t, "GetRecord of the other user", err)
		wantSame(t, "GetRecord of the other user", sessionRecord("r-other", "user-2"), rec)
		google := fullUser(1).Identities["google"]
		_, err = s.UpdateUser(ctx, "user-2", func(u *account.User) error {
			u.Identities = map[string]account.SocialIdentity{"google": google}
			return nil
		})
		ok(t, "claiming the deleted user's social identity", err)
		wantSocialHolder(t, s, "google", google.UserID, "user-2")
		ok(t, "adding the deleted user's credential id", addFactor(ctx, s, webAuthnFactor("f-new", "user-2", "cred-1")))
		ok(t, "adding a TOTP with the deleted user's factor id", addFactor(ctx, s, totpFactor("f-totp", "user-2")))
		ok(t, "creating a record with a deleted record's id", s.CreateRecord(ctx, codeRecord("r-code", "user-2")))
	})
}
