package httpadapter_test

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/secret"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

func newKey(t testing.TB, id uint32) secret.Key {
	k := secret.Key{ID: id, Secret: make([]byte, 32)}
	if _, err := rand.Read(k.Secret); err != nil {
		t.Fatal(err)
	}
	return k
}

func withRing(ring *secret.KeyRing) func(*myaccount.Config) {
	return func(c *myaccount.Config) {
		c.MFA.Factors = []mfa.FactorType{mfa.TypeTOTP, mfa.TypeBackupCode}
		c.Cipher = ring
	}
}

// bindSecrets binds a TOTP secret and backup codes for a new user and
// returns the user's token, the secret and the codes.
func bindSecrets(t *testing.T, e *env) (tok, totpSecret string, codes []string) {
	t.Helper()
	e.enableAll()
	id := e.user(myaccount.CreateUserInput{Username: "dump", Password: "pass-word-1"})
	tok = e.token(id, "openid", "profile", "identities")
	totpSecret = e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200).str("secret")
	e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, "pass-word-1"), map[string]any{"type": "Totp", "secret": totpSecret}).want(204)
	raw := e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200).json["codes"].([]any)
	e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, "pass-word-1"), map[string]any{"type": "BackupCode", "codes": raw}).want(204)
	for _, c := range raw {
		codes = append(codes, c.(string))
	}
	return tok, totpSecret, codes
}

// A database dump shows no TOTP secret and no backup code in clear: the
// SQLite files are read byte by byte, and every Postgres row as text.
func TestNoSecretInDatabase(t *testing.T) {
	ring, err := secret.NewKeyRing(newKey(t, 1))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("database=sqlite", func(t *testing.T) {
		dir := t.TempDir()
		db, err := gorm.Open(sqlite.Open(gormstore.SQLiteDSN(filepath.Join(dir, "dump.db"))), testdb.GormConfig())
		if err != nil {
			t.Fatal(err)
		}
		e := newEnv(t, testdb.GormStore(t, db, "myaccount_"), withRing(ring))
		_, totpSecret, codes := bindSecrets(t, e)
		var dump []byte
		for _, f := range []string{"dump.db", "dump.db-wal"} {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			dump = append(dump, b...)
		}
		if len(dump) == 0 {
			t.Fatal("empty dump")
		}
		wantAbsent(t, dump, totpSecret, codes)
	})
	t.Run("database=postgres", func(t *testing.T) {
		db := testdb.Postgres(t, testdb.GormConfig())
		prefix := testdb.RandomPrefix(t)
		e := newEnv(t, testdb.GormStore(t, db, prefix), withRing(ring))
		_, totpSecret, codes := bindSecrets(t, e)
		var dump bytes.Buffer
		for _, table := range []string{"users", "mfa_factors", "mfa_backup_codes", "verification_records"} {
			var rows []string
			if err := db.Raw(`SELECT row_to_json(t)::text FROM "` + prefix + table + `" t`).Scan(&rows).Error; err != nil {
				t.Fatal(err)
			}
			if table == "mfa_factors" && len(rows) != 2 {
				t.Fatalf("%d factor rows, want 2", len(rows))
			}
			dump.WriteString(strings.Join(rows, "\n"))
		}
		wantAbsent(t, dump.Bytes(), totpSecret, codes)
	})
}

func wantAbsent(t *testing.T, dump []byte, totpSecret string, codes []string) {
	t.Helper()
	// The dump must hold the data at all, or the test proves nothing.
	if !bytes.Contains(dump, []byte("pass-word-1")) && !bytes.Contains(dump, []byte("$argon2id$")) {
		t.Fatal("the dump does not hold the user's row")
	}
	lower := bytes.ToLower(dump)
	if bytes.Contains(dump, []byte(totpSecret)) || bytes.Contains(lower, []byte(strings.ToLower(totpSecret))) {
		t.Error("the TOTP secret is in the dump")
	}
	for _, c := range codes {
		if bytes.Contains(lower, []byte(c)) {
			t.Errorf("backup code %s is in the dump", c)
		}
	}
}

// Rotating the key: secrets sealed under the old key still work, new ones
// are sealed under the new key, and without the old key they do not open.
func TestKeyRotation(t *testing.T) {
	k1, k2 := newKey(t, 1), newKey(t, 2)
	old, err := secret.NewKeyRing(k1)
	if err != nil {
		t.Fatal(err)
	}
	store := newMemoryStore()
	e := newEnv(t, store, withRing(old))
	tok, totpSecret, codes := bindSecrets(t, e)
	userID := e.userOf(tok)

	rotated, err := old.Rotate(k2)
	if err != nil {
		t.Fatal(err)
	}
	e2 := newEnv(t, store, withRing(rotated))
	e2.clock.Advance(time.Minute)
	if err := e2.svc.SignIn.TOTP(t.Context(), myaccount.Caller{}, userID, oathtool(t, totpSecret, e2.clock.Now())); err != nil {
		t.Fatalf("TOTP sealed under the old key: %v", err)
	}
	if err := e2.svc.SignIn.BackupCode(t.Context(), myaccount.Caller{}, userID, codes[0]); err != nil {
		t.Fatalf("backup code sealed under the old key: %v", err)
	}
	// A new TOTP is sealed under the newest key.
	e2.tokens = e.tokens
	newSecret := e2.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200).str("secret")
	e2.call("PUT", "/api/my-account/mfa-verifications/totp", tok, e2.pwRecord(tok, "pass-word-1"), map[string]any{"secret": newSecret, "code": oathtool(t, newSecret, e2.clock.Now())}).want(204)
	factors, err := store.ListFactors(t.Context(), userID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range factors {
		if f.Type == mfa.TypeTOTP {
			if id, err := secret.SealedKeyID(f.TOTP.SealedSecret); err != nil || id != 2 {
				t.Fatalf("new TOTP sealed under key %d (%v), want 2", id, err)
			}
		}
	}
	// The backup codes were sealed under key 1: a ring without it cannot
	// show them.
	newOnly, err := secret.NewKeyRing(k2)
	if err != nil {
		t.Fatal(err)
	}
	e3 := newEnv(t, store, withRing(newOnly))
	e3.tokens = e.tokens
	r := e3.call("GET", "/api/my-account/mfa-verifications/backup-codes", tok, e3.pwRecord(tok, "pass-word-1"), nil)
	if r.status != 500 {
		t.Fatalf("backup codes opened without their key: %d %s", r.status, r.raw)
	}
}
