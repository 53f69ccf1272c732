package httpadapter_test

import (
	"reflect"
	"testing"

	"github.com/myaccount-go/myaccount"
)

// Profile.
func TestProfileScenarios(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		newUser := func(in myaccount.CreateUserInput) (id, tok string) {
			id = e.user(in)
			return id, e.token(id, allScopes...)
		}

		t.Run("1 GET without Origin answers ACAO *", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "u1", Password: "pass-word-1"})
			r := e.call("GET", "/api/my-account", tok, nil, nil).want(200)
			if got := r.header.Get("Access-Control-Allow-Origin"); got != "*" {
				t.Fatalf("Access-Control-Allow-Origin = %q", got)
			}
		})
		t.Run("2-6 GET filters keys by scope", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "u2", Password: "pass-word-1"})
			r := e.call("GET", "/api/my-account", e.token(id, defaultScopes...), nil, nil).want(200)
			if !r.has("username") || r.str("username") != "u2" {
				t.Fatalf("default scopes: no username in %s", r.raw)
			}
			for _, k := range []string{"customData", "identities", "primaryEmail", "primaryPhone"} {
				if r.has(k) {
					t.Errorf("default scopes: %s present in %s", k, r.raw)
				}
			}
			for scope, key := range map[string]string{"email": "primaryEmail", "phone": "primaryPhone", "identities": "identities", "custom_data": "customData"} {
				r := e.call("GET", "/api/my-account", e.token(id, "openid", scope), nil, nil).want(200)
				if !r.has(key) {
					t.Errorf("scope %s: %s absent in %s", scope, key, r.raw)
				}
				if r.has("username") {
					t.Errorf("scope %s: username present without profile in %s", scope, r.raw)
				}
			}
			if !r.has("hasSecurityVerificationMethod") {
				t.Errorf("hasSecurityVerificationMethod absent")
			}
		})
		t.Run("7 PATCH name emits User.Data.Updated", func(t *testing.T) {
			e := e.sub(t)
			id, tok := newUser(myaccount.CreateUserInput{Username: "u7"})
			before := len(e.eventsOf(myaccount.EventUserDataUpdated))
			r := e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": "Ada"}).want(200)
			if r.str("name") != "Ada" {
				t.Fatalf("name: %s", r.raw)
			}
			if e.call("GET", "/api/my-account", tok, nil, nil).want(200).str("name") != "Ada" {
				t.Fatal("GET does not show the name")
			}
			evs := e.eventsOf(myaccount.EventUserDataUpdated)
			if len(evs) != before+1 || evs[len(evs)-1].UserID != id || *evs[len(evs)-1].User.Name != "Ada" {
				t.Fatalf("events: %+v", evs)
			}
		})
		t.Run("8 PATCH avatar", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "u8"})
			r := e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"avatar": "https://example.com/avatar.png"}).want(200)
			if r.str("avatar") != "https://example.com/avatar.png" {
				t.Fatalf("avatar: %s", r.raw)
			}
			e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"avatar": "not a url"}).wantError(400, "guard.invalid_input")
		})
		t.Run("9 PATCH username with PW-rec", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "u9", Password: "pass-word-9"})
			r := e.call("PATCH", "/api/my-account", tok, e.pwRecord(tok, "pass-word-9"), map[string]any{"username": "u9_new"}).want(200)
			if r.str("username") != "u9_new" {
				t.Fatalf("username: %s", r.raw)
			}
		})
		t.Run("10 PATCH username without VH", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "u10", Password: "pass-word-1"})
			e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"username": "u10_new"}).wantError(401, "verification_record.permission_denied")
		})
		t.Run("11 PATCH username null keeps the email", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "u11", Password: "pass-word-1", PrimaryEmail: "u11@example.com"})
			r := e.call("PATCH", "/api/my-account", tok, e.pwRecord(tok, "pass-word-1"), map[string]any{"username": nil}).want(200)
			if v, ok := r.json["username"]; !ok || v != nil {
				t.Fatalf("username: %s", r.raw)
			}
			if v := e.call("GET", "/api/my-account", tok, nil, nil).json["username"]; v != nil {
				t.Fatalf("GET username = %v", v)
			}
		})
		t.Run("12 PATCH username null on the last identifier", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "u12", Password: "pass-word-1"})
			e.call("PATCH", "/api/my-account", tok, e.pwRecord(tok, "pass-word-1"), map[string]any{"username": nil}).wantError(400, "user.last_sign_in_method_required")
		})
		t.Run("13 PATCH to another user's username", func(t *testing.T) {
			e := e.sub(t)
			newUser(myaccount.CreateUserInput{Username: "taken13"})
			_, tok := newUser(myaccount.CreateUserInput{Username: "u13", Password: "pass-word-1"})
			e.call("PATCH", "/api/my-account", tok, e.pwRecord(tok, "pass-word-1"), map[string]any{"username": "taken13"}).wantError(422, "user.username_already_in_use")
		})
		t.Run("14-16 customData is replaced, not merged", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "u14"})
			a := map[string]any{"level": float64(1), "preferences": map[string]any{"theme": "dark", "tags": []any{"a", "b"}}}
			r := e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"customData": a}).want(200)
			if !reflect.DeepEqual(r.json["customData"], a) {
				t.Fatalf("customData echo: %s", r.raw)
			}
			if got := e.call("GET", "/api/my-account", tok, nil, nil).json["customData"]; !reflect.DeepEqual(got, a) {
				t.Fatalf("GET customData: %v", got)
			}
			b := map[string]any{"other": true}
			r = e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"customData": b}).want(200)
			if !reflect.DeepEqual(r.json["customData"], b) {
				t.Fatalf("customData replace: %s", r.raw)
			}
			evs := e.eventsOf(myaccount.EventUserDataUpdated)
			if last := evs[len(evs)-1]; !reflect.DeepEqual(last.User.CustomData, b) {
				t.Fatalf("hook customData: %v", last.User.CustomData)
			}
		})
		t.Run("15 PATCH customData without custom_data", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "u15"})
			e.call("PATCH", "/api/my-account", e.token(id, defaultScopes...), nil, map[string]any{"customData": map[string]any{"a": 1}}).wantError(400, "auth.unauthorized")
		})
		t.Run("17 PATCH profile merges", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "u17"})
			tok := e.token(id, defaultScopes...)
			e.call("PATCH", "/api/my-account/profile", tok, nil, map[string]any{"nickname": "kept"}).want(200)
			r := e.call("PATCH", "/api/my-account/profile", tok, nil, map[string]any{"profile": "HI", "middleName": "M"}).want(200)
			if r.json["profile"] != "HI" || r.json["middleName"] != "M" || r.json["nickname"] != "kept" {
				t.Fatalf("profile: %s", r.raw)
			}
		})
		t.Run("18 PATCH profile address with the address scope", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "u18"})
			r := e.call("PATCH", "/api/my-account/profile", e.token(id, "openid", "profile", "address"), nil, map[string]any{"address": map[string]any{"country": "USA"}}).want(200)
			if !reflect.DeepEqual(r.json["address"], map[string]any{"country": "USA"}) {
				t.Fatalf("address: %s", r.raw)
			}
			// Without the address scope it is stored but not shown.
			r = e.call("GET", "/api/my-account", e.token(id, "openid", "profile"), nil, nil).want(200)
			if p := r.json["profile"].(map[string]any); p["address"] != nil {
				t.Fatalf("address shown without its scope: %s", r.raw)
			}
		})
		t.Run("19 PATCH profile address without the address scope", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "u19"})
			e.call("PATCH", "/api/my-account/profile", e.token(id, "openid", "profile"), nil, map[string]any{"address": map[string]any{"country": "USA"}}).wantError(400, "auth.unauthorized")
		})
		t.Run("empty PATCH answers the unchanged profile", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "uempty", Name: "N"})
			r := e.call("PATCH", "/api/my-account", tok, nil, map[string]any{}).want(200)
			if r.str("name") != "N" {
				t.Fatalf("body: %s", r.raw)
			}
		})
	})
}
