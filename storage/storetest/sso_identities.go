package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// fullSSOIdentity returns the user's identity at the connector with every
// field set; its issuer is the connector's, and its identity id the user's.
func fullSSOIdentity(userID, connectorID string) *account.SSOIdentity {
	return &account.SSOIdentity{
		ID:             "sso-" + userID + "-" + connectorID,
		UserID:         userID,
		SSOConnectorID: connectorID,
		Issuer:         "https://idp.example.com/" + connectorID,
		IdentityID:     "ent-" + userID,
		Detail: map[string]any{
			"email":  userID + "@corp.example.com",
			"groups": []any{"eng", "ops"},
			"n":      float64(3),
			"raw":    map[string]any{"sub": "ent-" + userID, "verified": true, "none": nil},
		},
		CreatedAt: base.In(zoneWest),
		UpdatedAt: base.Add(time.Minute).In(time.UTC),
	}
}

// mustPutSSOIdentity stores id and checks the answer is want.
func mustPutSSOIdentity(t *testing.T, s Store, id, want *account.SSOIdentity) {
	t.Helper()
	got, err := s.PutSSOIdentity(t.Context(), id)
	ok(t, "PutSSOIdentity "+id.UserID+" "+id.SSOConnectorID, err)
	wantSame(t, "PutSSOIdentity "+id.UserID+" "+id.SSOConnectorID, want, got)
}

// wantSSOIdentities fails t unless the user's SSO identities are want, in
// order.
func wantSSOIdentities(t *testing.T, s Store, userID string, want ...*account.SSOIdentity) {
	t.Helper()
	got, err := s.ListSSOIdentities(t.Context(), userID)
	ok(t, "ListSSOIdentities "+userID, err)
	if got == nil {
		t.Errorf("ListSSOIdentities %s: nil, want a list", userID)
	}
	if len(want) == 0 {
		want = []*account.SSOIdentity{}
	}
	wantSame(t, "ListSSOIdentities "+userID, want, got)
}

