package httpadapter_test

import (
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
)

// Primary email and phone.
func TestEmailAndPhoneScenarios(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		const pw = "pass-word-1"
		newUser := func(in myaccount.CreateUserInput) (id, tok string) {
			if in.Password == "" {
				in.Password = pw
			}
			id = e.user(in)
			return id, e.token(id, allScopes...)
		}
		setBlocklist := func(t *testing.T, cfg func(*myaccount.Config)) *env {
			// The email policy is configuration: a second service on the
			// same store stands for a restart with a new policy.
			e2 := newEnv(t, e.store, cfg)
			e2.tokens = e.tokens
			return e2
		}

		t.Run("20 POST primary-email without the email scope", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "e20"})
			tok := e.token(id, defaultScopes...)
			e.call("POST", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), map[string]any{"email": "e20@example.com", "newIdentifierVerificationRecordId": "bogus"}).wantError(400, "auth.unauthorized")
		})
		t.Run("21 POST primary-email with an invalid VH", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e21"})
			e.call("POST", "/api/my-account/primary-email", tok, vh("invalid"), map[string]any{"email": "e21@example.com", "newIdentifierVerificationRecordId": "bogus"}).wantError(401, "verification_record.permission_denied")
		})
		t.Run("22 POST primary-email with a bogus record", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e22"})
			e.call("POST", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), map[string]any{"email": "e22@example.com", "newIdentifierVerificationRecordId": "bogus"}).wantError(400, "verification_record.not_found")
		})
		t.Run("23 POST primary-email with a verified code record", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e23"})
			rec := e.codeRecord(tok, "email", "e23@example.com")
			if m := e.outbox.latest(t, "e23@example.com"); m.Template != "BindNewIdentifier" {
				t.Fatalf("template %s", m.Template)
			}
			e.call("POST", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), map[string]any{"email": "e23@example.com", "newIdentifierVerificationRecordId": rec}).want(204)
			if got := e.call("GET", "/api/my-account", tok, nil, nil).str("primaryEmail"); got != "e23@example.com" {
				t.Fatalf("primaryEmail %s", got)
			}
		})
		t.Run("24 VH from a code to the current email", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e24", PrimaryEmail: "e24@example.com"})
			current := e.codeRecord(tok, "email", "e24@example.com")
			if m := e.outbox.latest(t, "e24@example.com"); m.Template != "UserPermissionValidation" {
				t.Fatalf("template %s", m.Template)
			}
			rec := e.codeRecord(tok, "email", "e24-new@example.com")
			e.call("POST", "/api/my-account/primary-email", tok, vh(current), map[string]any{"email": "e24-new@example.com", "newIdentifierVerificationRecordId": rec}).want(204)
		})
		t.Run("25 code to a blocklisted email", func(t *testing.T) {
			e2 := setBlocklist(t, func(c *myaccount.Config) { c.EmailPolicy.CustomBlocklist = []string{"blocked@example.com"} })
			_, tok := newUser(myaccount.CreateUserInput{Username: "e25"})
			e2.call("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": "email", "value": "blocked@example.com"}}).wantError(422, "session.email_blocklist.email_not_allowed")
		})
		t.Run("26-29 blocklist applies when the email is set", func(t *testing.T) {
			e := e.sub(t)
			for _, c := range []struct {
				name, email string
				policy      func(*myaccount.Config)
			}{
				{"26 exact", "late@example.com", func(c *myaccount.Config) { c.EmailPolicy.CustomBlocklist = []string{"late@example.com"} }},
				{"27 upper case entry", "upper@example.com", func(c *myaccount.Config) { c.EmailPolicy.CustomBlocklist = []string{"UPPER@EXAMPLE.COM"} }},
				{"28 wildcard", "foo-bar@account-wildcard.com", func(c *myaccount.Config) { c.EmailPolicy.CustomBlocklist = []string{"FOO*@ACCOUNT-WILDCARD.COM"} }},
				{"29 allowlist", "x@other-domain.com", func(c *myaccount.Config) { c.EmailPolicy.CustomAllowlist = []string{"@different-account-domain.com"} }},
			} {
				t.Run(c.name, func(t *testing.T) {
					e := e.sub(t)
					_, tok := newUser(myaccount.CreateUserInput{Username: "e" + strings.Fields(c.name)[0]})
					rec := e.codeRecord(tok, "email", c.email)
					e2 := setBlocklist(t, c.policy)
					e2.call("POST", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), map[string]any{"email": c.email, "newIdentifierVerificationRecordId": rec}).wantError(422, "session.email_blocklist.email_not_allowed")
				})
			}
		})
		t.Run("30 DELETE primary-email without the email scope", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "e30", PrimaryEmail: "e30@example.com"})
			tok := e.token(id, defaultScopes...)
			e.call("DELETE", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), nil).wantError(400, "auth.unauthorized")
		})
		t.Run("31 DELETE primary-email with an invalid VH", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e31", PrimaryEmail: "e31@example.com"})
			e.call("DELETE", "/api/my-account/primary-email", tok, vh("invalid"), nil).wantError(401, "verification_record.permission_denied")
		})
		t.Run("32 DELETE the last identifier email", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e32", PrimaryEmail: "e32@example.com"})
			rec := e.pwRecord(tok, pw)
			e.call("PATCH", "/api/my-account", tok, rec, map[string]any{"username": nil}).want(200)
			r := e.call("DELETE", "/api/my-account/primary-email", tok, rec, nil).wantError(400, "user.last_sign_in_method_required")
			_ = r
			fr := e.do(req{method: "DELETE", path: "/api/my-account/primary-email", token: tok, vh: rec, header: map[string]string{"Accept-Language": "fr"}}).wantError(400, "user.last_sign_in_method_required")
			if !strings.Contains(fr.str("message"), "au moins une méthode de connexion") {
				t.Fatalf("French message: %s", fr.str("message"))
			}
		})
		t.Run("33-35 DELETE primary-email with a username left", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e33", PrimaryEmail: "e33@example.com"})
			e.call("DELETE", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), nil).want(204)
			if v := e.call("GET", "/api/my-account", tok, nil, nil).json["primaryEmail"]; v != nil {
				t.Fatalf("primaryEmail %v", v)
			}
			// Deleting again, with no email, still answers 204.
			e.call("DELETE", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), nil).want(204)
		})
		t.Run("36 DELETE primary-phone without the phone scope", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "e36", PrimaryPhone: "15551230036"})
			tok := e.token(id, defaultScopes...)
			e.call("DELETE", "/api/my-account/primary-phone", tok, e.pwRecord(tok, pw), nil).wantError(400, "auth.unauthorized")
		})
		t.Run("37 DELETE primary-phone with an invalid VH", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e37", PrimaryPhone: "15551230037"})
			e.call("DELETE", "/api/my-account/primary-phone", tok, vh("invalid"), nil).wantError(401, "verification_record.permission_denied")
		})
		t.Run("38 VH from a code to the current phone, then a new phone", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e38", PrimaryPhone: "64211230038"})
			current := e.codeRecord(tok, "phone", "64211230038")
			rec := e.codeRecord(tok, "phone", "64211239938")
			e.call("POST", "/api/my-account/primary-phone", tok, vh(current), map[string]any{"phone": "64211239938", "newIdentifierVerificationRecordId": rec}).want(204)
			if got := e.call("GET", "/api/my-account", tok, nil, nil).str("primaryPhone"); got != "64211239938" {
				t.Fatalf("primaryPhone %s", got)
			}
		})
		t.Run("39-40 a trunk zero does not make a second owner", func(t *testing.T) {
			e := e.sub(t)
			newUser(myaccount.CreateUserInput{Username: "e39a", PrimaryPhone: "64211230039"})
			_, tok := newUser(myaccount.CreateUserInput{Username: "e39b"})
			rec := e.codeRecord(tok, "phone", "640211230039")
			e.call("POST", "/api/my-account/primary-phone", tok, e.pwRecord(tok, pw), map[string]any{"phone": "640211230039", "newIdentifierVerificationRecordId": rec}).wantError(422, "user.phone_already_in_use")

			newUser(myaccount.CreateUserInput{Username: "e40a", PrimaryPhone: "640211230040"})
			_, tok = newUser(myaccount.CreateUserInput{Username: "e40b"})
			rec = e.codeRecord(tok, "phone", "64211230040")
			e.call("POST", "/api/my-account/primary-phone", tok, e.pwRecord(tok, pw), map[string]any{"phone": "64211230040", "newIdentifierVerificationRecordId": rec}).wantError(422, "user.phone_already_in_use")
		})
		t.Run("41 DELETE the last identifier phone", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e41", PrimaryPhone: "15551230041"})
			rec := e.pwRecord(tok, pw)
			e.call("PATCH", "/api/my-account", tok, rec, map[string]any{"username": nil}).want(200)
			e.call("DELETE", "/api/my-account/primary-phone", tok, rec, nil).wantError(400, "user.last_sign_in_method_required")
		})
		t.Run("42-44 add a phone, then DELETE it", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "e42"})
			rec := e.codeRecord(tok, "phone", "15551230042")
			e.call("POST", "/api/my-account/primary-phone", tok, e.pwRecord(tok, pw), map[string]any{"phone": "15551230042", "newIdentifierVerificationRecordId": rec}).want(204)
			e.call("DELETE", "/api/my-account/primary-phone", tok, e.pwRecord(tok, pw), nil).want(204)
			if v := e.call("GET", "/api/my-account", tok, nil, nil).json["primaryPhone"]; v != nil {
				t.Fatalf("primaryPhone %v", v)
			}
		})
		t.Run("email uniqueness is case-insensitive", func(t *testing.T) {
			e := e.sub(t)
			newUser(myaccount.CreateUserInput{Username: "ecase1", PrimaryEmail: "Case@Example.com"})
			_, tok := newUser(myaccount.CreateUserInput{Username: "ecase2"})
			rec := e.codeRecord(tok, "email", "case@example.COM")
			e.call("POST", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), map[string]any{"email": "case@example.COM", "newIdentifierVerificationRecordId": rec}).wantError(422, "user.email_already_in_use")
		})
		t.Run("another user's code record is not found", func(t *testing.T) {
			e := e.sub(t)
			_, tokA := newUser(myaccount.CreateUserInput{Username: "eownA"})
			_, tokB := newUser(myaccount.CreateUserInput{Username: "eownB"})
			rec := e.codeRecord(tokA, "email", "own@example.com")
			e.call("POST", "/api/my-account/primary-email", tokB, e.pwRecord(tokB, pw), map[string]any{"email": "own@example.com", "newIdentifierVerificationRecordId": rec}).wantError(400, "verification_record.not_found")
			// Nor does A's password record verify B.
			e.call("DELETE", "/api/my-account/primary-email", tokB, e.pwRecord(tokA, pw), nil).wantError(401, "verification_record.permission_denied")
		})
	})
}

