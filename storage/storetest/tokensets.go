package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// fullTokenSet returns a token set of the user for target with every field
// set; the sealed bytes and the scope carry the pair, so that sets of
// different pairs differ.
func fullTokenSet(userID, target string) *account.TokenSet {
	return &account.TokenSet{
		UserID:      userID,
		Target:      target,
		ConnectorID: target + "-connector",
		Sealed:      append([]byte{0x01, 0x00, 0xff, 0x00}, userID+"/"+target...),
		Scope:       "openid profile " + target + ":" + userID,
		ExpiresAt:   base.Add(time.Hour).In(zoneWest),
		UpdatedAt:   base.In(time.UTC),
	}
}

// mustGetTokenSet returns the stored set, failing t now if there is none.
func mustGetTokenSet(t *testing.T, s Store, userID, target string) *account.TokenSet {
	t.Helper()
	ts, err := s.GetTokenSet(t.Context(), userID, target)
	ok(t, "GetTokenSet "+userID+" "+target, err)
	if ts == nil {
		t.Fatalf("GetTokenSet %s %s: nil token set and nil error", userID, target)
	}
	return ts
}

// mustPutTokenSets stores sets.
func mustPutTokenSets(t *testing.T, s Store, sets ...*account.TokenSet) {
	t.Helper()
	for _, ts := range sets {
		ok(t, "PutTokenSet "+ts.UserID+" "+ts.Target, s.PutTokenSet(t.Context(), ts))
	}
}

// wantNoTokenSet fails t unless the user has no set for target.
func wantNoTokenSet(t *testing.T, s Store, userID, target string) {
	t.Helper()
	_, err := s.GetTokenSet(t.Context(), userID, target)
	wantErr(t, "GetTokenSet "+userID+" "+target, err, account.ErrNotFound)
}

func scribbleTokenSet(ts *account.TokenSet) {
	ts.UserID += "-scribbled"
	ts.Target += "-scribbled"
	ts.ConnectorID = "scribbled"
	scribbleBytes(ts.Sealed)
	ts.Scope = "scribbled"
	ts.ExpiresAt = time.Unix(1, 0)
}