func testSSOIdentities(t *testing.T, newStore NewStoreFunc) {
	parallel(t, newStore, "put and list round-trip every field", func(t *testing.T, s Store) {
		checkFixture(t, fullSSOIdentity("user-1", "okta"))
		mustCreateUsers(t, s, plainUser(1))
		full := fullSSOIdentity("user-1", "okta")
		mustPutSSOIdentity(t, s, full, fullSSOIdentity("user-1", "okta"))
		wantSSOIdentities(t, s, "user-1", fullSSOIdentity("user-1", "okta"))
		// No detail comes back as an empty object, zero times as zero.
		bare := &account.SSOIdentity{ID: "bare", UserID: "user-1", SSOConnectorID: "azure", Issuer: "https://azure.example.com", IdentityID: "b"}
		want := *bare
		want.Detail = map[string]any{}
		mustPutSSOIdentity(t, s, bare, &want)
		wantSSOIdentities(t, s, "user-1", &want, fullSSOIdentity("user-1", "okta"))
		wantSSOIdentities(t, s, "user-2")
	})

	parallel(t, newStore, "list is the user's, oldest first then by id", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		newest, older, b, a := fullSSOIdentity("user-1", "c1"), fullSSOIdentity("user-1", "c2"), fullSSOIdentity("user-1", "c3"), fullSSOIdentity("user-1", "c4")
		newest.CreatedAt = base.Add(time.Hour)
		older.CreatedAt = base.Add(-time.Hour)
		b.ID, a.ID = "b", "a"
		for _, id := range []*account.SSOIdentity{newest, b, fullSSOIdentity("user-2", "c1"), older, a} {
			c := *id
			mustPutSSOIdentity(t, s, &c, id)
		}
		wantSSOIdentities(t, s, "user-1", older, a, b, newest)
		wantSSOIdentities(t, s, "user-2", fullSSOIdentity("user-2", "c1"))
	})

	parallel(t, newStore, "put again at the connector updates, keeping id and createdAt", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		mustPutSSOIdentity(t, s, fullSSOIdentity("user-1", "okta"), fullSSOIdentity("user-1", "okta"))
		again := &account.SSOIdentity{
			ID: "another-id", UserID: "user-1", SSOConnectorID: "okta",
			Issuer: "https://new.example.com", IdentityID: "ent-new",
			Detail:    map[string]any{"email": "new@corp.example.com"},
			CreatedAt: base.Add(time.Hour), UpdatedAt: base.Add(2 * time.Hour),
		}
		want := *again
		want.ID, want.CreatedAt = "sso-user-1-okta", fullSSOIdentity("user-1", "okta").CreatedAt
		mustPutSSOIdentity(t, s, again, &want)
		wantSSOIdentities(t, s, "user-1", &want)
		// The old identity is free again, the id "another-id" was never taken.
		mustCreateUsers(t, s, plainUser(2))
		other := fullSSOIdentity("user-2", "okta")
		other.IdentityID, other.ID = "ent-user-1", "another-id"
		mustPutSSOIdentity(t, s, other, other)
	})

	parallel(t, newStore, "put refuses an unknown user, a taken identity and a taken id", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		_, err := s.PutSSOIdentity(ctx, fullSSOIdentity("user-3", "okta"))
		wantErr(t, "PutSSOIdentity of an unknown user", err, account.ErrNotFound)
		mustPutSSOIdentity(t, s, fullSSOIdentity("user-1", "okta"), fullSSOIdentity("user-1", "okta"))

		// Another user with user-1's identity: at the same connector, and
		// at another one of the same issuer.
		for _, conn := range []string{"okta", "okta-2"} {
			taken := fullSSOIdentity("user-2", conn)
			taken.Issuer, taken.IdentityID = fullSSOIdentity("user-1", "okta").Issuer, "ent-user-1"
			_, err = s.PutSSOIdentity(ctx, taken)
			wantErr(t, "PutSSOIdentity of another user's identity at "+conn, err, account.ErrConflict)
		}
		// The same user, the same identity at a second connector.
		twice := fullSSOIdentity("user-1", "okta-2")
		twice.Issuer = fullSSOIdentity("user-1", "okta").Issuer
		_, err = s.PutSSOIdentity(ctx, twice)
		wantErr(t, "PutSSOIdentity of the identity at a second connector", err, account.ErrConflict)
		// A new record with a taken id.
		sameID := fullSSOIdentity("user-2", "azure")
		sameID.ID = "sso-user-1-okta"
		_, err = s.PutSSOIdentity(ctx, sameID)
		wantErr(t, "PutSSOIdentity with a taken id", err, account.ErrConflict)

		wantSSOIdentities(t, s, "user-1", fullSSOIdentity("user-1", "okta"))
		wantSSOIdentities(t, s, "user-2")
		// What nobody holds is still free.
		mustPutSSOIdentity(t, s, fullSSOIdentity("user-2", "azure"), fullSSOIdentity("user-2", "azure"))
	})

	parallel(t, newStore, "stored values are copies", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		in := fullSSOIdentity("user-1", "okta")
		got, err := s.PutSSOIdentity(t.Context(), in)
		ok(t, "PutSSOIdentity", err)
		scribbleJSON(in.Detail)
		in.IdentityID = "scribbled"
		scribbleJSON(got.Detail)
		wantSSOIdentities(t, s, "user-1", fullSSOIdentity("user-1", "okta"))
		list, err := s.ListSSOIdentities(t.Context(), "user-1")
		ok(t, "ListSSOIdentities", err)
		scribbleJSON(list[0].Detail)
		wantSSOIdentities(t, s, "user-1", fullSSOIdentity("user-1", "okta"))
	})

	parallel(t, newStore, "delete user removes the user's SSO identities", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1), plainUser(2))
		for _, id := range []*account.SSOIdentity{fullSSOIdentity("user-1", "okta"), fullSSOIdentity("user-1", "azure"), fullSSOIdentity("user-2", "okta")} {
			c := *id
			mustPutSSOIdentity(t, s, &c, id)
		}
		ok(t, "DeleteUser", s.DeleteUser(t.Context(), "user-1"))
		wantSSOIdentities(t, s, "user-1")
		wantSSOIdentities(t, s, "user-2", fullSSOIdentity("user-2", "okta"))
		// The identity, and the record ids, are free for another user.
		taken := fullSSOIdentity("user-2", "azure")
		taken.ID, taken.Issuer, taken.IdentityID = "sso-user-1-okta", fullSSOIdentity("user-1", "okta").Issuer, "ent-user-1"
		mustPutSSOIdentity(t, s, taken, taken)
		// A user created again with the id starts without SSO identities.
		mustCreateUsers(t, s, plainUser(1))
		wantSSOIdentities(t, s, "user-1")
	})

	serial(t, newStore, "concurrent puts of one identity for many users: one wins", func(t *testing.T, s Store) {
		const n = 12
		for i := range n {
			mustCreateUsers(t, s, plainUser(i+1))
		}
		errs := make([]error, n)
		race(n, func(i int) {
			id := fullSSOIdentity(fmt.Sprintf("user-%d", i+1), "okta")
			id.IdentityID = "shared"
			_, errs[i] = s.PutSSOIdentity(t.Context(), id)
		})
		winner := oneWinner(t, "PutSSOIdentity", errs, account.ErrConflict)
		want := fullSSOIdentity(fmt.Sprintf("user-%d", winner+1), "okta")
		want.IdentityID = "shared"
		for i := range n {
			if i == winner {
				wantSSOIdentities(t, s, want.UserID, want)
			} else {
				wantSSOIdentities(t, s, fmt.Sprintf("user-%d", i+1))
			}
		}
	})

	serial(t, newStore, "concurrent puts for one user and connector: one record", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		const n = 12
		errs := make([]error, n)
		race(n, func(i int) {
			id := fullSSOIdentity("user-1", "okta")
			id.ID = fmt.Sprintf("sso-%d", i)
			id.Detail = map[string]any{"n": float64(i)}
			_, errs[i] = s.PutSSOIdentity(t.Context(), id)
		})
		for i, err := range errs {
			ok(t, fmt.Sprintf("PutSSOIdentity %d", i), err)
		}
		list, err := s.ListSSOIdentities(t.Context(), "user-1")
		ok(t, "ListSSOIdentities", err)
		if len(list) != 1 {
			t.Fatalf("ListSSOIdentities: %d records, want 1", len(list))
		}
	})

	serial(t, newStore, "put racing delete user leaves nothing behind", func(t *testing.T, s Store) {
		const n = 12
		for i := range n {
			mustCreateUsers(t, s, plainUser(i+1))
		}
		race(2*n, func(i int) {
			userID := fmt.Sprintf("user-%d", i/2+1)
			if i%2 == 0 {
				if _, err := s.PutSSOIdentity(t.Context(), fullSSOIdentity(userID, "okta")); err != nil && !errors.Is(err, account.ErrNotFound) {
					t.Errorf("PutSSOIdentity %s: %v", userID, err)
				}
				return
			}
			ok(t, "DeleteUser "+userID, s.DeleteUser(t.Context(), userID))
		})
		for i := range n {
			wantSSOIdentities(t, s, fmt.Sprintf("user-%d", i+1))
		}
	})
}