// Issue 14 items 5 and 6: the email policy sees the address delivered to,
// and no look-alike of an address makes a second account, on every route
// an address enters by.
func TestAddressFormsScenarios(t *testing.T) {
	eachStoreEnv(t, func(t *testing.T, store myaccount.Store) *env {
		return newEnv(t, store, func(c *myaccount.Config) { c.EmailPolicy.CustomAllowlist = []string{"@company.com", "@example.com"} })
	}, func(t *testing.T, e *env) {
		e.enableAll()
		const pw = "pass-word-1"
		send := func(e *env, tok, value string) *resp {
			return e.call("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": "email", "value": value}})
		}
		noMessageTo := func(t *testing.T, domain string) {
			e.outbox.mu.Lock()
			defer e.outbox.mu.Unlock()
			for _, m := range e.outbox.sent {
				if strings.HasSuffix(m.To, domain) {
					t.Fatalf("a code went to %q", m.To)
				}
			}
		}

		t.Run("item 5: the allowlist sees what is delivered", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "i5", Password: pw})
			tok := e.token(id, allScopes...)
			for _, s := range []string{`"x@company.com@"@evil.com`, `"ceo@company.com" <m@evil.com>`, "ceo@company.com <m@evil.com>", "m@evil.com(ceo@company.com)"} {
				send(e, tok, s).wantError(400, "guard.invalid_input")
				e.call("POST", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), map[string]any{"email": s, "newIdentifierVerificationRecordId": "r"}).wantError(400, "guard.invalid_input")
			}
			send(e, tok, "m@evil.com").wantError(422, "session.email_blocklist.email_not_allowed")
			noMessageTo(t, "evil.com")
			rec := e.codeRecord(tok, "email", "ceo@company.com")
			e.call("POST", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), map[string]any{"email": "ceo@company.com", "newIdentifierVerificationRecordId": rec}).want(204)
		})
		t.Run("item 6: look-alike addresses are refused", func(t *testing.T) {
			e := e.sub(t)
			e.user(myaccount.CreateUserInput{Username: "i6alice", PrimaryEmail: "alice@example.com"})
			e.user(myaccount.CreateUserInput{Username: "i6kate", PrimaryEmail: "kate@example.com"})
			id := e.user(myaccount.CreateUserInput{Username: "i6mallory", Password: pw})
			tok := e.token(id, allScopes...)
			for _, s := range []string{"ａlice@example.com", "\u212aate@example.com", "alice@example.com."} {
				send(e, tok, s).wantError(400, "guard.invalid_input")
				e.call("POST", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), map[string]any{"email": s, "newIdentifierVerificationRecordId": "r"}).wantError(400, "guard.invalid_input")
				e.admin("POST", "/api/users", map[string]any{"primaryEmail": s}).wantError(400, "guard.invalid_input")
				e.admin("PATCH", "/api/users/"+id, map[string]any{"primaryEmail": s}).wantError(400, "guard.invalid_input")
			}
			// A fullwidth domain is the domain it imitates.
			e.admin("POST", "/api/users", map[string]any{"primaryEmail": "alice@ｅxample.com"}).wantError(422, "user.email_already_in_use")
			rec := e.codeRecord(tok, "email", "alice@ｅxample.com")
			e.call("POST", "/api/my-account/primary-email", tok, e.pwRecord(tok, pw), map[string]any{"email": "alice@ｅxample.com", "newIdentifierVerificationRecordId": rec}).wantError(422, "user.email_already_in_use")
		})
	})
}
