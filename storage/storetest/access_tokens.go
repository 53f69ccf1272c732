package storetest

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// fullAccessToken returns the user's token of that name with every field
// set; its hash is the name's and the user's, so tokens differ.
func fullAccessToken(userID, name string) *account.PersonalAccessToken {
	h := sha256.Sum256([]byte(userID + "/" + name))
	return &account.PersonalAccessToken{
		UserID:    userID,
		Name:      name,
		Hash:      h[:],
		Scopes:    []string{"openid", "profile", "email"},
		CreatedAt: base.In(zoneWest),
		ExpiresAt: base.Add(24 * time.Hour).In(time.UTC),
	}
}

// mustCreateAccessTokens stores tokens.
func mustCreateAccessTokens(t *testing.T, s Store, tokens ...*account.PersonalAccessToken) {
	t.Helper()
	for _, tok := range tokens {
		ok(t, "CreateAccessToken "+tok.UserID+" "+tok.Name, s.CreateAccessToken(t.Context(), tok))
	}
}

// wantAccessTokens fails t unless the user's tokens are want, in order.
func wantAccessTokens(t *testing.T, s Store, userID string, want ...*account.PersonalAccessToken) {
	t.Helper()
	got, err := s.ListAccessTokens(t.Context(), userID)
	ok(t, "ListAccessTokens "+userID, err)
	if got == nil {
		t.Errorf("ListAccessTokens %s: nil, want a list", userID)
	}
	if len(want) == 0 {
		want = []*account.PersonalAccessToken{}
	}
	wantSame(t, "ListAccessTokens "+userID, want, got)
}

// wantFound fails t unless the token with this hash is want.
func wantFound(t *testing.T, s Store, want *account.PersonalAccessToken) {
	t.Helper()
	got, err := s.FindAccessToken(t.Context(), want.Hash)
	ok(t, "FindAccessToken "+want.Name, err)
	wantSame(t, "FindAccessToken "+want.Name, want, got)
}

