package httpadapter_test

import (
	"errors"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

// Issue 14 item 10: verification records stop working when the password
// changes. Every kind of record made before the change, also in the same
// instant of the (fake, unmoving) clock, authorizes nothing afterwards:
// the password record and the UserPermissionValidation code record as the
// verification header, a new email's code record, a social record. Records
// made after the change work. An administrator's password change does the
// same.
func TestRecordsEndWithThePassword(t *testing.T) {
	for _, k := range testdb.Kinds {
		t.Run("store="+k.Name, func(t *testing.T) {
			e := newEnv(t, k.New(t), withSocial(t)...)
			e.enableAll()
			const pw, pw2, pw3 = "pass-word-1", "pass-word-2", "pass-word-3"
			id := e.user(myaccount.CreateUserInput{Username: "stamp", Password: pw, PrimaryEmail: "stamp@example.com"})
			tok := e.token(id, allScopes...)

			passwordRecord := e.pwRecord(tok, pw)
			ownCode := vh(e.codeRecord(tok, "email", "stamp@example.com", "UserPermissionValidation"))
			newEmail := e.codeRecord(tok, "email", "new-stamp@example.com")
			social := e.socialRecord(tok, "mock-social", map[string]any{"userId": "social-stamp"})
			e.call("PATCH", "/api/my-account", tok, passwordRecord, map[string]any{"username": "stamp2"}).want(200)
			e.call("PATCH", "/api/my-account", tok, ownCode, map[string]any{"username": "stamp3"}).want(200)

			e.call("POST", "/api/my-account/password", tok, passwordRecord, map[string]any{"password": pw2}).want(204)

			t.Run("the verification header", func(t *testing.T) {
				e := e.sub(t)
				e.call("PATCH", "/api/my-account", tok, passwordRecord, map[string]any{"username": "stamp4"}).wantError(401, "verification_record.permission_denied")
				e.call("PATCH", "/api/my-account", tok, ownCode, map[string]any{"username": "stamp4"}).wantError(401, "verification_record.permission_denied")
				e.call("POST", "/api/my-account/password", tok, passwordRecord, map[string]any{"password": pw3}).wantError(401, "verification_record.permission_denied")
			})
			t.Run("records named in a body", func(t *testing.T) {
				e := e.sub(t)
				fresh := e.pwRecord(tok, pw2)
				e.call("POST", "/api/my-account/primary-email", tok, fresh, map[string]any{"email": "new-stamp@example.com", "newIdentifierVerificationRecordId": newEmail}).wantError(400, "verification_record.not_found")
				e.call("POST", "/api/my-account/identities", tok, fresh, map[string]any{"newIdentifierVerificationRecordId": social}).wantError(400, "verification_record.not_found")
			})
			t.Run("records made after the change work", func(t *testing.T) {
				e := e.sub(t)
				fresh := e.pwRecord(tok, pw2)
				e.call("PATCH", "/api/my-account", tok, fresh, map[string]any{"username": "stamp5"}).want(200)
				again := e.codeRecord(tok, "email", "new-stamp@example.com")
				e.call("POST", "/api/my-account/primary-email", tok, fresh, map[string]any{"email": "new-stamp@example.com", "newIdentifierVerificationRecordId": again}).want(204)
			})
			t.Run("an administrator's password change", func(t *testing.T) {
				e := e.sub(t)
				fresh := e.pwRecord(tok, pw2)
				e.admin("PATCH", "/api/users/"+id+"/password", map[string]any{"password": pw3}).want(200)
				e.call("PATCH", "/api/my-account", tok, fresh, map[string]any{"username": "stamp6"}).wantError(401, "verification_record.permission_denied")
				e.call("PATCH", "/api/my-account", tok, e.pwRecord(tok, pw3), map[string]any{"username": "stamp6"}).want(200)
			})
			t.Run("a legacy hash upgraded by a right password", func(t *testing.T) {
				// The upgrade changes the stored hash: records made before
				// it stop working (fail closed, once), the password record
				// of the check that upgraded it works.
				e := e.sub(t)
				digest, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
				if err != nil {
					t.Fatal(err)
				}
				legacy := e.user(myaccount.CreateUserInput{Username: "legacy", PrimaryEmail: "legacy@example.com", PasswordDigest: string(digest), PasswordAlgorithm: "Bcrypt"})
				tok := e.token(legacy, allScopes...)
				before := vh(e.codeRecord(tok, "email", "legacy@example.com", "UserPermissionValidation"))
				upgraded := e.pwRecord(tok, pw)
				e.call("PATCH", "/api/my-account", tok, upgraded, map[string]any{"username": "legacy2"}).want(200)
				e.call("PATCH", "/api/my-account", tok, before, map[string]any{"username": "legacy3"}).wantError(401, "verification_record.permission_denied")
			})
		})
	}
}

// Issue 14 item 10: a new-identifier record is used up when it is used.
// A second use of one record answers 400 verification_record.not_found, on
// every route that takes newIdentifierVerificationRecordId, and of
// concurrent uses exactly one wins.
func TestNewIdentifierRecordIsUsedOnce(t *testing.T) {
	for _, k := range testdb.Kinds {
		t.Run("store="+k.Name, func(t *testing.T) {
			e := newEnv(t, k.New(t), withSocial(t)...)
			e.enableAll()
			const pw = "pass-word-1"
			id := e.user(myaccount.CreateUserInput{Username: "once", Password: pw, PrimaryEmail: "once@example.com"})
			tok := e.token(id, allScopes...)
			header := e.pwRecord(tok, pw)

			t.Run("primary email", func(t *testing.T) {
				e := e.sub(t)
				rec := e.codeRecord(tok, "email", "once-new@example.com")
				body := map[string]any{"email": "once-new@example.com", "newIdentifierVerificationRecordId": rec}
				e.call("POST", "/api/my-account/primary-email", tok, header, body).want(204)
				e.call("POST", "/api/my-account/primary-email", tok, header, body).wantError(400, "verification_record.not_found")
			})
			t.Run("primary phone", func(t *testing.T) {
				e := e.sub(t)
				rec := e.codeRecord(tok, "phone", "14155550150")
				body := map[string]any{"phone": "14155550150", "newIdentifierVerificationRecordId": rec}
				e.call("POST", "/api/my-account/primary-phone", tok, header, body).want(204)
				e.call("POST", "/api/my-account/primary-phone", tok, header, body).wantError(400, "verification_record.not_found")
			})
			t.Run("social identity, POST then PUT", func(t *testing.T) {
				e := e.sub(t)
				rec := e.socialRecord(tok, "mock-social", map[string]any{"userId": "social-once"})
				body := map[string]any{"newIdentifierVerificationRecordId": rec}
				e.call("POST", "/api/my-account/identities", tok, header, body).want(204)
				e.call("PUT", "/api/my-account/identities", tok, header, body).wantError(400, "verification_record.not_found")
				e.call("POST", "/api/my-account/identities", tok, header, body).wantError(400, "verification_record.not_found")
			})
			t.Run("concurrent uses: one wins", func(t *testing.T) {
				e := e.sub(t)
				rec := e.codeRecord(tok, "email", "once-race@example.com")
				body := map[string]any{"email": "once-race@example.com", "newIdentifierVerificationRecordId": rec}
				statuses := race(8, func() int { return e.call("POST", "/api/my-account/primary-email", tok, header, body).status })
				if statuses[204] != 1 || statuses[400] != 7 {
					t.Fatalf("statuses %v, want one 204 and seven 400", statuses)
				}
			})
			t.Run("a failed write leaves the record used", func(t *testing.T) {
				e := e.sub(t)
				e.user(myaccount.CreateUserInput{Username: "taken", PrimaryEmail: "taken@example.com"})
				rec := e.codeRecord(tok, "email", "taken@example.com")
				body := map[string]any{"email": "taken@example.com", "newIdentifierVerificationRecordId": rec}
				e.call("POST", "/api/my-account/primary-email", tok, header, body).wantError(422, "user.email_already_in_use")
				if _, err := e.store.GetRecord(t.Context(), rec); !errors.Is(err, account.ErrNotFound) {
					t.Fatalf("GetRecord after the failed write: %v, want not found", err)
				}
			})
		})
	}
}
