package httpadapter_test

import (
	"reflect"
	"testing"

	"github.com/myaccount-go/myaccount"
)

// The account-center switches, and the settings routes.
func TestAccountCenterScenarios(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		const pw = "pass-word-1"
		id := e.user(myaccount.CreateUserInput{Username: "g1", Password: pw, PrimaryEmail: "g1@example.com"})
		tok := e.token(id, allScopes...)

		t.Run("a disabled account center refuses every route", func(t *testing.T) {
			e := e.sub(t)
			e.call("GET", "/api/my-account", tok, nil, nil).wantError(400, "account_center.not_enabled")
			e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": pw}).wantError(400, "account_center.not_enabled")
			// The gate comes before body validation.
			e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": 5}).wantError(400, "account_center.not_enabled")
			// Authentication comes before the gate.
			e.call("GET", "/api/my-account", "", nil, nil).wantError(401, "auth.authorization_header_missing")
		})

		e.admin("PATCH", "/api/account-center", map[string]any{"enabled": true, "fields": map[string]string{"name": "ReadOnly"}}).want(200)
		rec := e.pwRecord(tok, pw)

		t.Run("116 only name is visible", func(t *testing.T) {
			e := e.sub(t)
			r := e.call("GET", "/api/my-account", e.token(id, "openid", "profile", "email"), nil, nil).want(200)
			if v, ok := r.json["name"]; !ok || v != nil {
				t.Fatalf("name: %s", r.raw)
			}
			for _, k := range []string{"avatar", "username", "primaryEmail", "primaryPhone", "identities", "profile"} {
				if r.has(k) {
					t.Errorf("%s visible: %s", k, r.raw)
				}
			}
		})
		t.Run("117 PATCH name, avatar, username", func(t *testing.T) {
			e := e.sub(t)
			for _, body := range []map[string]any{{"name": "x"}, {"avatar": "https://example.com/a.png"}, {"username": "g1new"}} {
				e.call("PATCH", "/api/my-account", tok, nil, body).wantError(400, "account_center.field_not_editable")
			}
		})
		t.Run("118 PATCH profile", func(t *testing.T) {
			e := e.sub(t)
			e.call("PATCH", "/api/my-account/profile", tok, nil, map[string]any{"nickname": "n"}).wantError(400, "account_center.field_not_editable")
		})
		t.Run("119 POST password", func(t *testing.T) {
			e := e.sub(t)
			e.call("POST", "/api/my-account/password", tok, rec, map[string]any{"password": "new-pass-word-119"}).wantError(400, "account_center.field_not_editable")
		})
		t.Run("120 email and phone", func(t *testing.T) {
			e := e.sub(t)
			e.call("POST", "/api/my-account/primary-email", tok, rec, map[string]any{"email": "x@example.com", "newIdentifierVerificationRecordId": "r"}).wantError(400, "account_center.field_not_editable")
			e.call("POST", "/api/my-account/primary-phone", tok, rec, map[string]any{"phone": "15551230120", "newIdentifierVerificationRecordId": "r"}).wantError(400, "account_center.field_not_editable")
			e.call("DELETE", "/api/my-account/primary-email", tok, rec, nil).wantError(400, "account_center.field_not_editable")
		})
		t.Run("121 GET settings", func(t *testing.T) {
			e := e.sub(t)
			r := e.admin("GET", "/api/account-center", nil).want(200)
			if r.json["id"] != "default" || r.json["enabled"] != true {
				t.Fatalf("settings: %s", r.raw)
			}
			if e.do(req{method: "GET", path: "/api/account-center", token: "wrong"}).status != 401 {
				t.Fatal("a wrong admin token is accepted")
			}
			wk := e.do(req{method: "GET", path: "/api/.well-known/account-center"}).want(200)
			if !reflect.DeepEqual(wk.json, r.json) {
				t.Fatalf("well-known %s != %s", wk.raw, r.raw)
			}
		})
		t.Run("122 PATCH settings", func(t *testing.T) {
			e := e.sub(t)
			r := e.admin("PATCH", "/api/account-center", map[string]any{
				"enabled": true, "fields": map[string]string{"username": "Edit"},
				"webauthnRelatedOrigins": []string{"https://example.com", "https://example.com"},
			}).want(200)
			if !reflect.DeepEqual(r.json["fields"], map[string]any{"username": "Edit"}) {
				t.Fatalf("fields replace the map: %s", r.raw)
			}
			if !reflect.DeepEqual(r.json["webauthnRelatedOrigins"], []any{"https://example.com"}) {
				t.Fatalf("origins: %s", r.raw)
			}
			e.admin("PATCH", "/api/account-center", map[string]any{"fields": map[string]string{"name": "Sometimes"}}).wantError(400, "guard.invalid_input")
			e.admin("PATCH", "/api/account-center", map[string]any{"profileFields": []map[string]string{{"name": "a"}, {"name": "a"}}}).wantError(400, "request.invalid_input")
		})
		t.Run("123 deleteAccountUrl", func(t *testing.T) {
			e := e.sub(t)
			r := e.admin("PATCH", "/api/account-center", map[string]any{"deleteAccountUrl": "https://example.com/delete-account"}).want(200)
			if r.json["deleteAccountUrl"] != "https://example.com/delete-account" {
				t.Fatalf("deleteAccountUrl: %s", r.raw)
			}
			r = e.admin("PATCH", "/api/account-center", map[string]any{"deleteAccountUrl": ""}).want(200)
			if v, ok := r.json["deleteAccountUrl"]; !ok || v != nil {
				t.Fatalf("deleteAccountUrl: %s", r.raw)
			}
			e.admin("PATCH", "/api/account-center", map[string]any{"deleteAccountUrl": "ftp://example.com"}).wantError(400, "guard.invalid_input")
		})
	})
}

// The first-party guard.
func TestThirdPartyScenarios(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		id := e.user(myaccount.CreateUserInput{Username: "tp", Password: "pass-word-1"})
		third := e.thirdPartyToken(id, allScopes...)
		t.Run("124 writes are refused", func(t *testing.T) {
			e := e.sub(t)
			e.call("PATCH", "/api/my-account", third, nil, map[string]any{"name": "x"}).wantError(403, "auth.third_party_application_forbidden")
			e.call("POST", "/api/my-account/password", third, nil, map[string]any{"password": "new-pass-word"}).wantError(403, "auth.third_party_application_forbidden")
			e.call("POST", "/api/verifications/password", third, nil, map[string]any{"password": "pass-word-1"}).wantError(403, "auth.third_party_application_forbidden")
		})
		t.Run("125 GET works", func(t *testing.T) {
			e := e.sub(t)
			if e.call("GET", "/api/my-account", third, nil, nil).want(200).str("id") != id {
				t.Fatal("wrong id")
			}
		})
		t.Run("126 a first-party app may write", func(t *testing.T) {
			e := e.sub(t)
			e.call("PATCH", "/api/my-account", e.token(id, allScopes...), nil, map[string]any{"name": "x"}).want(200)
		})
	})
}
