package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/descope/virtualwebauthn"
	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/secret"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

const password = "Moving-day-7"

// populated is what populate made: the user, their dev access token,
// personal access token, TOTP secret and backup codes.
type populated struct {
	userID, token, pat, totpSecret string
	backupCodes                    []string
}

// populate makes, through a running example server, one user with rows of
// every kind the server makes: a password, TOTP, backup codes, a passkey, a
// social identity with its token set, a personal access token, open
// verification records and sign-in counters.
func populate(t *testing.T, base string) populated {
	c := client{t: t, base: base, host: "localhost:8443"}
	var p populated
	var user struct{ ID, AccessToken string }
	c.do("POST", "/dev/users", "", nil, map[string]any{"username": "ada", "password": password, "primaryEmail": "ada@example.com", "name": "Ada"}, 201, &user)
	p.userID, p.token = user.ID, user.AccessToken
	verified := func() map[string]string {
		var rec struct{ VerificationRecordID string }
		c.do("POST", "/api/verifications/password", p.token, nil, map[string]any{"password": password}, 201, &rec)
		return map[string]string{"logto-verification-id": rec.VerificationRecordID}
	}

	var gen struct{ Secret string }
	c.do("POST", "/api/my-account/mfa-verifications/totp-secret/generate", p.token, nil, nil, 200, &gen)
	p.totpSecret = gen.Secret
	c.do("POST", "/api/my-account/mfa-verifications", p.token, verified(), map[string]any{"type": "Totp", "secret": gen.Secret, "code": totpCode(t, gen.Secret, time.Now())}, 204, nil)

	var codes struct{ Codes []string }
	c.do("POST", "/api/my-account/mfa-verifications/backup-codes/generate", p.token, nil, nil, 200, &codes)
	p.backupCodes = codes.Codes
	c.do("POST", "/api/my-account/mfa-verifications", p.token, verified(), map[string]any{"type": "BackupCode", "codes": codes.Codes}, 204, nil)

	var reg struct {
		RegistrationOptions  json.RawMessage
		VerificationRecordID string
	}
	c.do("POST", "/api/verifications/web-authn/registration", p.token, nil, nil, 200, &reg)
	opts, err := virtualwebauthn.ParseAttestationOptions(string(reg.RegistrationOptions))
	if err != nil {
		t.Fatal(err)
	}
	rp := virtualwebauthn.RelyingParty{ID: "localhost", Name: "localhost", Origin: "http://localhost:8443"}
	authn := virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{UserHandle: []byte(p.userID)})
	attestation := json.RawMessage(virtualwebauthn.CreateAttestationResponse(rp, authn, virtualwebauthn.NewCredential(virtualwebauthn.KeyTypeEC2), *opts))
	c.do("POST", "/api/verifications/web-authn/registration/verify", p.token, nil, map[string]any{"verificationRecordId": reg.VerificationRecordID, "payload": attestation}, 200, nil)
	c.do("POST", "/api/my-account/mfa-verifications", p.token, verified(), map[string]any{"type": "WebAuthn", "newIdentifierVerificationRecordId": reg.VerificationRecordID}, 204, nil)

	var social struct{ VerificationRecordID string }
	c.do("POST", "/api/verifications/social", p.token, nil, map[string]any{"connectorId": "mock-social", "state": "s1", "redirectUri": "http://app.example/cb"}, 201, &social)
	c.do("POST", "/api/verifications/social/verify", p.token, nil, map[string]any{"verificationRecordId": social.VerificationRecordID, "connectorData": map[string]any{
		"userId": "gh-1", "state": "s1", "tokenResponse": map[string]any{"access_token": "at-1", "refresh_token": "rt-1", "scope": "profile"},
	}}, 200, nil)
	c.do("POST", "/api/my-account/identities", p.token, verified(), map[string]any{"newIdentifierVerificationRecordId": social.VerificationRecordID}, 204, nil)

	var pat struct{ Value string }
	c.do("POST", "/api/users/"+p.userID+"/personal-access-tokens", "dev-admin-token", nil, map[string]any{"name": "script"}, 201, &pat)
	// The account-center settings are a row once an administrator changes them.
	c.do("PATCH", "/api/account-center", "dev-admin-token", nil, map[string]any{"deleteAccountUrl": "https://example.com/delete"}, 200, nil)
	p.pat = pat.Value

	// Open records (a password check, a code sent) and counters (a
	// failed sign-in, the send budget).
	verified()
	c.do("POST", "/api/verifications/verification-code", p.token, nil, map[string]any{"identifier": map[string]any{"type": "email", "value": "ada.new@example.com"}}, 201, nil)
	if st, raw := c.call("POST", "/api/sign-in/password", "", nil, map[string]any{"identifier": map[string]any{"type": "username", "value": "ada"}, "password": "wrong-password-1"}); st < 400 {
		t.Fatalf("a wrong password at sign-in: %d %s", st, raw)
	}
	return p
}

// storeTables lists the store's tables (under the default prefix) that
// Copy copies, on db.
func storeTables(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	all, err := db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, name := range all {
		if strings.HasPrefix(name, gormstore.DefaultTablePrefix) && name != gormstore.DefaultTablePrefix+"schema_versions" {
			out = append(out, strings.TrimPrefix(name, gormstore.DefaultTablePrefix))
		}
	}
	slices.Sort(out)
	return out
}

