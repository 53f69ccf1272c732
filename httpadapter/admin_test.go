package httpadapter_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
	"golang.org/x/crypto/bcrypt"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// list decodes an answer that is a JSON array.
func (r *resp) list() []map[string]any {
	r.t.Helper()
	var items []map[string]any
	if err := jsonUnmarshal(r.raw, &items); err != nil {
		r.t.Fatalf("not a JSON array: %v %s", err, r.raw)
	}
	return items
}

// obj returns the object at key.
func (r *resp) obj(key string) map[string]any {
	r.t.Helper()
	m, ok := r.json[key].(map[string]any)
	if !ok {
		r.t.Fatalf("%s is not an object in %s", key, r.raw)
	}
	return m
}

// newUser creates a user through POST /api/users and returns its id.
func (e *env) newUser(body map[string]any) string {
	e.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	return e.admin("POST", "/api/users", body).want(200).str("id")
}

// withLockout makes the lockout trip after three failures.
func withLockout(c *myaccount.Config) { c.Lockout.MaxAttempts = 3 }

// The administrator's routes under /api/users (Logto's Management API).
func TestAdminUsers(t *testing.T) {
	eachStoreEnv(t, func(t *testing.T, store myaccount.Store) *env {
		return newEnv(t, store, withMFA(t), withLockout, withAdminConnectors)
	}, func(t *testing.T, e *env) {
		e.enableAll()

		t.Run("the admin authenticator guards every route", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "auth1"})
			for _, r := range []req{
				{method: "GET", path: "/api/users"},
				{method: "POST", path: "/api/users", body: map[string]any{"username": "x"}},
				{method: "GET", path: "/api/users/" + id},
				{method: "DELETE", path: "/api/users/" + id},
				{method: "PATCH", path: "/api/users/" + id + "/is-suspended", body: map[string]any{"isSuspended": true}},
			} {
				e.do(r).wantError(401, "auth.unauthorized")
				r.token = "wrong-token"
				e.do(r).wantError(401, "auth.unauthorized")
				// An end user's token is no admin token.
				r.token = e.token(id, allScopes...)
				e.do(r).wantError(401, "auth.unauthorized")
			}
			e.admin("GET", "/api/users/"+id, nil).want(200)
		})

		t.Run("POST /api/users", func(t *testing.T) {
			e := e.sub(t)
			r := e.admin("POST", "/api/users", map[string]any{
				"username": "Create1", "password": "x", "primaryEmail": "Create1@Example.com", "primaryPhone": "6402112345678",
				"name": "Ada", "avatar": "https://example.com/a.png", "customData": map[string]any{"plan": "pro"},
				"profile": map[string]any{"givenName": "Ada", "address": map[string]any{"country": "UK"}},
			}).want(200)
			// The address is kept in its one form: the domain lowercased,
			// the local part as given.
			if r.str("username") != "Create1" || r.str("primaryEmail") != "Create1@example.com" || r.str("primaryPhone") != "642112345678" ||
				r.str("name") != "Ada" || r.str("avatar") != "https://example.com/a.png" || r.json["hasPassword"] != true || r.json["isSuspended"] != false {
				t.Fatalf("created: %s", r.raw)
			}
			if r.obj("customData")["plan"] != "pro" || r.obj("profile")["givenName"] != "Ada" || r.obj("profile")["address"].(map[string]any)["country"] != "UK" {
				t.Fatalf("created: %s", r.raw)
			}
			if strings.Contains(strings.ToLower(string(r.raw)), "argon2") || strings.Contains(strings.ToLower(string(r.raw)), "passwordhash") {
				t.Fatalf("the hash shows: %s", r.raw)
			}
			id := r.str("id")
			if evs := e.eventsOf(myaccount.EventUserCreated); len(evs) == 0 || evs[len(evs)-1].UserID != id || evs[len(evs)-1].User.PasswordHash != "" {
				t.Fatalf("User.Created: %+v", evs)
			}
			// An empty body makes a user with nothing.
			empty := e.admin("POST", "/api/users", nil).want(200)
			if empty.json["username"] != nil || empty.json["hasPassword"] != false {
				t.Fatalf("empty: %s", empty.raw)
			}

			t.Run("identifiers are unique as in the Account API", func(t *testing.T) {
				e := e.sub(t)
				e.admin("POST", "/api/users", map[string]any{"username": "Create1"}).wantError(422, "user.username_already_in_use")
				e.admin("POST", "/api/users", map[string]any{"primaryEmail": "create1@EXAMPLE.com"}).wantError(422, "user.email_already_in_use")
				// The same number with its trunk zero dropped.
				e.admin("POST", "/api/users", map[string]any{"primaryPhone": "642112345678"}).wantError(422, "user.phone_already_in_use")
				// Username case follows the policy: case-sensitive by default.
				e.admin("POST", "/api/users", map[string]any{"username": "create1"}).want(200)
			})
			t.Run("bad bodies", func(t *testing.T) {
				e := e.sub(t)
				for _, body := range []any{
					map[string]any{"username": "1abc"}, map[string]any{"username": "a-b"}, map[string]any{"primaryEmail": "no-at"},
					map[string]any{"primaryPhone": "+15551234567"}, map[string]any{"avatar": "not a url"}, map[string]any{"name": 5},
					map[string]any{"customData": "x"}, map[string]any{"profile": map[string]any{"nickname": nil}},
					map[string]any{"passwordDigest": "$2a$10$x", "passwordAlgorithm": "Scrypt"}, "[1]", "{bad",
				} {
					e.admin("POST", "/api/users", body).wantError(400, "guard.invalid_input")
				}
				e.admin("POST", "/api/users", map[string]any{"primaryPhone": "999"}).wantError(422, "user.invalid_phone")
				e.admin("POST", "/api/users", map[string]any{"password": "a", "passwordDigest": "$2a$", "passwordAlgorithm": "Bcrypt"}).wantError(400, "user.password_and_digest")
				e.admin("POST", "/api/users", map[string]any{"passwordDigest": "$2a$"}).wantError(400, "user.password_algorithm_required")
			})
			t.Run("an empty password never makes a user without one", func(t *testing.T) {
				e := e.sub(t)
				before := e.admin("GET", "/api/users", nil).want(200).header.Get("Total-Number")
				e.admin("POST", "/api/users", map[string]any{"username": "emptypw1", "password": ""}).wantError(400, "guard.invalid_input")
				e.admin("POST", "/api/users", map[string]any{"password": ""}).wantError(400, "guard.invalid_input")
				if after := e.admin("GET", "/api/users", nil).want(200).header.Get("Total-Number"); after != before {
					t.Fatalf("users %s, then %s", before, after)
				}
				if r := e.admin("POST", "/api/users", map[string]any{"username": "nullpw1", "password": nil}).want(200); r.json["hasPassword"] != false {
					t.Fatalf("a null password: %s", r.raw)
				}
			})
			t.Run("a password digest is imported and upgraded on use", func(t *testing.T) {
				e := e.sub(t)
				digest, err := bcrypt.GenerateFromPassword([]byte("imported-pw"), bcrypt.MinCost)
				if err != nil {
					t.Fatal(err)
				}
				e.admin("POST", "/api/users", map[string]any{"passwordDigest": string(digest), "passwordAlgorithm": "Argon2i"}).wantError(400, "guard.invalid_input")
				e.admin("POST", "/api/users", map[string]any{"passwordDigest": "$2a$10$broken", "passwordAlgorithm": "Bcrypt"}).wantError(400, "guard.invalid_input")
				id := e.newUser(map[string]any{"username": "digest1", "passwordDigest": string(digest), "passwordAlgorithm": "Bcrypt"})
				e.admin("POST", "/api/users/"+id+"/password/verify", map[string]any{"password": "wrong"}).wantError(422, "session.invalid_credentials")
				e.admin("POST", "/api/users/"+id+"/password/verify", map[string]any{"password": "imported-pw"}).want(204)
				u, err := e.store.GetUser(context.Background(), id)
				if err != nil || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
					t.Fatalf("not upgraded: %v %v", u, err)
				}
				e.pwRecord(e.token(id, allScopes...), "imported-pw")
			})
			t.Run("weak digests are imported in their own form and upgraded on use", func(t *testing.T) {
				e := e.sub(t)
				e.admin("POST", "/api/users", map[string]any{"passwordDigest": "b4cc1864cbe6883ccf10f4d49d72f52", "passwordAlgorithm": "MD5"}).wantError(400, "guard.invalid_input")
				e.admin("POST", "/api/users", map[string]any{"passwordDigest": `["sha256",["salt"],"ab"]`, "passwordAlgorithm": "Legacy"}).wantError(400, "guard.invalid_input")
				// md5 of "imported-pw", and sha256 of "salt:imported-pw" (Python's hashlib).
				for i, body := range []map[string]any{
					{"passwordDigest": "b4cc1864cbe6883ccf10f4d49d72f52f", "passwordAlgorithm": "MD5"},
					{"passwordDigest": `["sha256",["salt:","@"],"c1a22a29008856edb7594624f295a16e4f5840c86592b1c0e655b5a28a707951"]`, "passwordAlgorithm": "Legacy"},
				} {
					body["username"] = fmt.Sprintf("weak%d", i)
					id := e.newUser(body)
					u, err := e.store.GetUser(context.Background(), id)
					if err != nil || !account.IsImportedDigest(u.PasswordHash) {
						t.Fatalf("%v: stored as %q (%v)", body["passwordAlgorithm"], u.PasswordHash, err)
					}
					e.admin("POST", "/api/users/"+id+"/password/verify", map[string]any{"password": "wrong"}).wantError(422, "session.invalid_credentials")
					e.admin("POST", "/api/users/"+id+"/password/verify", map[string]any{"password": "imported-pw"}).want(204)
					if u, err = e.store.GetUser(context.Background(), id); err != nil || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
						t.Fatalf("%v: not upgraded: %v %v", body["passwordAlgorithm"], u, err)
					}
					e.pwRecord(e.token(id, allScopes...), "imported-pw")
				}
			})
		})

		t.Run("GET /api/users/:userId", func(t *testing.T) {
			e := e.sub(t)
			id := e.newUser(map[string]any{"username": "get1", "password": "pw", "profile": map[string]any{"address": map[string]any{"locality": "London"}}})
			r := e.admin("GET", "/api/users/"+id, nil).want(200)
			for _, key := range []string{"id", "username", "primaryEmail", "primaryPhone", "name", "avatar", "customData", "identities", "profile",
				"applicationId", "isSuspended", "hasPassword", "lastSignInAt", "createdAt", "updatedAt"} {
				if !r.has(key) {
					t.Errorf("no %s in %s", key, r.raw)
				}
			}
			if r.obj("profile")["address"].(map[string]any)["locality"] != "London" || len(r.obj("identities")) != 0 || len(r.obj("customData")) != 0 {
				t.Fatalf("get: %s", r.raw)
			}
			e.admin("GET", "/api/users/nobody", nil).wantError(404, "entity.not_found")
			e.admin("GET", "/api/users/"+id+"/unknown-route", nil).want(404)
		})

		t.Run("GET /api/users", func(t *testing.T) {
			e := e.sub(t)
			for i := range 5 {
				e.clock.Advance(time.Second)
				e.newUser(map[string]any{"username": fmt.Sprintf("lst_%d", i), "name": fmt.Sprintf("Listed %d", i)})
			}
			e.clock.Advance(time.Second)
			e.newUser(map[string]any{"primaryEmail": "LST.mail@example.com"})
			e.clock.Advance(time.Second)
			e.newUser(map[string]any{"primaryPhone": "15557770001"})
			names := func(r *resp) []string {
				var out []string
				for _, u := range r.list() {
					if s, ok := u["username"].(string); ok {
						out = append(out, s)
					} else if s, ok := u["primaryEmail"].(string); ok {
						out = append(out, s)
					} else {
						out = append(out, u["primaryPhone"].(string))
					}
				}
				return out
			}
			// search=lst\_% (Logto's like: % a wildcard, \_ a literal _).
			lst := "search=" + url.QueryEscape(`lst\_%`)
			r := e.admin("GET", "/api/users?"+lst+"&page_size=2", nil).want(200)
			if got := names(r); strings.Join(got, ",") != "lst_4,lst_3" || r.header.Get("Total-Number") != "5" {
				t.Fatalf("page 1: %v, total %s", got, r.header.Get("Total-Number"))
			}
			links := strings.Join(r.header.Values("Link"), ", ")
			for _, want := range []string{`page=1&page_size=2&` + lst + `>; rel="first"`, `page=3&page_size=2&` + lst + `>; rel="last"`, `page=2&page_size=2&` + lst + `>; rel="next"`} {
				if !strings.Contains(links, "</api/users?"+want) {
					t.Errorf("Link %q lacks %q", links, want)
				}
			}
			r = e.admin("GET", "/api/users?"+lst+"&page_size=2&page=3", nil).want(200)
			if got := names(r); strings.Join(got, ",") != "lst_0" || r.header.Get("Total-Number") != "5" || strings.Contains(strings.Join(r.header.Values("Link"), ","), "next") {
				t.Fatalf("page 3: %v %v", got, r.header)
			}
			r = e.admin("GET", "/api/users?"+lst+"&page_size=2&page=9", nil).want(200)
			if len(r.list()) != 0 || r.header.Get("Total-Number") != "5" {
				t.Fatalf("page 9: %s", r.raw)
			}
			for search, want := range map[string]string{
				"LST_2": "lst_2", "listed 1": "lst_1", "%lst.MAIL%": "LST.mail@example.com", "%5557770%": "15557770001",
				"lst.MAIL": "", "5557770": "", "nothing-like-it": "",
			} {
				r := e.admin("GET", "/api/users?search="+url.QueryEscape(search), nil).want(200)
				if got := strings.Join(names(r), ","); got != want {
					t.Errorf("search %q: %q, want %q", search, got, want)
				}
			}
			// Without a search, every user, newest first, 20 a page.
			all := e.admin("GET", "/api/users", nil).want(200)
			_, total, err := e.store.ListUsers(context.Background(), account.UserQuery{Page: 1, PageSize: 1})
			if err != nil || all.header.Get("Total-Number") != fmt.Sprint(total) || len(all.list()) != min(total, 20) {
				t.Fatalf("all: %d users, Total-Number %s, store total %d %v", len(all.list()), all.header.Get("Total-Number"), total, err)
			}
			if first := all.list()[0]; first["primaryPhone"] != "15557770001" {
				t.Fatalf("newest first: %v", first)
			}
			if len(e.admin("GET", "/api/users?page_size=100", nil).want(200).list()) != min(total, 100) {
				t.Fatal("page_size 100")
			}
			for _, q := range []string{"page=0", "page=-1", "page=abc", "page=1.5", "page_size=0", "page_size=101", "page_size=x", "page=1&page=2"} {
				e.admin("GET", "/api/users?"+q, nil).wantError(400, "guard.invalid_pagination")
			}
		})

		t.Run("PATCH /api/users/:userId", func(t *testing.T) {
			e := e.sub(t)
			id := e.newUser(map[string]any{"username": "upd1", "primaryEmail": "upd1@example.com", "primaryPhone": "15551110001", "name": "Old",
				"customData": map[string]any{"a": 1, "b": 2}, "profile": map[string]any{"givenName": "G", "familyName": "F"}})
			e.newUser(map[string]any{"username": "upd2", "primaryEmail": "upd2@example.com", "primaryPhone": "6402112340002"})
			r := e.admin("PATCH", "/api/users/"+id, map[string]any{
				"username": "upd1_new", "primaryEmail": "New1@Example.com", "primaryPhone": "15551110009", "name": "", "avatar": "https://example.com/b.png",
				"customData": map[string]any{"c": 3}, "profile": map[string]any{"nickname": "N"},
			}).want(200)
			if r.str("username") != "upd1_new" || r.str("primaryEmail") != "New1@example.com" || r.str("primaryPhone") != "15551110009" ||
				r.json["name"] != "" || r.str("avatar") != "https://example.com/b.png" {
				t.Fatalf("patched: %s", r.raw)
			}
			// customData and profile are replaced, not merged.
			if cd := r.obj("customData"); len(cd) != 1 || cd["c"] != float64(3) {
				t.Fatalf("customData: %s", r.raw)
			}
			if p := r.obj("profile"); len(p) != 1 || p["nickname"] != "N" {
				t.Fatalf("profile: %s", r.raw)
			}
			evs := e.eventsOf(myaccount.EventUserDataUpdated)
			ev := evs[len(evs)-1]
			if ev.UserID != id || ev.Previous != "upd1@example.com" || len(ev.Changes) != 5 {
				t.Fatalf("event: %+v", ev)
			}
			u, _ := e.store.GetUser(context.Background(), id)
			if u.EmailKey != "new1@example.com" || u.UsernameKey != "upd1_new" {
				t.Fatalf("keys: %q %q", u.EmailKey, u.UsernameKey)
			}

			e.admin("PATCH", "/api/users/"+id, map[string]any{"username": "upd2"}).wantError(422, "user.username_already_in_use")
			e.admin("PATCH", "/api/users/"+id, map[string]any{"primaryEmail": "UPD2@example.com"}).wantError(422, "user.email_already_in_use")
			e.admin("PATCH", "/api/users/"+id, map[string]any{"primaryPhone": "642112340002"}).wantError(422, "user.phone_already_in_use")
			e.admin("PATCH", "/api/users/"+id, map[string]any{"primaryPhone": "999"}).wantError(422, "user.invalid_phone")
			for _, body := range []any{
				map[string]any{"username": "9x"}, map[string]any{"primaryEmail": "x"}, map[string]any{"primaryPhone": "+1"}, map[string]any{"avatar": "x"},
				map[string]any{"customData": nil}, map[string]any{"customData": []any{}}, map[string]any{"profile": nil}, map[string]any{"profile": map[string]any{"gender": 1}},
				map[string]any{"name": map[string]any{}}, "{",
			} {
				e.admin("PATCH", "/api/users/"+id, body).wantError(400, "guard.invalid_input")
			}
			// Nothing was written by the refused requests.
			after, _ := e.store.GetUser(context.Background(), id)
			if after.Username != "upd1_new" || after.PrimaryPhone != "15551110009" {
				t.Fatalf("refused writes changed the user: %+v", after)
			}
			// An empty body changes nothing.
			if e.admin("PATCH", "/api/users/"+id, map[string]any{}).want(200).str("username") != "upd1_new" {
				t.Fatal("empty body")
			}
			// null and "" clear; an administrator may remove every identifier.
			r = e.admin("PATCH", "/api/users/"+id, map[string]any{"username": nil, "primaryEmail": "", "primaryPhone": nil, "name": nil, "avatar": nil}).want(200)
			for _, key := range []string{"username", "primaryEmail", "primaryPhone", "name", "avatar"} {
				if v, ok := r.json[key]; !ok || v != nil {
					t.Errorf("%s not cleared: %s", key, r.raw)
				}
			}
			// The freed identifiers may be claimed again.
			e.newUser(map[string]any{"username": "upd1_new", "primaryEmail": "new1@example.com", "primaryPhone": "15551110009"})
			e.admin("PATCH", "/api/users/nobody", map[string]any{"name": "x"}).wantError(404, "entity.not_found")
		})

		t.Run("PATCH /api/users/:userId/profile merges", func(t *testing.T) {
			e := e.sub(t)
			id := e.newUser(map[string]any{"profile": map[string]any{"givenName": "G", "familyName": "F", "address": map[string]any{"country": "UK", "locality": "London"}}})
			r := e.admin("PATCH", "/api/users/"+id+"/profile", map[string]any{"profile": map[string]any{"givenName": "G2", "address": map[string]any{"country": "FR"}}}).want(200)
			if r.json["givenName"] != "G2" || r.json["familyName"] != "F" || r.obj("address")["country"] != "FR" || r.obj("address")["locality"] != nil {
				t.Fatalf("merged: %s", r.raw)
			}
			if got := e.admin("GET", "/api/users/"+id, nil).want(200).obj("profile"); got["familyName"] != "F" {
				t.Fatalf("stored: %v", got)
			}
			for _, body := range []any{map[string]any{}, map[string]any{"profile": nil}, map[string]any{"profile": map[string]any{"nickname": nil}}, map[string]any{"givenName": "x"}} {
				e.admin("PATCH", "/api/users/"+id+"/profile", body).wantError(400, "guard.invalid_input")
			}
			e.admin("PATCH", "/api/users/nobody/profile", map[string]any{"profile": map[string]any{}}).wantError(404, "entity.not_found")
		})

		t.Run("custom data is read and merged", func(t *testing.T) {
			e := e.sub(t)
			id := e.newUser(nil)
			path := "/api/users/" + id + "/custom-data"
			if r := e.admin("GET", path, nil).want(200); string(r.raw) != "{}" {
				t.Fatalf("empty: %s", r.raw)
			}
			e.admin("PATCH", path, map[string]any{"customData": map[string]any{"a": 1, "nested": map[string]any{"x": 1, "y": 2}}}).want(200)
			r := e.admin("PATCH", path, map[string]any{"customData": map[string]any{"b": 2, "nested": map[string]any{"z": 3}}}).want(200)
			if r.json["a"] != float64(1) || r.json["b"] != float64(2) || len(r.obj("nested")) != 1 || r.obj("nested")["z"] != float64(3) {
				t.Fatalf("shallow merge: %s", r.raw)
			}
			r = e.admin("PATCH", path, map[string]any{"customData": map[string]any{"a": nil}}).want(200)
			if v, ok := r.json["a"]; !ok || v != nil || r.json["b"] != float64(2) {
				t.Fatalf("null value: %s", r.raw)
			}
			if got := e.admin("GET", path, nil).want(200); got.json["b"] != float64(2) {
				t.Fatalf("GET: %s", got.raw)
			}
			for _, body := range []any{map[string]any{}, map[string]any{"customData": nil}, map[string]any{"customData": "x"}, map[string]any{"b": 1}} {
				e.admin("PATCH", path, body).wantError(400, "guard.invalid_input")
			}
			e.admin("GET", "/api/users/nobody/custom-data", nil).wantError(404, "entity.not_found")
			e.admin("PATCH", "/api/users/nobody/custom-data", map[string]any{"customData": map[string]any{}}).wantError(404, "entity.not_found")
		})

		t.Run("PATCH .../is-suspended", func(t *testing.T) {
			e := e.sub(t)
			id := e.newUser(map[string]any{"username": "susp1"})
			if r := e.admin("PATCH", "/api/users/"+id+"/is-suspended", map[string]any{"isSuspended": true}).want(200); r.json["isSuspended"] != true || r.str("id") != id {
				t.Fatalf("suspended: %s", r.raw)
			}
			if r := e.admin("GET", "/api/users/"+id, nil).want(200); r.json["isSuspended"] != true {
				t.Fatalf("stored: %s", r.raw)
			}
			for _, body := range []any{map[string]any{}, map[string]any{"isSuspended": nil}, map[string]any{"isSuspended": "yes"}} {
				e.admin("PATCH", "/api/users/"+id+"/is-suspended", body).wantError(400, "guard.invalid_input")
			}
			e.admin("PATCH", "/api/users/nobody/is-suspended", map[string]any{"isSuspended": true}).wantError(404, "entity.not_found")
			e.admin("PATCH", "/api/users/"+id+"/is-suspended", map[string]any{"isSuspended": false}).want(200)
		})

		t.Run("passwords", func(t *testing.T) {
			e := e.sub(t)
			id := e.newUser(map[string]any{"username": "pw1"})
			base := "/api/users/" + id
			if r := e.admin("GET", base+"/has-password", nil).want(200); r.json["hasPassword"] != false || len(r.json) != 1 {
				t.Fatalf("has-password: %s", r.raw)
			}
			e.admin("POST", base+"/password/verify", map[string]any{"password": "anything"}).wantError(422, "session.invalid_credentials")
			// The password policy does not apply: an administrator chooses.
			r := e.admin("PATCH", base+"/password", map[string]any{"password": "a"}).want(200)
			if r.json["hasPassword"] != true || r.str("id") != id {
				t.Fatalf("set: %s", r.raw)
			}
			u, _ := e.store.GetUser(context.Background(), id)
			if !strings.HasPrefix(u.PasswordHash, "$argon2id$") || !u.PasswordUpdatedAt.Equal(e.clock.Now().Truncate(time.Microsecond)) {
				t.Fatalf("stored: %q %v", u.PasswordHash, u.PasswordUpdatedAt)
			}
			if evs := e.eventsOf(myaccount.EventUserDataUpdated); evs[len(evs)-1].Changes[0] != myaccount.ChangePassword {
				t.Fatalf("event: %+v", evs[len(evs)-1])
			}
			if r := e.admin("GET", base+"/has-password", nil).want(200); r.json["hasPassword"] != true {
				t.Fatalf("has-password: %s", r.raw)
			}
			e.admin("POST", base+"/password/verify", map[string]any{"password": "a"}).want(204)
			// An administrator's failed checks do not lock the user out:
			// the lockout trips after three failures of the user's own.
			for range 5 {
				e.admin("POST", base+"/password/verify", map[string]any{"password": "wrong"}).wantError(422, "session.invalid_credentials")
			}
			e.pwRecord(e.token(id, allScopes...), "a")
			// Nor does a lockout of the user stop them.
			tok := e.token(id, allScopes...)
			for range 3 {
				e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "wrong"})
			}
			e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "a"}).wantError(400, "session.verification_blocked_too_many_attempts")
			e.admin("POST", base+"/password/verify", map[string]any{"password": "a"}).want(204)
			for _, path := range []string{base + "/password", base + "/password/verify"} {
				method := map[bool]string{true: "PATCH", false: "POST"}[strings.HasSuffix(path, "/password")]
				e.admin(method, path, map[string]any{"password": ""}).wantError(400, "guard.invalid_input")
				e.admin(method, path, map[string]any{}).wantError(400, "guard.invalid_input")
				e.admin(method, strings.Replace(path, id, "nobody", 1), map[string]any{"password": "x"}).wantError(404, "entity.not_found")
			}
			e.admin("GET", "/api/users/nobody/has-password", nil).wantError(404, "entity.not_found")
		})

		t.Run("identities", func(t *testing.T) {
			e := e.sub(t)
			a := e.newUser(map[string]any{"username": "ida"})
			b := e.newUser(map[string]any{"username": "idb"})
			base := "/api/users/" + a + "/identities"
			linkBody := func(socialID string) map[string]any {
				return map[string]any{"connectorId": "github", "connectorData": map[string]any{"userId": socialID, "email": "a@gh.example"}}
			}
			r := e.admin("POST", base, linkBody("gh-a2")).want(200)
			// POST replaces the identity at the connector's target.
			r = e.admin("POST", base, linkBody("gh-a")).want(200)
			if gh := r.obj("github"); len(r.json) != 1 || gh["userId"] != "gh-a" || gh["details"].(map[string]any)["email"] != "a@gh.example" {
				t.Fatalf("linked: %s", r.raw)
			}
			e.admin("POST", "/api/users/"+b+"/identities", linkBody("gh-a")).wantError(422, "user.identity_already_in_use")
			e.admin("PUT", "/api/users/"+b+"/identities/github", map[string]any{"userId": "gh-a"}).wantError(422, "user.identity_already_in_use")
			for _, body := range []any{map[string]any{}, map[string]any{"connectorId": "github"}, map[string]any{"connectorData": map[string]any{}}, map[string]any{"connectorId": "", "connectorData": map[string]any{}}, map[string]any{"connectorId": "github", "connectorData": "x"}} {
				e.admin("POST", base, body).wantError(400, "guard.invalid_input")
			}
			e.admin("PUT", base+"/google", map[string]any{}).wantError(400, "guard.invalid_input")
			e.admin("POST", "/api/users/nobody/identities", linkBody("x")).wantError(404, "entity.not_found")
			e.admin("PUT", "/api/users/nobody/identities/t", map[string]any{"userId": "x"}).wantError(404, "entity.not_found")

			// PUT adds (201) or replaces (200).
			r = e.admin("PUT", base+"/google", map[string]any{"userId": "g-a"}).want(201)
			if len(r.json) != 2 || r.obj("google")["userId"] != "g-a" {
				t.Fatalf("put new: %s", r.raw)
			}
			// A token set of the replaced provider account goes; the same
			// account keeps it.
			put := func(target string) {
				t.Helper()
				if err := e.store.PutTokenSet(context.Background(), &account.TokenSet{UserID: a, Target: target, Sealed: []byte("sealed")}); err != nil {
					t.Fatal(err)
				}
			}
			tokenSet := func(target string) error {
				_, err := e.store.GetTokenSet(context.Background(), a, target)
				return err
			}
			put("google")
			e.admin("PUT", base+"/google", map[string]any{"userId": "g-a", "details": map[string]any{"v": 2}}).want(200)
			if err := tokenSet("google"); err != nil {
				t.Fatalf("same account lost its token set: %v", err)
			}
			r = e.admin("PUT", base+"/google", map[string]any{"userId": "g-a-other"}).want(200)
			if r.obj("google")["userId"] != "g-a-other" {
				t.Fatalf("replaced: %s", r.raw)
			}
			if err := tokenSet("google"); !errors.Is(err, account.ErrNotFound) {
				t.Fatalf("replaced account kept its token set: %v", err)
			}
			if u, err := e.store.FindUserBySocialIdentity(context.Background(), "google", "g-a"); err == nil {
				t.Fatalf("old identity still held by %s", u.ID)
			}

			// DELETE answers the user; the token set goes too.
			put("github")
			r = e.admin("DELETE", base+"/github", nil).want(200)
			if r.str("id") != a || r.obj("identities")["github"] != nil {
				t.Fatalf("deleted: %s", r.raw)
			}
			if err := tokenSet("github"); !errors.Is(err, account.ErrNotFound) {
				t.Fatalf("token set kept: %v", err)
			}
			e.admin("DELETE", base+"/github", nil).wantError(404, "user.identity_not_exist")
			e.admin("DELETE", "/api/users/nobody/identities/github", nil).wantError(404, "entity.not_found")
			// An administrator may remove the last identifier.
			only := e.newUser(nil)
			e.admin("PUT", "/api/users/"+only+"/identities/google", map[string]any{"userId": "g-only"}).want(201)
			e.admin("DELETE", "/api/users/"+only+"/identities/google", nil).want(200)
			if evs := e.eventsOf(myaccount.EventUserDataUpdated); evs[len(evs)-1].Changes[0] != myaccount.ChangeIdentity {
				t.Fatalf("event: %+v", evs[len(evs)-1])
			}
		})

		t.Run("mfa-verifications", func(t *testing.T) {
			e := e.sub(t)
			id := e.newUser(map[string]any{"username": "mfa1", "primaryEmail": "mfa1@example.com"})
			base := "/api/users/" + id + "/mfa-verifications"
			if items := e.admin("GET", base, nil).want(200).list(); len(items) != 0 {
				t.Fatalf("empty: %v", items)
			}
			e.admin("POST", base, map[string]any{"type": "BackupCode"}).wantError(422, "session.mfa.backup_code_can_not_be_alone")
			e.admin("POST", base, map[string]any{"type": "Totp", "secret": "not-a-secret"}).wantError(422, "user.totp_secret_invalid")
			for _, body := range []any{map[string]any{}, map[string]any{"type": "WebAuthn"}, map[string]any{"type": "Email"}, map[string]any{"type": "Totp", "secret": 5}} {
				e.admin("POST", base, body).wantError(400, "guard.invalid_input")
			}

			r := e.admin("POST", base, map[string]any{"type": "Totp"}).want(200)
			secret := r.str("secret")
			if r.str("type") != "Totp" || len(secret) != 32 || !strings.HasPrefix(r.str("secretQrCode"), "data:image/png;base64,") {
				t.Fatalf("TOTP: %s", r.raw)
			}
			code, err := totp.GenerateCode(secret, e.clock.Now())
			if err != nil {
				t.Fatal(err)
			}
			if err := e.svc.SignIn.TOTP(context.Background(), myaccount.Caller{}, id, code); err != nil {
				t.Fatalf("the generated secret does not sign in: %v", err)
			}
			e.admin("POST", base, map[string]any{"type": "Totp"}).wantError(422, "user.totp_already_in_use")

			r = e.admin("POST", base, map[string]any{"type": "BackupCode"}).want(200)
			codes, _ := r.json["codes"].([]any)
			if r.str("type") != "BackupCode" || len(codes) != 10 {
				t.Fatalf("backup codes: %s", r.raw)
			}
			if err := e.svc.SignIn.BackupCode(context.Background(), myaccount.Caller{}, id, codes[0].(string)); err != nil {
				t.Fatalf("a generated code does not sign in: %v", err)
			}
			e.admin("POST", base, map[string]any{"type": "BackupCode"}).wantError(422, "user.backup_code_already_in_use")
			items := e.admin("GET", base, nil).want(200).list()
			if len(items) != 2 || items[0]["type"] != "Totp" || items[1]["type"] != "BackupCode" || items[1]["remainCodes"] != float64(9) {
				t.Fatalf("list: %v", items)
			}
			for _, it := range items {
				for _, secretKey := range []string{"secret", "codes", "key"} {
					if _, ok := it[secretKey]; ok {
						t.Fatalf("the list shows %s: %v", secretKey, it)
					}
				}
			}
			// The user's MFA setting is left as it was.
			if u, _ := e.store.GetUser(context.Background(), id); u.LogtoConfig.MFA.Enabled != nil {
				t.Fatalf("mfa enabled set: %v", *u.LogtoConfig.MFA.Enabled)
			}

			// Given secret and codes, on another user.
			other := e.newUser(map[string]any{"username": "mfa2"})
			obase := "/api/users/" + other + "/mfa-verifications"
			const given = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
			if r := e.admin("POST", obase, map[string]any{"type": "Totp", "secret": given}).want(200); r.str("secret") != given {
				t.Fatalf("given secret: %s", r.raw)
			}
			e.admin("POST", obase, map[string]any{"type": "BackupCode", "codes": []string{"short"}}).wantError(422, "user.wrong_backup_code_format")
			mine := []string{"0123456789", "1123456789", "2123456789", "3123456789", "4123456789", "5123456789", "6123456789", "7123456789", "8123456789", "9123456789"}
			if r := e.admin("POST", obase, map[string]any{"type": "BackupCode", "codes": mine}).want(200); len(r.json["codes"].([]any)) != 10 {
				t.Fatalf("given codes: %s", r.raw)
			}
			if err := e.svc.SignIn.BackupCode(context.Background(), myaccount.Caller{}, other, "5123456789"); err != nil {
				t.Fatalf("a given code does not sign in: %v", err)
			}

			// DELETE.
			e.admin("DELETE", base+"/"+items[0]["id"].(string), nil).want(204)
			e.admin("DELETE", base+"/"+items[0]["id"].(string), nil).wantError(404, "entity.not_found")
			// Another user's factor is not found under this one.
			oitems := e.admin("GET", obase, nil).want(200).list()
			e.admin("DELETE", base+"/"+oitems[0]["id"].(string), nil).wantError(404, "entity.not_found")
			if items := e.admin("GET", base, nil).want(200).list(); len(items) != 1 {
				t.Fatalf("after delete: %v", items)
			}
			e.admin("GET", "/api/users/nobody/mfa-verifications", nil).wantError(404, "entity.not_found")
			e.admin("POST", "/api/users/nobody/mfa-verifications", map[string]any{"type": "Totp"}).wantError(404, "entity.not_found")
			e.admin("DELETE", "/api/users/nobody/mfa-verifications/x", nil).wantError(404, "entity.not_found")
		})

		t.Run("DELETE /api/users/:userId", func(t *testing.T) {
			e := e.sub(t)
			id := e.newUser(map[string]any{"username": "gone1", "password": "pw"})
			tok := e.token(id, allScopes...)
			e.admin("DELETE", "/api/users/"+id, nil).want(204)
			e.admin("GET", "/api/users/"+id, nil).wantError(404, "entity.not_found")
			e.admin("DELETE", "/api/users/"+id, nil).wantError(404, "entity.not_found")
			e.call("GET", "/api/my-account", tok, nil, nil).wantError(401, "auth.unauthorized")
			if evs := e.eventsOf(myaccount.EventUserDeleted); len(evs) == 0 || evs[len(evs)-1].UserID != id || evs[len(evs)-1].User.Username != "gone1" {
				t.Fatalf("User.Deleted: %+v", evs)
			}
		})
	})
}
