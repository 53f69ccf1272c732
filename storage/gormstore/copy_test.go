package gormstore_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/storage/gormstore"
	"github.com/myaccount-go/myaccount/verification"
)

// side is a store with the *gorm.DB and prefix it lives on.
type side struct {
	db     *gorm.DB
	prefix string
	store  *gormstore.Store
}

func sqliteSide(t *testing.T) side {
	db := openSQLite(t, gormConfig())
	return side{db, "myaccount_", newStoreWithPrefix(t, db, "myaccount_")}
}

func postgresSide(t *testing.T) side {
	db := testdb.Postgres(t, gormConfig())
	prefix := randomPrefix(t)
	return side{db, prefix, newStoreWithPrefix(t, db, prefix)}
}

// fillStore writes users rows of every kind through the store: users with
// social identities, token sets, access tokens, TOTP, passkey and
// backup-code factors, SSO identities, verification records with codes
// and sessions, hits and blocks, the account-center settings.
func fillStore(t *testing.T, s *gormstore.Store, users int) {
	t.Helper()
	ctx := t.Context()
	at := time.Date(2026, 3, 14, 15, 9, 26, 535897000, time.UTC)
	if _, err := s.UpdateAccountCenter(ctx, func(c *account.AccountCenter) error {
		c.Enabled = true
		c.Fields = map[account.Field]account.FieldMode{account.FieldEmail: account.Edit}
		c.UpdatedAt = at
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range users {
		id := fmt.Sprintf("u%05d-Ab_%d", i, i%7) // mixed case and punctuation: collations differ
		name := "Ada " + id
		u := &account.User{
			ID: id, Username: "Ada_" + id, UsernameKey: strings.ToLower("ada_" + id),
			PrimaryEmail: id + "@Example.com", EmailKey: strings.ToLower(id + "@example.com"),
			Name: &name, PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", PasswordUpdatedAt: at,
			CustomData: map[string]any{"n": float64(i), "ok": i%2 == 0}, IsSuspended: i%5 == 0,
			Identities: map[string]account.SocialIdentity{"github": {UserID: "gh-" + id, Details: map[string]any{"login": id}}},
			CreatedAt:  at, UpdatedAt: at.Add(time.Duration(i) * time.Microsecond),
		}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if i%10 != 0 {
			continue
		}
		if err := s.PutTokenSet(ctx, &account.TokenSet{UserID: id, Target: "github", ConnectorID: "gh", Sealed: []byte{0, 1, 2, byte(i)}, Scope: "read", ExpiresAt: at, UpdatedAt: at}); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateAccessToken(ctx, &account.PersonalAccessToken{UserID: id, Name: "ci", Hash: []byte("hash-" + id), Scopes: []string{"openid"}, CreatedAt: at}); err != nil {
			t.Fatal(err)
		}
		factors := []*mfa.Factor{
			{ID: "totp-" + id, UserID: id, Type: mfa.TypeTOTP, CreatedAt: at, TOTP: &mfa.TOTP{SealedSecret: []byte("sealed-" + id), LastUsedStep: 59}},
			{ID: "codes-" + id, UserID: id, Type: mfa.TypeBackupCode, CreatedAt: at, BackupCodes: []mfa.BackupCode{
				{Hash: []byte("h1"), Sealed: []byte("s1"), UsedAt: at}, {Hash: []byte("h2"), Sealed: []byte{}},
			}},
			{ID: "key-" + id, UserID: id, Type: mfa.TypeWebAuthn, CreatedAt: at, LastUsedAt: at, WebAuthn: &mfa.WebAuthnCredential{
				CredentialID: []byte("cred-" + id), PublicKey: []byte{0xff, 0}, UserPresent: true, BackupEligible: true,
				SignCount: 7, Transports: []string{"internal"}, AAGUID: make([]byte, 16), Name: "laptop",
			}},
		}
		for _, f := range factors {
			if _, err := s.BindFactor(ctx, f, "", func(*account.User) error { return nil }); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.PutSSOIdentity(ctx, &account.SSOIdentity{ID: "sso-" + id, UserID: id, SSOConnectorID: "okta", Issuer: "https://idp.example", IdentityID: "okta-" + id, Detail: map[string]any{}, CreatedAt: at, UpdatedAt: at}); err != nil {
			t.Fatal(err)
		}
		rec := &verification.Record{ID: "rec-" + id, Type: verification.TypeEmailVerificationCode, UserID: id, CreatedAt: at, ExpiresAt: at.Add(10 * time.Minute),
			Identifier: verification.Identifier{Type: verification.IdentifierEmail, Value: u.PrimaryEmail},
			Code:       &verification.Code{Hash: []byte("code"), SentAt: at, Tries: 1}, Session: []byte(`{"s":1}`)}
		if err := s.CreateRecord(ctx, rec); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.AddHit(ctx, "send:"+id, at, time.Hour, 0); err != nil {
			t.Fatal(err)
		}
		if err := s.Block(ctx, "lock:"+id, at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
}

// sameRows fails unless every table of a and b holds the same rows.
func sameRows(t *testing.T, a, b side) {
	t.Helper()
	for _, name := range gormstore.TableNames(a.store) {
		suffix := strings.TrimPrefix(name, a.prefix)
		if suffix == "schema_versions" {
			continue
		}
		got, want := testdb.TableRows(t, b.db, b.prefix+suffix), testdb.TableRows(t, a.db, name)
		if len(want) == 0 {
			t.Errorf("table %s: the source is empty; the test should fill every table", suffix)
		}
		if !slices.Equal(got, want) {
			t.Errorf("table %s: %d rows in the copy, %d in the source; first differences:\n%s", suffix, len(got), len(want), firstDifference(got, want))
		}
	}
}

func firstDifference(got, want []string) string {
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return "copy:   " + g + "\nsource: " + w
		}
	}
	return ""
}

func TestCopy(t *testing.T) {
	t.Run("SQLite to Postgres to SQLite keeps every row", func(t *testing.T) {
		ctx := t.Context()
		src := sqliteSide(t)
		fillStore(t, src.store, 250)
		pg := postgresSide(t)
		res, err := gormstore.Copy(ctx, pg.store, src.store, gormstore.CopyOptions{Batch: 64})
		if err != nil {
			t.Fatalf("Copy to Postgres: %v", err)
		}
		back := sqliteSide(t)
		res2, err := gormstore.Copy(ctx, back.store, pg.store, gormstore.CopyOptions{Batch: 1000})
		if err != nil {
			t.Fatalf("Copy back to SQLite: %v", err)
		}
		sameRows(t, src, pg)
		sameRows(t, src, back)
		if !reflect.DeepEqual(res.Tables, res2.Tables) {
			t.Errorf("the two copies' tables differ:\n%+v\n%+v", res.Tables, res2.Tables)
		}
		for _, s := range []side{pg, back} {
			want, err := src.store.GetUser(ctx, "u00010-Ab_3")
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.store.GetUser(ctx, want.ID)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("GetUser on the copy = %+v, %v; want %+v", got, err, want)
			}
			if _, err := s.store.FindWebAuthnCredential(ctx, []byte("cred-"+want.ID)); err != nil {
				t.Errorf("FindWebAuthnCredential on the copy: %v", err)
			}
		}
	})

	t.Run("refuses a target that holds data", func(t *testing.T) {
		ctx := t.Context()
		src := sqliteSide(t)
		fillStore(t, src.store, 3)
		dst := sqliteSide(t)
		if err := dst.store.Block(ctx, "someone-elses", time.Now()); err != nil {
			t.Fatal(err)
		}
		_, err := gormstore.Copy(ctx, dst.store, src.store, gormstore.CopyOptions{})
		if !errors.Is(err, gormstore.ErrTargetNotEmpty) || !strings.Contains(err.Error(), "counters") {
			t.Fatalf("Copy into a target with a counter: %v, want ErrTargetNotEmpty naming the table", err)
		}
		if n := len(testdb.TableRows(t, dst.db, "myaccount_users")); n != 0 {
			t.Errorf("the refused copy wrote %d users", n)
		}
	})

	t.Run("an interrupted copy is resumed without duplicates", func(t *testing.T) {
		src := sqliteSide(t)
		fillStore(t, src.store, 300)
		forEachDatabase(t, func(t *testing.T, database database) {
			var dst side
			if database.name == "sqlite" {
				dst = sqliteSide(t)
			} else {
				dst = postgresSide(t)
			}
			ctx, cancel := context.WithCancel(t.Context())
			batches := 0
			_, err := gormstore.Copy(ctx, dst.store, src.store, gormstore.CopyOptions{Batch: 50, Progress: func(p gormstore.CopyProgress) {
				if batches++; batches == 3 {
					cancel()
				}
			}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Copy cancelled after 3 batches: %v", err)
			}
			if n := len(testdb.TableRows(t, dst.db, dst.prefix+"users")); n == 0 || n == 300 {
				t.Fatalf("after the interruption the target holds %d users, want some", n)
			}
			if _, err := gormstore.Copy(t.Context(), dst.store, src.store, gormstore.CopyOptions{Batch: 50}); !errors.Is(err, gormstore.ErrTargetNotEmpty) {
				t.Fatalf("Copy again without Resume: %v, want ErrTargetNotEmpty", err)
			}
			var first gormstore.CopyProgress
			res, err := gormstore.Copy(t.Context(), dst.store, src.store, gormstore.CopyOptions{Batch: 50, Resume: true, Progress: func(p gormstore.CopyProgress) {
				if first.Table == "" {
					first = p
				}
			}})
			if err != nil {
				t.Fatalf("Copy with Resume: %v", err)
			}
			if res.Copied >= res.Rows || first.Done < 150 {
				t.Errorf("the resumed copy wrote %d of %d rows, starting at %d: want it to go on from the interruption", res.Copied, res.Rows, first.Done)
			}
			sameRows(t, src, dst)
		})
	})

	t.Run("a target that differs from the source fails the check", func(t *testing.T) {
		src := sqliteSide(t)
		fillStore(t, src.store, 20)
		dst := sqliteSide(t)
		changed := false
		_, err := gormstore.Copy(t.Context(), dst.store, src.store, gormstore.CopyOptions{Progress: func(p gormstore.CopyProgress) {
			if p.Phase == gormstore.PhaseCopy && p.Table == "identities" && !changed {
				changed = true
				if err := dst.db.Exec(`UPDATE myaccount_users SET version = version + 1 WHERE id = 'u00003-Ab_3'`).Error; err != nil {
					t.Error(err)
				}
			}
		}})
		if !errors.Is(err, gormstore.ErrCopyMismatch) || !strings.Contains(err.Error(), "users") {
			t.Fatalf("Copy with a user changed in the target: %v, want ErrCopyMismatch naming users", err)
		}
	})

	t.Run("refuses a source at an older schema version", func(t *testing.T) {
		src := sqliteSide(t)
		forgetSchemaVersion(t, src.db, src.prefix)
		if _, err := gormstore.Copy(t.Context(), sqliteSide(t).store, src.store, gormstore.CopyOptions{}); err == nil || !strings.Contains(err.Error(), "migrate it first") {
			t.Fatalf("Copy from a source without a schema version: %v", err)
		}
	})
}

// TestCopyKnowsEveryTable: every table Migrate creates is one Copy copies
// (or, the schema versions, one it leaves to each side's Migrate).
func TestCopyKnowsEveryTable(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		db := database.open(t, gormConfig())
		prefix := randomPrefix(t)
		s := newStoreWithPrefix(t, db, prefix)
		tables, err := db.Migrator().GetTables()
		if err != nil {
			t.Fatal(err)
		}
		var made []string
		for _, name := range tables {
			if strings.HasPrefix(name, prefix) {
				made = append(made, name)
			}
		}
		slices.Sort(made)
		known := slices.Sorted(slices.Values(gormstore.TableNames(s)))
		if !slices.Equal(made, known) {
			t.Errorf("Migrate made the tables %q; the store lists %q", made, known)
		}
		copied, err := gormstore.CopiedTableNames(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(copied) != len(known)-1 || slices.Contains(copied, "schema_versions") {
			t.Errorf("Copy copies %q of %q: want all but schema_versions", copied, known)
		}
	})
}
