package httpadapter_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/httpadapter"
)

// everyRoute is each route of the end-user route table as a request: path
// parameters filled with "x", an empty JSON object as the body.
func everyRoute(e *env) []req {
	var reqs []req
	param := regexp.MustCompile(`\{[^}]+\}`)
	for _, pattern := range httpadapter.RoutePatterns(e.svc) {
		method, path, _ := strings.Cut(pattern, " ")
		reqs = append(reqs, req{method: method, path: param.ReplaceAllString(path, "x"), body: map[string]any{}})
	}
	return reqs
}

// wantEveryRoute fails unless every end-user route answers status and code
// to tok, with the verification header vhID.
func (e *env) wantEveryRoute(tok string, vhID *string, status int, code string) {
	e.t.Helper()
	routes := everyRoute(e)
	if len(routes) < 30 {
		e.t.Fatalf("only %d routes in the table", len(routes))
	}
	for _, r := range routes {
		r.token, r.vh = tok, vhID
		got := e.do(r)
		if got.status != status || got.json["code"] != code {
			e.t.Errorf("%s %s: %d %s, want %d %s", r.method, r.path, got.status, got.raw, status, code)
		}
	}
}

// The suspension: a suspended user gets 401 user.suspended on every
// Account and Verification API route, after authentication and the gate,
// before the body is read; lifting the suspension gives every route back.
func TestSuspension(t *testing.T) {
	eachStoreWith(t, withMFA(t), func(t *testing.T, e *env) {
		e.enableAll()
		const pw = "pass-word-1"
		id := e.user(myaccount.CreateUserInput{Username: "sus1", Password: pw, PrimaryEmail: "sus1@example.com"})
		tok := e.token(id, allScopes...)
		rec := e.pwRecord(tok, pw) // made before the suspension: still refused
		other := e.token(e.user(myaccount.CreateUserInput{Username: "sus2", Password: pw}), allScopes...)
		suspend := func(on bool) {
			t.Helper()
			r := e.admin("PATCH", "/api/users/"+id+"/is-suspended", map[string]any{"isSuspended": on}).want(200)
			if r.json["isSuspended"] != on {
				t.Fatalf("isSuspended: %s", r.raw)
			}
		}

		suspend(true)
		t.Run("every route answers 401 user.suspended", func(t *testing.T) {
			e := e.sub(t)
			e.wantEveryRoute(tok, rec, 401, "user.suspended")
			e.wantEveryRoute(tok, nil, 401, "user.suspended")
		})
		t.Run("before body validation", func(t *testing.T) {
			e := e.sub(t)
			e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": 5}).wantError(401, "user.suspended")
			e.call("POST", "/api/verifications/password", tok, nil, "{not json").wantError(401, "user.suspended")
			e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "wrong"}).wantError(401, "user.suspended")
			e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": pw}).wantError(401, "user.suspended")
		})
		// PATCH /api/my-account checks the user inside its write (a read
		// saved): a valid change is refused as the gate would, and
		// writes nothing; so is a change refused by a later check.
		t.Run("a valid PATCH is refused and writes nothing", func(t *testing.T) {
			e := e.sub(t)
			e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": "Suspended"}).wantError(401, "user.suspended")
			e.call("PATCH", "/api/my-account", tok, rec, map[string]any{"username": "sus1new", "customData": map[string]any{"a": 1}}).wantError(401, "user.suspended")
			e.setFields(map[string]string{"name": "ReadOnly", "username": "Edit", "customData": "Edit"})
			e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": "Suspended"}).wantError(401, "user.suspended")
			e.enableAll()
			u, err := e.store.GetUser(context.Background(), id)
			if err != nil || u.Name != nil || u.Username != "sus1" || u.CustomData["a"] != nil {
				t.Errorf("the suspended user changed: %+v %v", u, err)
			}
		})
		t.Run("after authentication and the gate", func(t *testing.T) {
			e := e.sub(t)
			e.call("GET", "/api/my-account", "", nil, nil).wantError(401, "auth.authorization_header_missing")
			e.admin("PATCH", "/api/account-center", map[string]any{"enabled": false}).want(200)
			e.call("GET", "/api/my-account", tok, nil, nil).wantError(400, "account_center.not_enabled")
			e.call("PATCH", "/api/my-account", tok, nil, "{not json").wantError(400, "account_center.not_enabled")
			e.admin("PATCH", "/api/account-center", map[string]any{"enabled": true}).want(200)
			e.call("GET", "/api/my-account", tok, nil, nil).wantError(401, "user.suspended")
		})
		t.Run("in-process calls are refused alike", func(t *testing.T) {
			c := myaccount.Caller{Principal: myaccount.Principal{UserID: id, Scopes: allScopes, FirstParty: true}}
			if _, err := e.svc.Account.Get(context.Background(), c); !isCode(err, account.CodeSuspended) {
				t.Errorf("GetAccount: %v", err)
			}
			if err := e.svc.Account.ChangePassword(context.Background(), c, myaccount.PasswordInput{Password: "x"}); !isCode(err, account.CodeSuspended) {
				t.Errorf("UpdatePassword: %v", err)
			}
		})
		t.Run("sign-in is refused too", func(t *testing.T) {
			_, err := e.svc.SignIn.Password(context.Background(), myaccount.Caller{}, myaccount.SignInIdentifier{Kind: account.IdentifierUsername, Value: "sus1"}, pw)
			if !isCode(err, account.CodeSuspended) {
				t.Errorf("SignInWithPassword: %v", err)
			}
		})
		t.Run("other users are not affected", func(t *testing.T) {
			e := e.sub(t)
			e.call("GET", "/api/my-account", other, nil, nil).want(200)
			e.pwRecord(other, pw)
		})

		suspend(false)
		t.Run("lifting the suspension gives every route back", func(t *testing.T) {
			e := e.sub(t)
			// Without the header: with it, the walk would delete the account.
			for _, r := range everyRoute(e) {
				r.token = tok
				if got := e.do(r); got.json["code"] == "user.suspended" {
					t.Errorf("%s %s: still suspended: %s", r.method, r.path, got.raw)
				}
			}
			e.call("GET", "/api/my-account", tok, nil, nil).want(200)
			e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": "Back"}).want(200)
			e.pwRecord(tok, pw)
		})
		t.Run("events", func(t *testing.T) {
			evs := e.eventsOf(myaccount.EventUserSuspensionStatusUpdated)
			if len(evs) != 2 || evs[0].UserID != id || !evs[0].User.IsSuspended || evs[1].User.IsSuspended || evs[0].User.PasswordHash != "" {
				t.Fatalf("events: %+v", evs)
			}
		})
	})
}

// isCode reports whether err is an *account.Error with code.
func isCode(err error, code account.Code) bool {
	apiErr, ok := errors.AsType[*account.Error](err)
	return ok && apiErr.Code == code
}
