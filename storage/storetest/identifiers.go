package storetest

import (
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

// uniqueness describes one identifier rule: holder claims the identifier,
// rival claims it in another spelling with the same key, and holderOf finds
// who holds it.
type uniqueness struct {
	kind     account.IdentifierKind
	holder   func(u *account.User)
	rival    func(u *account.User)
	holderOf func(t *testing.T, s Store, want string)
}

// testUnique proves a uniqueness rule on CreateUser and on UpdateUser, and
// that the refused write leaves no trace.
func testUnique(t *testing.T, s Store, r uniqueness) {
	ctx := t.Context()
	holder := plainUser(1)
	r.holder(holder)
	mustCreateUsers(t, s, holder)

	rival := plainUser(2)
	r.rival(rival)
	wantConflict(t, "CreateUser claiming a held identifier", s.CreateUser(ctx, rival), r.kind)
	wantNoUser(t, s, "user-2")

	mustCreateUsers(t, s, plainUser(2))
	_, err := s.UpdateUser(ctx, "user-2", func(u *account.User) error {
		r.rival(u)
		u.Name = ptr("changed")
		return nil
	})
	wantConflict(t, "UpdateUser claiming a held identifier", err, r.kind)
	wantSame(t, "the rival after the refused update", plainUser(2), mustGetUser(t, s, "user-2"))
	wantSame(t, "the holder", holder, mustGetUser(t, s, "user-1"))
	r.holderOf(t, s, "user-1")
}

func testIdentifiers(t *testing.T, newStore NewStoreFunc) {
	parallel(t, newStore, "username is unique by its key", func(t *testing.T, s Store) {
		testUnique(t, s, uniqueness{
			kind:     account.IdentifierUsername,
			holder:   func(u *account.User) { u.Username, u.UsernameKey = "Ada", "ada" },
			rival:    func(u *account.User) { u.Username, u.UsernameKey = "ADA", "ada" },
			holderOf: func(t *testing.T, s Store, want string) { wantHolder(t, s, account.IdentifierUsername, "ada", want) },
		})
	})

	parallel(t, newStore, "usernames with different keys coexist", func(t *testing.T, s Store) {
		// Under a case-sensitive policy the keys keep their case: the store
		// compares keys exactly and never folds them itself.
		a, b := plainUser(1), plainUser(2)
		a.Username, a.UsernameKey = "Ada", "Ada"
		b.Username, b.UsernameKey = "ada", "ada"
		mustCreateUsers(t, s, a, b)
		wantHolder(t, s, account.IdentifierUsername, "Ada", "user-1")
		wantHolder(t, s, account.IdentifierUsername, "ada", "user-2")
	})

	parallel(t, newStore, "email is unique case-insensitively", func(t *testing.T, s Store) {
		testUnique(t, s, uniqueness{
			kind: account.IdentifierEmail,
			holder: func(u *account.User) {
				u.PrimaryEmail, u.EmailKey = "Ada@Example.com", account.EmailKey("Ada@Example.com")
			},
			rival: func(u *account.User) {
				u.PrimaryEmail, u.EmailKey = "ada@EXAMPLE.COM", account.EmailKey("ada@EXAMPLE.COM")
			},
			holderOf: func(t *testing.T, s Store, want string) {
				wantHolder(t, s, account.IdentifierEmail, "ada@example.com", want)
			},
		})
	})

	parallel(t, newStore, "phone is unique", func(t *testing.T, s Store) {
		testUnique(t, s, uniqueness{
			kind:   account.IdentifierPhone,
			holder: func(u *account.User) { u.PrimaryPhone = "14155550100" },
			rival:  func(u *account.User) { u.PrimaryPhone = "14155550100" },
			holderOf: func(t *testing.T, s Store, want string) {
				wantHolder(t, s, account.IdentifierPhone, "14155550100", want)
			},
		})
	})

	parallel(t, newStore, "social identity is unique per target and user id", func(t *testing.T, s Store) {
		testUnique(t, s, uniqueness{
			kind: account.IdentifierSocial,
			holder: func(u *account.User) {
				u.Identities = map[string]account.SocialIdentity{"github": {UserID: "octocat"}}
			},
			rival: func(u *account.User) {
				u.Identities = map[string]account.SocialIdentity{
					"google": {UserID: "g-rival"},
					"github": {UserID: "octocat", Details: map[string]any{"name": "rival"}},
				}
			},
			holderOf: func(t *testing.T, s Store, want string) { wantSocialHolder(t, s, "github", "octocat", want) },
		})
	})

	parallel(t, newStore, "same social user id at another target is not a conflict", func(t *testing.T, s Store) {
		a, b, c := plainUser(1), plainUser(2), plainUser(3)
		a.Identities = map[string]account.SocialIdentity{"github": {UserID: "42"}}
		b.Identities = map[string]account.SocialIdentity{"gitlab": {UserID: "42"}}
		c.Identities = map[string]account.SocialIdentity{"github": {UserID: "43"}, "gitlab": {UserID: "43"}}
		mustCreateUsers(t, s, a, b, c)
		wantSocialHolder(t, s, "github", "42", "user-1")
		wantSocialHolder(t, s, "gitlab", "42", "user-2")
		wantSocialHolder(t, s, "github", "43", "user-3")
		wantSocialHolder(t, s, "gitlab", "43", "user-3")
	})

	parallel(t, newStore, "users without identifiers do not conflict", func(t *testing.T, s Store) {
		for n := range 3 {
			mustCreateUsers(t, s, &account.User{ID: plainUser(n).ID, CreatedAt: base})
		}
		_, err := s.UpdateUser(t.Context(), plainUser(0).ID, func(u *account.User) error {
			u.Name = ptr("no identifiers")
			return nil
		})
		ok(t, "UpdateUser of a user without identifiers", err)
		for _, kind := range []account.IdentifierKind{account.IdentifierUsername, account.IdentifierEmail, account.IdentifierPhone} {
			wantNoHolder(t, s, kind, "")
		}
	})

	parallel(t, newStore, "re-saving own identifiers is not a conflict", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, fullUser(1), fullUser(2))
		want := fullUser(1)
		change := func(u *account.User) {
			// Same keys in another spelling, the same identities with new details.
			u.Username = "ADA_1"
			u.PrimaryEmail = "ada.1@example.com"
			g := u.Identities["google"]
			g.Details = map[string]any{"refreshed": true}
			u.Identities["google"] = g
		}
		change(want)
		got, err := s.UpdateUser(t.Context(), "user-1", func(u *account.User) error { change(u); return nil })
		ok(t, "UpdateUser", err)
		wantSame(t, "UpdateUser's result", want, got)
		wantSame(t, "GetUser", want, mustGetUser(t, s, "user-1"))
	})

	parallel(t, newStore, "clearing an identifier frees it", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, fullUser(1), plainUser(2))
		held := fullUser(1)
		_, err := s.UpdateUser(ctx, "user-1", func(u *account.User) error {
			u.Username, u.UsernameKey = "", ""
			u.PrimaryEmail, u.EmailKey = "", ""
			u.PrimaryPhone = ""
			delete(u.Identities, "google")
			return nil
		})
		ok(t, "UpdateUser clearing", err)
		wantNoHolder(t, s, account.IdentifierUsername, held.UsernameKey)
		wantNoHolder(t, s, account.IdentifierEmail, held.EmailKey)
		wantNoHolder(t, s, account.IdentifierPhone, held.PrimaryPhone)
		wantNoSocialHolder(t, s, "google", held.Identities["google"].UserID)
		wantSocialHolder(t, s, "github", held.Identities["github"].UserID, "user-1")

		_, err = s.UpdateUser(ctx, "user-2", func(u *account.User) error {
			u.Username, u.UsernameKey = held.Username, held.UsernameKey
			u.PrimaryEmail, u.EmailKey = held.PrimaryEmail, held.EmailKey
			u.PrimaryPhone = held.PrimaryPhone
			u.Identities = map[string]account.SocialIdentity{"google": held.Identities["google"]}
			return nil
		})
		ok(t, "UpdateUser claiming the cleared identifiers", err)
		wantHolder(t, s, account.IdentifierUsername, held.UsernameKey, "user-2")
		wantHolder(t, s, account.IdentifierEmail, held.EmailKey, "user-2")
		wantHolder(t, s, account.IdentifierPhone, held.PrimaryPhone, "user-2")
		wantSocialHolder(t, s, "google", held.Identities["google"].UserID, "user-2")
	})

	parallel(t, newStore, "replacing an identifier frees the old value", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, fullUser(1), plainUser(2))
		held := fullUser(1)
		_, err := s.UpdateUser(ctx, "user-1", func(u *account.User) error {
			u.PrimaryEmail, u.EmailKey = "new@example.com", "new@example.com"
			u.Identities["google"] = account.SocialIdentity{UserID: "g-new"}
			return nil
		})
		ok(t, "UpdateUser replacing", err)
		wantHolder(t, s, account.IdentifierEmail, "new@example.com", "user-1")
		wantSocialHolder(t, s, "google", "g-new", "user-1")
		_, err = s.UpdateUser(ctx, "user-2", func(u *account.User) error {
			u.PrimaryEmail, u.EmailKey = held.PrimaryEmail, held.EmailKey
			u.Identities = map[string]account.SocialIdentity{"google": held.Identities["google"]}
			return nil
		})
		ok(t, "UpdateUser claiming the old values", err)
		wantHolder(t, s, account.IdentifierEmail, held.EmailKey, "user-2")
		wantSocialHolder(t, s, "google", held.Identities["google"].UserID, "user-2")
	})

	parallel(t, newStore, "a conflicting update writes none of its changes", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, fullUser(1), fullUser(2))
		held := fullUser(1)
		_, err := s.UpdateUser(ctx, "user-2", func(u *account.User) error {
			u.Username, u.UsernameKey = "fresh", "fresh"
			u.PrimaryPhone = "4479460777"
			u.Identities["apple"] = account.SocialIdentity{UserID: "apple-fresh"}
			delete(u.Identities, "github")
			u.PrimaryEmail, u.EmailKey = held.PrimaryEmail, held.EmailKey
			return nil
		})
		wantConflict(t, "UpdateUser", err, account.IdentifierEmail)
		wantSame(t, "GetUser", fullUser(2), mustGetUser(t, s, "user-2"))
		wantNoHolder(t, s, account.IdentifierUsername, "fresh")
		wantNoHolder(t, s, account.IdentifierPhone, "4479460777")
		wantNoSocialHolder(t, s, "apple", "apple-fresh")
		wantSocialHolder(t, s, "github", fullUser(2).Identities["github"].UserID, "user-2")
	})

	parallel(t, newStore, "a conflicting create writes nothing", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1))
		rival := fullUser(2)
		rival.PrimaryPhone = "4479460111"
		ok(t, "UpdateUser", func() error {
			_, err := s.UpdateUser(ctx, "user-1", func(u *account.User) error { u.PrimaryPhone = "4479460111"; return nil })
			return err
		}())
		wantConflict(t, "CreateUser", s.CreateUser(ctx, rival), account.IdentifierPhone)
		wantNoUser(t, s, "user-2")
		wantNoHolder(t, s, account.IdentifierUsername, rival.UsernameKey)
		wantNoHolder(t, s, account.IdentifierEmail, rival.EmailKey)
		wantNoSocialHolder(t, s, "google", rival.Identities["google"].UserID)
		wantNoSocialHolder(t, s, "github", rival.Identities["github"].UserID)
		// Nothing of the refused user is left to block a second try.
		mustCreateUsers(t, s, fullUser(2))
	})
}