func openForTest(t *testing.T, dsn, prefix string) *database {
	t.Helper()
	d, err := open(dsn, prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.close)
	return d
}

// runCommand runs the command in process and returns its exit code and
// what it wrote.
func runCommand(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestCopyCommand moves an example server's SQLite file to Postgres and
// from there to a new SQLite file, and serves the same user from it.
func TestCopyCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the example server")
	}
	pgDSN := os.Getenv(testdb.PostgresDSNEnv)
	if pgDSN == "" {
		t.Skipf("%s is not set", testdb.PostgresDSNEnv)
	}
	dir := t.TempDir()
	key, err := secret.GenerateKey(1)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("MYACCOUNT_SECRET_KEYS", secret.FormatKeys(key))
	t.Setenv("MYACCOUNT_DEV_SIGNING_KEY_FILE", filepath.Join(dir, "dev-signing.pem"))
	bin := buildServer(t, dir)
	before, after := filepath.Join(dir, "before.db"), filepath.Join(dir, "after.db")

	base, stop := startServer(t, bin, "-addr", "127.0.0.1:0", "-db", before)
	p := populate(t, base)
	stop()

	pgPrefix := testdb.RandomPrefix(t)
	pg := openForTest(t, pgDSN, pgPrefix)
	t.Cleanup(func() { _ = pg.store.DropTables(context.Background()) })
	if code, out, errs := runCommand(t, "copy", "-from", "sqlite:"+before, "-to", pgDSN, "-to-prefix", pgPrefix, "-batch", "2"); code != exitOK || !strings.HasPrefix(out, "copied 1 users") || strings.Count(out, "\n") != 1 {
		t.Fatalf("copy to Postgres: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if code, out, errs := runCommand(t, "copy", "-from", pgDSN, "-from-prefix", pgPrefix, "-to", "sqlite:"+after); code != exitOK {
		t.Fatalf("copy back to SQLite: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}

	t.Run("every row is the same after the two moves", func(t *testing.T) {
		a, b := openForTest(t, "sqlite:"+before, gormstore.DefaultTablePrefix), openForTest(t, "sqlite:"+after, gormstore.DefaultTablePrefix)
		tables := storeTables(t, a.db)
		if got := storeTables(t, b.db); !slices.Equal(got, tables) {
			t.Fatalf("tables after %q, before %q", got, tables)
		}
		for _, table := range tables {
			want := testdb.TableRows(t, a.db, gormstore.DefaultTablePrefix+table)
			if len(want) == 0 && table != "user_sso_identities" { // no route makes SSO identities
				t.Errorf("the server made no %s rows: populate should make rows of every kind", table)
			}
			if got := testdb.TableRows(t, b.db, gormstore.DefaultTablePrefix+table); !slices.Equal(got, want) {
				t.Errorf("table %s after the moves:\n%q\nbefore:\n%q", table, got, want)
			}
		}
	})

	t.Run("a copy into a target that holds data is refused", func(t *testing.T) {
		code, out, errs := runCommand(t, "copy", "-from", "sqlite:"+before, "-to", "sqlite:"+after)
		if code != exitNotEmpty || out != "" || !strings.Contains(errs, "already holds data") || !strings.Contains(errs, "-resume") {
			t.Errorf("copy into the copy: exit %d, stdout %q, stderr %q; want exit %d and a message", code, out, errs, exitNotEmpty)
		}
	})

	t.Run("the server on the copy serves the same user", func(t *testing.T) {
		base, _ := startServer(t, bin, "-addr", "127.0.0.1:0", "-db", after)
		c := client{t: t, base: base}
		for _, token := range []string{p.token, p.pat} {
			var me struct{ ID, Username string }
			c.do("GET", "/api/my-account", token, nil, nil, 200, &me)
			if me.ID != p.userID || me.Username != "ada" {
				t.Errorf("GET /api/my-account on the copy = %+v, want user %s", me, p.userID)
			}
		}
		c.do("POST", "/api/sign-in/password", "", nil, map[string]any{"identifier": map[string]any{"type": "username", "value": "ada"}, "password": password}, 204, nil)
		pending := map[string]string{"X-Dev-Pending-User": p.userID}
		// The bind used the current step: the next one is new.
		c.do("POST", "/api/sign-in/totp", "", pending, map[string]any{"code": totpCode(t, p.totpSecret, time.Now().Add(30*time.Second))}, 204, nil)
		c.do("POST", "/api/sign-in/backup-code", "", pending, map[string]any{"code": p.backupCodes[0]}, 204, nil)
		// The sealed backup codes open with the same keys on the copy.
		var rec struct{ VerificationRecordID string }
		c.do("POST", "/api/verifications/password", p.token, nil, map[string]any{"password": password}, 201, &rec)
		var shown struct {
			Codes []struct {
				Code   string
				UsedAt *string
			}
		}
		c.do("GET", "/api/my-account/mfa-verifications/backup-codes", p.token, map[string]string{"logto-verification-id": rec.VerificationRecordID}, nil, 200, &shown)
		if len(shown.Codes) != len(p.backupCodes) || shown.Codes[0].Code != p.backupCodes[0] || shown.Codes[0].UsedAt == nil || shown.Codes[1].UsedAt != nil {
			t.Errorf("backup codes on the copy: %+v, want %q with the first used", shown, p.backupCodes)
		}
	})
}
