package httpadapter_test

import (
	"crypto/rand"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/secret"
)

// withMFA enables every factor, with a key ring to seal secrets.
func withMFA(t testing.TB) func(*myaccount.Config) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	ring, err := secret.NewKeyRing(secret.Key{ID: 1, Secret: key})
	if err != nil {
		t.Fatal(err)
	}
	return func(c *myaccount.Config) {
		c.MFA.Factors = []mfa.FactorType{mfa.TypeTOTP, mfa.TypeWebAuthn, mfa.TypeBackupCode}
		c.Cipher = ring
	}
}

// oathtool computes a TOTP code the way a real authenticator app does:
// Debian's oathtool, at the env's clock.
func oathtool(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	path, err := exec.LookPath("oathtool")
	if err != nil {
		if os.Getenv("MYACCOUNT_TEST_REQUIRE_TOOLS") != "" {
			t.Fatal("oathtool is not installed")
		}
		t.Skip("oathtool is not installed")
	}
	out, err := exec.Command(path, "--totp", "-b", secret, "--now", at.UTC().Format("2006-01-02 15:04:05 UTC")).Output()
	if err != nil {
		t.Fatalf("oathtool: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// TOTP and backup codes.
func TestMFAScenarios(t *testing.T) {
	eachStoreWith(t, withMFA(t), func(t *testing.T, e *env) {
		e.enableAll()
		const pw = "pass-word-1"
		newUser := func(name string) string {
			return e.token(e.user(myaccount.CreateUserInput{Username: name, Password: pw}), "openid", "profile", "identities")
		}
		list := func(tok string) []any {
			r := e.call("GET", "/api/my-account/mfa-verifications", tok, nil, nil).want(200)
			var items []any
			if err := jsonUnmarshal(r.raw, &items); err != nil {
				t.Fatalf("list: %v %s", err, r.raw)
			}
			return items
		}
		newSecret := func(tok string) string {
			r := e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200)
			if !strings.HasPrefix(r.json["qrCode"].(string), "data:image/png;base64,") || !strings.HasPrefix(r.json["otpauthUri"].(string), "otpauth://totp/") {
				t.Fatalf("generate: %s", r.raw)
			}
			return r.str("secret")
		}
		bindTOTP := func(tok, secret string) {
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": secret}).want(204)
		}

		t.Run("58-62 bind TOTP, with and without a code, then delete", func(t *testing.T) {
			e := e.sub(t)
			tok := newUser("m58")
			secret := newSecret(tok)
			if len(secret) != 32 {
				t.Fatalf("secret %q", secret)
			}
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": "invalid-totp-secret"}).wantError(400, "user.totp_secret_invalid")
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": strings.ToLower(secret)}).wantError(400, "user.totp_secret_invalid")
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": secret, "code": "000000"}).wantError(400, "session.mfa.invalid_totp_code")
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": secret, "code": oathtool(t, secret, e.clock.Now())}).want(204)
			items := list(tok)
			if len(items) != 1 || items[0].(map[string]any)["type"] != "Totp" {
				t.Fatalf("list: %v", items)
			}
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": newSecret(tok)}).wantError(422, "user.totp_already_in_use")
			id := items[0].(map[string]any)["id"].(string)
			e.call("DELETE", "/api/my-account/mfa-verifications/"+id, tok, e.pwRecord(tok, pw), nil).want(204)
			if items := list(tok); len(items) != 0 {
				t.Fatalf("list after delete: %v", items)
			}
		})
		t.Run("63-65 PUT totp replaces in place, and refuses a bad code", func(t *testing.T) {
			e := e.sub(t)
			tok := newUser("m63")
			first := newSecret(tok)
			e.call("PUT", "/api/my-account/mfa-verifications/totp", tok, e.pwRecord(tok, pw), map[string]any{"secret": first, "code": oathtool(t, first, e.clock.Now())}).want(204)
			before := list(tok)
			if len(before) != 1 {
				t.Fatalf("64: %v", before)
			}
			e.call("PUT", "/api/my-account/mfa-verifications/totp", tok, e.pwRecord(tok, pw), map[string]any{"secret": newSecret(tok), "code": "123456"}).wantError(400, "session.mfa.invalid_totp_code")
			if after := list(tok); !reflect.DeepEqual(after, before) {
				t.Fatalf("65: changed: %v -> %v", before, after)
			}
			e.clock.Advance(time.Minute)
			second := newSecret(tok)
			e.call("PUT", "/api/my-account/mfa-verifications/totp", tok, e.pwRecord(tok, pw), map[string]any{"secret": second, "code": oathtool(t, second, e.clock.Now())}).want(204)
			after := list(tok)
			b, a := before[0].(map[string]any), after[0].(map[string]any)
			if len(after) != 1 || a["id"] == b["id"] || a["createdAt"] == b["createdAt"] {
				t.Fatalf("63: %v -> %v", before, after)
			}
			// The new secret is the one in use.
			if err := e.svc.SignIn.TOTP(t.Context(), myaccount.Caller{}, e.userOf(tok), oathtool(t, second, e.clock.Now())); err != nil {
				t.Fatalf("sign-in with the new secret: %v", err)
			}
		})
		t.Run("66-75 backup codes", func(t *testing.T) {
			e := e.sub(t)
			tok := newUser("m66")
			codes := e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200).json["codes"].([]any)
			if len(codes) != 10 {
				t.Fatalf("66: %v", codes)
			}
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).wantError(422, "session.mfa.backup_code_can_not_be_alone")
			e.call("GET", "/api/my-account/mfa-verifications/backup-codes", tok, e.pwRecord(tok, pw), nil).wantError(404, "verification_record.not_found")
			bindTOTP(tok, newSecret(tok))
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes[:9]}).wantError(422, "user.wrong_backup_code_format")
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).want(204)
			items := list(tok)
			if len(items) != 2 || items[1].(map[string]any)["remainCodes"] != float64(10) {
				t.Fatalf("67: %v", items)
			}
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).wantError(422, "user.backup_code_already_in_use")
			got := e.call("GET", "/api/my-account/mfa-verifications/backup-codes", tok, e.pwRecord(tok, pw), nil).want(200).json["codes"].([]any)
			if len(got) != 10 {
				t.Fatalf("70: %v", got)
			}
			for i, c := range got {
				m := c.(map[string]any)
				if m["code"] != codes[i] || m["usedAt"] != nil {
					t.Fatalf("70: code %d = %v, want %v unused", i, m, codes[i])
				}
			}
			e.call("GET", "/api/my-account/mfa-verifications/backup-codes", tok, vh(""), nil).wantError(401, "verification_record.permission_denied")
			backupID := items[1].(map[string]any)["id"].(string)
			e.call("DELETE", "/api/my-account/mfa-verifications/"+backupID, tok, vh(""), nil).wantError(401, "verification_record.permission_denied")
			e.call("DELETE", "/api/my-account/mfa-verifications/non-existent-id", tok, e.pwRecord(tok, pw), nil).wantError(400, "verification_record.not_found")
			e.call("DELETE", "/api/my-account/mfa-verifications/"+backupID, tok, e.pwRecord(tok, pw), nil).want(204)
			if items := list(tok); len(items) != 1 || items[0].(map[string]any)["type"] != "Totp" {
				t.Fatalf("73: %v", items)
			}
		})
		t.Run("used-up backup codes are replaced on a new bind", func(t *testing.T) {
			e := e.sub(t)
			tok := newUser("mused")
			bindTOTP(tok, newSecret(tok))
			codes := e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200).json["codes"].([]any)
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).want(204)
			for _, c := range codes {
				if err := e.svc.SignIn.BackupCode(t.Context(), myaccount.Caller{}, e.userOf(tok), c.(string)); err != nil {
					t.Fatalf("use %v: %v", c, err)
				}
			}
			if items := list(tok); items[1].(map[string]any)["remainCodes"] != float64(0) {
				t.Fatalf("remainCodes: %v", items)
			}
			fresh := e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200).json["codes"].([]any)
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": fresh}).want(204)
			items := list(tok)
			if len(items) != 2 || items[1].(map[string]any)["remainCodes"] != float64(10) {
				t.Fatalf("replaced set: %v", items)
			}
		})
		t.Run("backup codes given by the client are ten distinct codes", func(t *testing.T) {
			// Issue 14 item 9: ten copies of one code would be one code.
			e := e.sub(t)
			tok := newUser("mdistinct")
			bindTOTP(tok, newSecret(tok))
			codes := e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200).json["codes"].([]any)
			bind := func(codes []any) *resp {
				return e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes})
			}
			copies := make([]any, 10)
			for i := range copies {
				copies[i] = codes[0]
			}
			bind(copies).wantError(422, "user.wrong_backup_code_format")
			caseTwin := append([]any{}, codes...)
			caseTwin[9] = strings.ToUpper(codes[0].(string))
			bind(caseTwin).wantError(422, "user.wrong_backup_code_format")
			e.admin("POST", "/api/users/"+e.userOf(tok)+"/mfa-verifications", map[string]any{"type": "BackupCode", "codes": copies}).wantError(422, "user.wrong_backup_code_format")
			if items := list(tok); len(items) != 1 {
				t.Fatalf("bound: %v", items)
			}
			bind(codes).want(204)
		})
		t.Run("backup codes left after the TOTP factor is removed", func(t *testing.T) {
			// Issue 14 item 9: removing the other factor keeps the codes,
			// as in Logto; they are listed as they are and still work at
			// sign-in, once each.
			e := e.sub(t)
			tok := newUser("mleft")
			id := e.userOf(tok)
			bindTOTP(tok, newSecret(tok))
			codes := e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200).json["codes"].([]any)
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).want(204)
			totpID := list(tok)[0].(map[string]any)["id"].(string)
			e.call("DELETE", "/api/my-account/mfa-verifications/"+totpID, tok, e.pwRecord(tok, pw), nil).want(204)
			items := list(tok)
			if len(items) != 1 || items[0].(map[string]any)["type"] != "BackupCode" || items[0].(map[string]any)["remainCodes"] != float64(10) {
				t.Fatalf("list: %v", items)
			}
			if err := e.svc.SignIn.BackupCode(t.Context(), myaccount.Caller{}, id, codes[0].(string)); err != nil {
				t.Fatalf("a code left alone: %v", err)
			}
			if err := e.svc.SignIn.BackupCode(t.Context(), myaccount.Caller{}, id, codes[0].(string)); err == nil {
				t.Fatal("a used code was accepted again")
			}
			if items := list(tok); items[0].(map[string]any)["remainCodes"] != float64(9) {
				t.Fatalf("list: %v", items)
			}
			// A new set still needs another factor, and the user can
			// remove the codes left.
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).wantError(422, "user.backup_code_already_in_use")
			e.call("DELETE", "/api/my-account/mfa-verifications/"+items[0].(map[string]any)["id"].(string), tok, e.pwRecord(tok, pw), nil).want(204)
			if err := e.svc.SignIn.BackupCode(t.Context(), myaccount.Caller{}, id, codes[1].(string)); err == nil {
				t.Fatal("a code of a removed set was accepted")
			}
		})
		t.Run("78-85 mfa-settings", func(t *testing.T) {
			e := e.sub(t)
			tok := newUser("m78")
			r := e.call("GET", "/api/my-account/mfa-settings", tok, nil, nil).want(200)
			if string(r.raw) != `{"skipMfaOnSignIn":false}` {
				t.Fatalf("78: %s", r.raw)
			}
			id := e.userOf(tok)
			e.call("GET", "/api/my-account/mfa-settings", e.token(id, "openid", "profile"), nil, nil).wantError(401, "auth.unauthorized")
			for _, v := range []bool{true, false} {
				r := e.call("PATCH", "/api/my-account/mfa-settings", tok, e.pwRecord(tok, pw), map[string]any{"skipMfaOnSignIn": v}).want(200)
				if r.json["skipMfaOnSignIn"] != v {
					t.Fatalf("82: %s", r.raw)
				}
			}
			e.call("PATCH", "/api/my-account/mfa-settings", e.token(id, "openid", "profile"), e.pwRecord(tok, pw), map[string]any{"skipMfaOnSignIn": true}).wantError(401, "auth.unauthorized")
			e.call("PATCH", "/api/my-account/mfa-settings", tok, vh("invalid-verification-id"), map[string]any{"skipMfaOnSignIn": true}).wantError(401, "verification_record.permission_denied")
			e.call("PATCH", "/api/my-account/mfa-settings", tok, e.pwRecord(tok, pw), map[string]any{}).wantError(400, "guard.invalid_input")
		})
		t.Run("86-90 logto-configs", func(t *testing.T) {
			e := e.sub(t)
			tok := newUser("m86")
			r := e.call("GET", "/api/my-account/logto-configs", tok, nil, nil).want(200)
			if string(r.raw) != `{"mfa":{"skipped":false,"skipMfaOnSignIn":false},"passkeySignIn":{"skipped":false}}` {
				t.Fatalf("156 defaults: %s", r.raw)
			}
			r = e.call("PATCH", "/api/my-account/logto-configs", tok, e.pwRecord(tok, pw), map[string]any{"mfa": map[string]any{"skipped": true}}).want(200)
			if string(r.raw) != `{"mfa":{"skipped":true,"skipMfaOnSignIn":false},"passkeySignIn":{"skipped":false}}` {
				t.Fatalf("86: %s", r.raw)
			}
			r = e.call("PATCH", "/api/my-account/logto-configs", tok, e.pwRecord(tok, pw), map[string]any{"passkeySignIn": map[string]any{"skipped": true}}).want(200)
			if string(r.raw) != `{"mfa":{"skipped":true,"skipMfaOnSignIn":false},"passkeySignIn":{"skipped":true}}` {
				t.Fatalf("87: %s", r.raw)
			}
			e.call("PATCH", "/api/my-account/logto-configs", tok, nil, map[string]any{}).wantError(401, "verification_record.permission_denied")
			e.call("PATCH", "/api/my-account/logto-configs", e.token(e.userOf(tok), "openid"), e.pwRecord(tok, pw), map[string]any{}).wantError(401, "auth.unauthorized")
		})
		t.Run("79-81, 85, 90, 154 field modes", func(t *testing.T) {
			e := e.sub(t)
			tok := newUser("mfields")
			bindTOTP(tok, newSecret(tok))
			totpID := list(tok)[0].(map[string]any)["id"].(string)
			defer e.enableAll()
			e.setFields(map[string]string{"mfa": "ReadOnly"})
			if string(e.call("GET", "/api/my-account/mfa-settings", tok, nil, nil).want(200).raw) != `{"skipMfaOnSignIn":false}` {
				t.Fatal("81")
			}
			e.call("PATCH", "/api/my-account/mfa-settings", tok, e.pwRecord(tok, pw), map[string]any{"skipMfaOnSignIn": true}).wantError(400, "account_center.field_not_editable")
			e.call("PATCH", "/api/my-account/logto-configs", tok, e.pwRecord(tok, pw), map[string]any{}).wantError(400, "account_center.field_not_editable")
			e.call("DELETE", "/api/my-account/mfa-verifications/"+totpID, tok, e.pwRecord(tok, pw), nil).wantError(400, "account_center.field_not_editable")
			e.setFields(map[string]string{"mfa": "Off"})
			e.call("GET", "/api/my-account/mfa-settings", tok, nil, nil).wantError(400, "account_center.field_not_enabled")
			e.call("GET", "/api/my-account/mfa-verifications", tok, nil, nil).wantError(400, "account_center.field_not_enabled")
			e.call("PATCH", "/api/my-account/mfa-settings", tok, e.pwRecord(tok, pw), map[string]any{"skipMfaOnSignIn": true}).wantError(400, "account_center.field_not_editable")
			e.call("PATCH", "/api/my-account/logto-configs", tok, e.pwRecord(tok, pw), map[string]any{}).wantError(400, "account_center.field_not_editable")
			// 154: passkey ReadOnly does not govern a TOTP.
			e.setFields(map[string]string{"mfa": "Edit", "passkey": "ReadOnly"})
			e.call("DELETE", "/api/my-account/mfa-verifications/"+totpID, tok, e.pwRecord(tok, pw), nil).want(204)
		})
		t.Run("158 BindMfa and WebAuthn records do not prove identity", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "m158", Password: pw, PrimaryEmail: "m158@example.com"})
			tok := e.token(id, allScopes...)
			rec := e.codeRecord(tok, "email", "m158@example.com", "BindMfa")
			e.call("PATCH", "/api/my-account/mfa-settings", tok, vh(rec), map[string]any{"skipMfaOnSignIn": true}).wantError(401, "verification_record.permission_denied")
			reg := e.do(req{method: "POST", path: "/api/verifications/web-authn/registration", token: tok, host: "localhost"}).want(200).str("verificationRecordId")
			e.call("PATCH", "/api/my-account/mfa-settings", tok, vh(reg), map[string]any{"skipMfaOnSignIn": true}).wantError(401, "verification_record.permission_denied")
		})
		t.Run("TOTP factor not enabled", func(t *testing.T) {
			e2 := newEnv(t, e.store, withMFA(t), func(c *myaccount.Config) { c.MFA.Factors = []mfa.FactorType{mfa.TypeWebAuthn} })
			e2.tokens = e.tokens
			tok := newUser("mnotenabled")
			e2.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}).wantError(400, "session.mfa.mfa_factor_not_enabled")
			e2.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "EmailVerificationCode"}).wantError(400, "guard.invalid_input")
		})
	})
}