// The stores need not check that a set's user exists, nor refuse it: the
// tests create the users first, so a store whose schema has a foreign key
// passes too.
func testTokenSets(t *testing.T, newStore NewStoreFunc) {
	parallel(t, newStore, "put and get round-trip every field", func(t *testing.T, s Store) {
		checkFixture(t, fullTokenSet("user-1", "google"))
		mustCreateUsers(t, s, plainUser(1))
		bare := &account.TokenSet{UserID: "user-1", Target: "github", Sealed: []byte{0x00}}
		sets := []*account.TokenSet{fullTokenSet("user-1", "google"), bare}
		mustPutTokenSets(t, s, sets...)
		for _, want := range sets {
			wantSame(t, "GetTokenSet "+want.Target, want, mustGetTokenSet(t, s, want.UserID, want.Target))
		}
	})

	parallel(t, newStore, "get unknown is not found", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		mustPutTokenSets(t, s, fullTokenSet("user-1", "google"))
		wantNoTokenSet(t, s, "user-1", "github")
		wantNoTokenSet(t, s, "user-2", "google")
		wantNoTokenSet(t, s, "user-1", "")
		wantNoTokenSet(t, s, "", "google")
		// Keys are compared as they are.
		wantNoTokenSet(t, s, "user-1", "Google")
	})

	parallel(t, newStore, "put replaces the stored set", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		mustPutTokenSets(t, s, fullTokenSet("user-1", "google"))
		next := &account.TokenSet{
			UserID:      "user-1",
			Target:      "google",
			ConnectorID: "google-connector-2",
			Sealed:      []byte("resealed"),
			UpdatedAt:   base.Add(time.Minute),
		}
		mustPutTokenSets(t, s, next)
		// Every field is replaced, an empty scope and an unknown expiry
		// included.
		wantSame(t, "GetTokenSet after the second put", next, mustGetTokenSet(t, s, "user-1", "google"))
		mustPutTokenSets(t, s, fullTokenSet("user-1", "google"))
		wantSame(t, "GetTokenSet after the third put", fullTokenSet("user-1", "google"), mustGetTokenSet(t, s, "user-1", "google"))
	})

	parallel(t, newStore, "delete removes the set", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1))
		mustPutTokenSets(t, s, fullTokenSet("user-1", "google"))
		ok(t, "DeleteTokenSet", s.DeleteTokenSet(ctx, "user-1", "google"))
		wantNoTokenSet(t, s, "user-1", "google")
		wantErr(t, "DeleteTokenSet again", s.DeleteTokenSet(ctx, "user-1", "google"), account.ErrNotFound)

		// The pair is free for a new set.
		mustPutTokenSets(t, s, fullTokenSet("user-1", "google"))
		wantSame(t, "GetTokenSet after putting again", fullTokenSet("user-1", "google"), mustGetTokenSet(t, s, "user-1", "google"))
	})

	parallel(t, newStore, "delete unknown is not found", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		wantErr(t, "DeleteTokenSet with none stored", s.DeleteTokenSet(ctx, "user-1", "google"), account.ErrNotFound)
		mustPutTokenSets(t, s, fullTokenSet("user-1", "google"))
		wantErr(t, "DeleteTokenSet of another target", s.DeleteTokenSet(ctx, "user-1", "github"), account.ErrNotFound)
		wantErr(t, "DeleteTokenSet of another user", s.DeleteTokenSet(ctx, "user-2", "google"), account.ErrNotFound)
		wantSame(t, "GetTokenSet", fullTokenSet("user-1", "google"), mustGetTokenSet(t, s, "user-1", "google"))
	})

	parallel(t, newStore, "sets of two users and two targets are independent", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		users, targets := []string{"user-1", "user-2"}, []string{"google", "github"}
		for _, u := range users {
			for _, target := range targets {
				mustPutTokenSets(t, s, fullTokenSet(u, target))
			}
		}
		for _, u := range users {
			for _, target := range targets {
				wantSame(t, "GetTokenSet "+u+" "+target, fullTokenSet(u, target), mustGetTokenSet(t, s, u, target))
			}
		}

		// Replace one, delete another: the other two keep theirs.
		replaced := fullTokenSet("user-1", "google")
		replaced.Sealed, replaced.Scope = []byte("replaced"), "email"
		mustPutTokenSets(t, s, replaced)
		ok(t, "DeleteTokenSet", s.DeleteTokenSet(ctx, "user-2", "github"))
		wantSame(t, "the replaced set", replaced, mustGetTokenSet(t, s, "user-1", "google"))
		wantNoTokenSet(t, s, "user-2", "github")
		wantSame(t, "the same user's other target", fullTokenSet("user-1", "github"), mustGetTokenSet(t, s, "user-1", "github"))
		wantSame(t, "the other user's same target", fullTokenSet("user-2", "google"), mustGetTokenSet(t, s, "user-2", "google"))
	})

	parallel(t, newStore, "stored values are copies", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		in := fullTokenSet("user-1", "google")
		mustPutTokenSets(t, s, in)
		scribbleTokenSet(in)
		wantSame(t, "GetTokenSet after changing the value put", fullTokenSet("user-1", "google"), mustGetTokenSet(t, s, "user-1", "google"))
		scribbleTokenSet(mustGetTokenSet(t, s, "user-1", "google"))
		wantSame(t, "GetTokenSet after changing a read value", fullTokenSet("user-1", "google"), mustGetTokenSet(t, s, "user-1", "google"))
	})

	parallel(t, newStore, "delete user removes the user's token sets", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		mustPutTokenSets(t, s, fullTokenSet("user-1", "google"), fullTokenSet("user-1", "github"), fullTokenSet("user-2", "google"))

		ok(t, "DeleteUser", s.DeleteUser(ctx, "user-1"))

		wantNoTokenSet(t, s, "user-1", "google")
		wantNoTokenSet(t, s, "user-1", "github")
		wantSame(t, "the other user's set", fullTokenSet("user-2", "google"), mustGetTokenSet(t, s, "user-2", "google"))

		// A user created again with the id starts without sets.
		mustCreateUsers(t, s, plainUser(1))
		wantNoTokenSet(t, s, "user-1", "google")
		mustPutTokenSets(t, s, fullTokenSet("user-1", "google"))
		wantSame(t, "GetTokenSet of the new user", fullTokenSet("user-1", "google"), mustGetTokenSet(t, s, "user-1", "google"))
	})
}

// tokenSetNumber returns the i-th of the token sets the concurrency test
// writes for one pair: every field differs from the others', so a set read
// back mixed from two writes matches none.
func tokenSetNumber(userID, target string, i int) *account.TokenSet {
	return &account.TokenSet{
		UserID:      userID,
		Target:      target,
		ConnectorID: fmt.Sprintf("connector-%d", i),
		Sealed:      fmt.Appendf(nil, "sealed-%d", i),
		Scope:       fmt.Sprintf("scope-%d", i),
		ExpiresAt:   at(time.Duration(i) * time.Hour),
		UpdatedAt:   at(time.Duration(i) * time.Second),
	}
}