func testAccessTokens(t *testing.T, newStore NewStoreFunc) {
	parallel(t, newStore, "create, find and list round-trip every field", func(t *testing.T, s Store) {
		checkFixture(t, fullAccessToken("user-1", "ci"))
		mustCreateUsers(t, s, plainUser(1))
		bare := &account.PersonalAccessToken{UserID: "user-1", Name: "bare", Hash: []byte{0x00, 0xff}}
		full := fullAccessToken("user-1", "ci")
		mustCreateAccessTokens(t, s, full, bare)
		wantFound(t, s, full)
		// No scopes come back as none, and zero times as zero.
		got, err := s.FindAccessToken(t.Context(), bare.Hash)
		ok(t, "FindAccessToken bare", err)
		if got.Name != "bare" || len(got.Scopes) != 0 || !got.CreatedAt.IsZero() || !got.ExpiresAt.IsZero() {
			t.Errorf("FindAccessToken bare = %+v", got)
		}
	})

	parallel(t, newStore, "list is the user's, oldest first then by name", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		newest, older, sameTimeB, sameTimeA := fullAccessToken("user-1", "newest"), fullAccessToken("user-1", "older"), fullAccessToken("user-1", "b"), fullAccessToken("user-1", "a")
		newest.CreatedAt = base.Add(time.Hour)
		older.CreatedAt = base.Add(-time.Hour)
		other := fullAccessToken("user-2", "a")
		mustCreateAccessTokens(t, s, newest, sameTimeB, other, older, sameTimeA)
		wantAccessTokens(t, s, "user-1", older, sameTimeA, sameTimeB, newest)
		wantAccessTokens(t, s, "user-2", other)
		wantAccessTokens(t, s, "user-3")
	})

	parallel(t, newStore, "create refuses an unknown user, a taken name and a taken hash", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		wantErr(t, "CreateAccessToken of an unknown user", s.CreateAccessToken(ctx, fullAccessToken("user-3", "ci")), account.ErrNotFound)
		mustCreateAccessTokens(t, s, fullAccessToken("user-1", "ci"))

		sameName := fullAccessToken("user-1", "ci")
		sameName.Hash = []byte("another hash")
		wantErr(t, "CreateAccessToken with a taken name", s.CreateAccessToken(ctx, sameName), account.ErrConflict)

		sameHash := fullAccessToken("user-2", "other")
		sameHash.Hash = fullAccessToken("user-1", "ci").Hash
		wantErr(t, "CreateAccessToken with a taken hash", s.CreateAccessToken(ctx, sameHash), account.ErrConflict)

		// Names are per user, and compared as they are.
		mustCreateAccessTokens(t, s, fullAccessToken("user-2", "ci"), fullAccessToken("user-1", "CI"))
		wantAccessTokens(t, s, "user-1", fullAccessToken("user-1", "CI"), fullAccessToken("user-1", "ci"))
		wantFound(t, s, fullAccessToken("user-1", "ci"))
	})

	parallel(t, newStore, "find unknown is not found", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		mustCreateAccessTokens(t, s, fullAccessToken("user-1", "ci"))
		h := fullAccessToken("user-1", "ci").Hash
		for _, hash := range [][]byte{nil, {}, h[:len(h)-1], append(h[:len(h):len(h)], 0)} {
			_, err := s.FindAccessToken(t.Context(), hash)
			wantErr(t, fmt.Sprintf("FindAccessToken %x", hash), err, account.ErrNotFound)
		}
	})

	parallel(t, newStore, "rename keeps everything but the name", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		mustCreateAccessTokens(t, s, fullAccessToken("user-1", "ci"), fullAccessToken("user-1", "deploy"), fullAccessToken("user-2", "build"))

		want := fullAccessToken("user-1", "ci")
		want.Name = "build"
		got, err := s.RenameAccessToken(ctx, "user-1", "ci", "build")
		ok(t, "RenameAccessToken", err)
		wantSame(t, "RenameAccessToken", want, got)
		wantFound(t, s, want)
		wantAccessTokens(t, s, "user-1", want, fullAccessToken("user-1", "deploy"))

		// To its own name: unchanged.
		got, err = s.RenameAccessToken(ctx, "user-1", "build", "build")
		ok(t, "RenameAccessToken to the same name", err)
		wantSame(t, "RenameAccessToken to the same name", want, got)

		_, err = s.RenameAccessToken(ctx, "user-1", "build", "deploy")
		wantErr(t, "RenameAccessToken to a taken name", err, account.ErrConflict)
		_, err = s.RenameAccessToken(ctx, "user-1", "ci", "x")
		wantErr(t, "RenameAccessToken of the old name", err, account.ErrNotFound)
		_, err = s.RenameAccessToken(ctx, "user-2", "deploy", "x")
		wantErr(t, "RenameAccessToken of another user's token", err, account.ErrNotFound)
		wantAccessTokens(t, s, "user-1", want, fullAccessToken("user-1", "deploy"))
		wantAccessTokens(t, s, "user-2", fullAccessToken("user-2", "build"))
	})

	parallel(t, newStore, "delete removes the token, and only it", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		mustCreateAccessTokens(t, s, fullAccessToken("user-1", "ci"), fullAccessToken("user-1", "deploy"), fullAccessToken("user-2", "ci"))
		ok(t, "DeleteAccessToken", s.DeleteAccessToken(ctx, "user-1", "ci"))
		_, err := s.FindAccessToken(ctx, fullAccessToken("user-1", "ci").Hash)
		wantErr(t, "FindAccessToken of the deleted token", err, account.ErrNotFound)
		wantErr(t, "DeleteAccessToken again", s.DeleteAccessToken(ctx, "user-1", "ci"), account.ErrNotFound)
		wantErr(t, "DeleteAccessToken of an unknown user", s.DeleteAccessToken(ctx, "user-3", "deploy"), account.ErrNotFound)
		wantAccessTokens(t, s, "user-1", fullAccessToken("user-1", "deploy"))
		wantAccessTokens(t, s, "user-2", fullAccessToken("user-2", "ci"))
		// The name and the hash are free again.
		mustCreateAccessTokens(t, s, fullAccessToken("user-1", "ci"))
		wantFound(t, s, fullAccessToken("user-1", "ci"))
	})

	parallel(t, newStore, "stored values are copies", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		in := fullAccessToken("user-1", "ci")
		mustCreateAccessTokens(t, s, in)
		scribbleBytes(in.Hash)
		in.Scopes[0], in.Name = "scribbled", "scribbled"
		wantFound(t, s, fullAccessToken("user-1", "ci"))
		got, err := s.FindAccessToken(t.Context(), fullAccessToken("user-1", "ci").Hash)
		ok(t, "FindAccessToken", err)
		scribbleBytes(got.Hash)
		got.Scopes[0] = "scribbled"
		wantFound(t, s, fullAccessToken("user-1", "ci"))
	})

	parallel(t, newStore, "delete user removes the user's tokens", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		mustCreateAccessTokens(t, s, fullAccessToken("user-1", "ci"), fullAccessToken("user-1", "deploy"), fullAccessToken("user-2", "ci"))
		ok(t, "DeleteUser", s.DeleteUser(ctx, "user-1"))
		_, err := s.FindAccessToken(ctx, fullAccessToken("user-1", "ci").Hash)
		wantErr(t, "FindAccessToken of a deleted user's token", err, account.ErrNotFound)
		wantAccessTokens(t, s, "user-1")
		wantFound(t, s, fullAccessToken("user-2", "ci"))
		// A user created again with the id starts without tokens.
		mustCreateUsers(t, s, plainUser(1))
		wantAccessTokens(t, s, "user-1")
	})

	parallel(t, newStore, "concurrent creates of one name: one wins", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		const n = 20
		errs := make([]error, n)
		race(n, func(i int) {
			tok := fullAccessToken("user-1", "ci")
			tok.Hash = fmt.Appendf(nil, "hash-%d", i)
			errs[i] = s.CreateAccessToken(t.Context(), tok)
		})
		winner := oneWinner(t, "CreateAccessToken", errs, account.ErrConflict)
		want := fullAccessToken("user-1", "ci")
		want.Hash = fmt.Appendf(nil, "hash-%d", winner)
		wantAccessTokens(t, s, "user-1", want)
	})

	parallel(t, newStore, "creates racing the user's deletion leave no token behind", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		const n = 10
		errs := make([]error, n+1)
		race(n+1, func(i int) {
			if i == n {
				errs[i] = s.DeleteUser(t.Context(), "user-1")
				return
			}
			errs[i] = s.CreateAccessToken(t.Context(), fullAccessToken("user-1", fmt.Sprint("token-", i)))
		})
		ok(t, "DeleteUser", errs[n])
		for i, err := range errs[:n] {
			if err != nil && !errors.Is(err, account.ErrNotFound) {
				t.Errorf("CreateAccessToken %d: %v, want nil or ErrNotFound", i, err)
			}
		}
		wantAccessTokens(t, s, "user-1")
		for i := range n {
			_, err := s.FindAccessToken(t.Context(), fullAccessToken("user-1", fmt.Sprint("token-", i)).Hash)
			wantErr(t, "FindAccessToken after the deletion", err, account.ErrNotFound)
		}
	})
}
