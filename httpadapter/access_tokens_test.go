package httpadapter_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
)

// patPath is the personal-access-token collection of a user.
func patPath(userID string) string { return "/api/users/" + userID + "/personal-access-tokens" }

// listTokens returns GET .../personal-access-tokens, decoded.
func (e *env) listTokens(userID string) []map[string]any {
	e.t.Helper()
	r := e.admin("GET", patPath(userID), nil).want(200)
	var out []map[string]any
	if err := json.Unmarshal(r.raw, &out); err != nil {
		e.t.Fatalf("list: %v: %s", err, r.raw)
	}
	return out
}

// tokenNames returns the names of the user's tokens, in order.
func (e *env) tokenNames(userID string) []string {
	e.t.Helper()
	var names []string
	for _, tok := range e.listTokens(userID) {
		names = append(names, tok["name"].(string))
	}
	return names
}

// Issue 6, item 3: personal access tokens made by an administrator, shown
// once and stored hashed; requests made with one act for the user with its
// scopes until it expires, is deleted, or its user is suspended or deleted.
func TestPersonalAccessTokens(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		id := e.user(myaccount.CreateUserInput{Username: "pat1", Password: "pass-word-1", PrimaryEmail: "pat1@example.com"})
		other := e.user(myaccount.CreateUserInput{Username: "pat2"})

		t.Run("made, shown once, stored hashed, and usable", func(t *testing.T) {
			e := e.sub(t)
			r := e.admin("POST", patPath(id), map[string]any{"name": "ci"}).want(201)
			value := r.str("value")
			if !strings.HasPrefix(value, "pat_") || len(value) != 47 {
				t.Errorf("value %q: want pat_ and 43 characters", value)
			}
			if r.str("name") != "ci" || r.str("userId") != id || r.json["expiresAt"] != nil ||
				r.json["createdAt"] != float64(e.clock.Now().UnixMilli()) {
				t.Errorf("created: %s", r.raw)
			}
			if got := len(r.json["scopes"].([]any)); got != len(myaccount.DefaultAccessTokenScopes) {
				t.Errorf("scopes: %s", r.raw)
			}
			// The list never shows the value, nor does the store keep it.
			list := e.admin("GET", patPath(id), nil).want(200)
			if bytes.Contains(list.raw, []byte(value)) || bytes.Contains(list.raw, []byte(`"value"`)) {
				t.Errorf("the list shows the secret: %s", list.raw)
			}
			stored, err := e.store.ListAccessTokens(t.Context(), id)
			if err != nil || len(stored) != 1 {
				t.Fatalf("stored: %v %v", stored, err)
			}
			enc, _ := json.Marshal(stored[0])
			if bytes.Contains(enc, []byte(value)) || bytes.Contains(stored[0].Hash, []byte(value[4:])) {
				t.Errorf("the store keeps the secret: %s", enc)
			}

			// The token acts for its user, as a first-party app would.
			me := e.call("GET", "/api/my-account", value, nil, nil).want(200)
			if me.str("id") != id || me.str("primaryEmail") != "pat1@example.com" {
				t.Errorf("GET /api/my-account with the token: %s", me.raw)
			}
			e.call("PATCH", "/api/my-account", value, nil, map[string]any{"name": "Ada"}).want(200)
			e.call("POST", "/api/verifications/password", value, nil, map[string]any{"password": "pass-word-1"}).want(201)
			if evs := e.eventsOf(myaccount.EventAccessTokenCreated); len(evs) == 0 || evs[len(evs)-1].AccessToken != "ci" || evs[len(evs)-1].UserID != id {
				t.Errorf("events: %+v", evs)
			}
		})

		t.Run("the token's scopes bound what it may do", func(t *testing.T) {
			e := e.sub(t)
			readOnly := e.admin("POST", patPath(id), map[string]any{"name": "read-profile", "scopes": []string{"openid", "profile"}}).want(201)
			if got := readOnly.json["scopes"]; len(got.([]any)) != 2 {
				t.Errorf("scopes: %s", readOnly.raw)
			}
			me := e.call("GET", "/api/my-account", readOnly.str("value"), nil, nil).want(200)
			if me.has("primaryEmail") {
				t.Errorf("a token without the email scope reads the email: %s", me.raw)
			}
			noOpenID := e.admin("POST", patPath(id), map[string]any{"name": "no-openid", "scopes": []string{"profile"}}).want(201)
			e.call("GET", "/api/my-account", noOpenID.str("value"), nil, nil).wantError(403, "auth.forbidden")
		})

		t.Run("bad bodies and unknown users", func(t *testing.T) {
			e := e.sub(t)
			past := e.clock.Now().Add(-time.Second).UnixMilli()
			for _, c := range []struct {
				user   string
				body   any
				status int
				code   string
			}{
				{id, map[string]any{}, 400, "guard.invalid_input"},
				{id, map[string]any{"name": ""}, 400, "guard.invalid_input"},
				{id, map[string]any{"name": strings.Repeat("n", 129)}, 400, "guard.invalid_input"},
				{id, map[string]any{"name": "bad\x00name"}, 400, "guard.invalid_input"},
				{id, map[string]any{"name": 7}, 400, "guard.invalid_input"},
				{id, map[string]any{"name": "x", "scopes": []string{"openid", "admin"}}, 400, "guard.invalid_input"},
				{id, map[string]any{"name": "x", "expiresAt": past}, 400, "request.invalid_input"},
				{id, map[string]any{"name": "x", "expiresAt": e.clock.Now().UnixMilli()}, 400, "request.invalid_input"},
				{id, map[string]any{"name": "x", "expiresAt": "tomorrow"}, 400, "guard.invalid_input"},
				{id, "{", 400, "guard.invalid_input"},
				{"nobody", map[string]any{"name": "x"}, 404, "entity.not_found"},
			} {
				r := e.admin("POST", patPath(c.user), c.body)
				if r.status != c.status || r.json["code"] != c.code {
					t.Errorf("POST %v: %d %s, want %d %s", c.body, r.status, r.raw, c.status, c.code)
				}
			}
			e.admin("GET", patPath("nobody"), nil).wantError(404, "entity.not_found")
			e.admin("PATCH", patPath("nobody")+"/ci", map[string]any{"name": "y"}).wantError(404, "entity.not_found")
			e.admin("DELETE", patPath("nobody")+"/ci", nil).wantError(404, "entity.not_found")
			e.admin("POST", patPath(other), map[string]any{"name": "dup"}).want(201)
			e.admin("POST", patPath(other), map[string]any{"name": "dup"}).wantError(422, "user.personal_access_token_name_exists")
			// Names are per user.
			e.admin("POST", patPath(id), map[string]any{"name": "dup"}).want(201)
			// Another administrator's token is not an admin token.
			e.do(req{method: "GET", path: patPath(id), token: "nope"}).wantError(401, "auth.unauthorized")
		})

		t.Run("list, rename both ways, delete both ways", func(t *testing.T) {
			e := e.sub(t)
			const u = "patlist"
			uid := e.user(myaccount.CreateUserInput{Username: u})
			if got := e.listTokens(uid); len(got) != 0 {
				t.Fatalf("a new user's tokens: %v", got)
			}
			first := e.admin("POST", patPath(uid), map[string]any{"name": "first"}).want(201).str("value")
			e.clock.Advance(time.Second)
			exp := e.clock.Now().Add(time.Hour).UnixMilli()
			second := e.admin("POST", patPath(uid), map[string]any{"name": "second", "expiresAt": exp}).want(201)
			if second.json["expiresAt"] != float64(exp) {
				t.Errorf("expiresAt: %s", second.raw)
			}
			if got := strings.Join(e.tokenNames(uid), ","); got != "first,second" {
				t.Errorf("names %s, want first,second (oldest first)", got)
			}

			renamed := e.admin("PATCH", patPath(uid)+"/first", map[string]any{"name": "a name/with slash"}).want(200)
			if renamed.str("name") != "a name/with slash" || renamed.has("value") {
				t.Errorf("renamed: %s", renamed.raw)
			}
			e.admin("PATCH", patPath(uid), map[string]any{"currentName": "a name/with slash", "name": "second"}).wantError(422, "user.personal_access_token_name_exists")
			e.admin("PATCH", patPath(uid), map[string]any{"currentName": "gone", "name": "x"}).wantError(404, "entity.not_found")
			e.admin("PATCH", patPath(uid), map[string]any{"currentName": "a name/with slash", "name": ""}).wantError(400, "guard.invalid_input")
			e.admin("PATCH", patPath(uid), map[string]any{"currentName": "a name/with slash", "name": "renamed"}).want(200)
			// Without currentName, name is the current name: the token is
			// answered as it is, or 404 when there is none of that name.
			if same := e.admin("PATCH", patPath(uid), map[string]any{"name": "renamed"}).want(200); same.str("name") != "renamed" || same.has("value") {
				t.Errorf("in place: %s", same.raw)
			}
			e.admin("PATCH", patPath(uid), map[string]any{"name": "never-made"}).wantError(404, "entity.not_found")
			// A rename by path onto a taken name is the same 422.
			e.admin("PATCH", patPath(uid)+"/renamed", map[string]any{"name": "second"}).wantError(422, "user.personal_access_token_name_exists")
			// A rename keeps the secret working.
			e.call("GET", "/api/my-account", first, nil, nil).want(200)

			e.admin("DELETE", patPath(uid)+"/"+url.PathEscape("renamed"), nil).want(204)
			e.call("GET", "/api/my-account", first, nil, nil).wantError(401, "auth.unauthorized")
			e.admin("DELETE", patPath(uid)+"/renamed", nil).wantError(404, "entity.not_found")
			e.admin("POST", patPath(uid)+"/delete", map[string]any{"name": "second"}).want(204)
			e.admin("POST", patPath(uid)+"/delete", map[string]any{"name": "second"}).wantError(404, "entity.not_found")
			e.call("GET", "/api/my-account", second.str("value"), nil, nil).wantError(401, "auth.unauthorized")
			if got := e.listTokens(uid); len(got) != 0 {
				t.Errorf("tokens left: %v", got)
			}
			if evs := e.eventsOf(myaccount.EventAccessTokenDeleted); len(evs) < 2 {
				t.Errorf("deletion events: %+v", evs)
			}
		})

		t.Run("expired, forged, suspended and deleted", func(t *testing.T) {
			e := e.sub(t)
			uid := e.user(myaccount.CreateUserInput{Username: "patlife", Password: "pass-word-1"})
			short := e.admin("POST", patPath(uid), map[string]any{"name": "short", "expiresAt": e.clock.Now().Add(time.Minute).UnixMilli()}).want(201).str("value")
			long := e.admin("POST", patPath(uid), map[string]any{"name": "long"}).want(201).str("value")
			e.call("GET", "/api/my-account", short, nil, nil).want(200)
			e.clock.Advance(time.Minute)
			e.call("GET", "/api/my-account", short, nil, nil).wantError(401, "auth.unauthorized")
			e.call("GET", "/api/my-account", long, nil, nil).want(200)

			// A value of the right shape that was never made, a cut one,
			// and one with a character changed.
			flipped := []byte(long)
			flipped[10] ^= 1
			for _, forged := range []string{"pat_" + strings.Repeat("A", 43), long[:46], string(flipped), "pat_", long + "A"} {
				e.call("GET", "/api/my-account", forged, nil, nil).wantError(401, "auth.unauthorized")
			}

			e.admin("PATCH", "/api/users/"+uid+"/is-suspended", map[string]any{"isSuspended": true}).want(200)
			e.call("GET", "/api/my-account", long, nil, nil).wantError(401, "user.suspended")
			e.admin("PATCH", "/api/users/"+uid+"/is-suspended", map[string]any{"isSuspended": false}).want(200)
			e.call("GET", "/api/my-account", long, nil, nil).want(200)

			e.admin("DELETE", "/api/users/"+uid, nil).want(204)
			e.call("GET", "/api/my-account", long, nil, nil).wantError(401, "auth.unauthorized")
			stored, err := e.store.ListAccessTokens(t.Context(), uid)
			if err != nil || len(stored) != 0 {
				t.Errorf("tokens of the deleted user: %v %v", stored, err)
			}
		})
	})
}
