package gormstore_test

import (
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"gorm.io/gorm/schema"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// TestHostSettings runs the store on GORM opened the way an app might have
// opened it for its own tables: the store must not depend on the app's
// naming strategy or on TranslateError, and must work with prepared
// statements and explicit field lists.
func TestHostSettings(t *testing.T) {
	configs := map[string]*gorm.Config{
		"without TranslateError": {Logger: logger.Discard},
		"with a naming strategy, prepared statements and query fields": {
			Logger:         logger.Discard,
			TranslateError: true,
			NamingStrategy: schema.NamingStrategy{TablePrefix: "host_", SingularTable: true, NoLowerCase: true},
			PrepareStmt:    true,
			QueryFields:    true,
		},
	}
	forEachDatabase(t, func(t *testing.T, database database) {
		for name, config := range configs {
			t.Run(name, func(t *testing.T) {
				ctx := t.Context()
				prefix := randomPrefix(t)
				db := database.open(t, config)
				s := newStoreWithPrefix(t, db, prefix)
				if !db.Migrator().HasTable(prefix + "users") {
					t.Errorf("no table %susers", prefix)
				}

				ada := &account.User{ID: "user-1", UsernameKey: "ada", EmailKey: "ada@example.com",
					Identities: map[string]account.SocialIdentity{"github": {UserID: "octocat"}}}
				if err := s.CreateUser(ctx, ada); err != nil {
					t.Fatalf("CreateUser: %v", err)
				}
				if got, err := s.FindUser(ctx, account.IdentifierEmail, "ada@example.com"); err != nil || got.ID != "user-1" {
					t.Errorf("FindUser = %+v, %v; want user-1", got, err)
				}
				rival := &account.User{ID: "user-2", EmailKey: "ada@example.com"}
				var ce *account.ConflictError
				if err := s.CreateUser(ctx, rival); !errors.As(err, &ce) || ce.Identifier != account.IdentifierEmail {
					t.Errorf("CreateUser with a held email: %v, want a ConflictError for the email", err)
				}
				if err := s.CreateUser(ctx, &account.User{ID: "user-2"}); err != nil {
					t.Fatalf("CreateUser: %v", err)
				}
				_, err := s.UpdateUser(ctx, "user-2", func(u *account.User) error {
					u.Identities = map[string]account.SocialIdentity{"github": {UserID: "octocat"}}
					return nil
				})
				if !errors.As(err, &ce) || ce.Identifier != account.IdentifierSocial {
					t.Errorf("UpdateUser claiming a held identity: %v, want a ConflictError for the social identity", err)
				}

				r := &verification.Record{ID: "r-1", UserID: "user-1", ExpiresAt: time.Now().Add(time.Minute)}
				if err := s.CreateRecord(ctx, r); err != nil {
					t.Fatalf("CreateRecord: %v", err)
				}
				if err := s.CreateRecord(ctx, r); !errors.Is(err, account.ErrConflict) {
					t.Errorf("CreateRecord again: %v, want %v", err, account.ErrConflict)
				}

				totp := &mfa.Factor{ID: "f-1", UserID: "user-1", Type: mfa.TypeTOTP, TOTP: &mfa.TOTP{SealedSecret: []byte{1}}}
				if _, err := s.BindFactor(ctx, totp, "", nil); err != nil {
					t.Fatalf("BindFactor: %v", err)
				}
				totp.ID = "f-2"
				if _, err := s.BindFactor(ctx, totp, "", nil); !errors.Is(err, account.ErrConflict) {
					t.Errorf("BindFactor of a second TOTP: %v, want %v", err, account.ErrConflict)
				}
				if n, _, err := s.AddHit(ctx, "k", time.Now(), time.Hour, 0); err != nil || n != 1 {
					t.Errorf("AddHit = %d, %v; want 1", n, err)
				}
				if err := s.DeleteUser(ctx, "user-1"); err != nil {
					t.Errorf("DeleteUser: %v", err)
				}
			})
		}
	})
}
