package httpadapter_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
)

// authzRow is what Logto says of one route: the scope it needs and the
// status when it is missing ("" = none), whether a verification record
// (VH) is required ("req"; "cond" = when the user has a password, email
// or phone; "" = not used), whether third-party applications are refused,
// and a body valid enough to pass the body guard, so that the checks
// after it are reached.
type authzRow struct {
	scope       string
	scopeStatus int
	vh          string
	firstParty  bool
	body        any
	multipart   bool // the body is an image upload
}

// authzRows holds a row for every route of the end-user table (plus this library's DELETE /api/my-account and the Verification API). A
// route without a row fails TestAuthorizationMatrix: a new route cannot be
// added without saying who may call it.
var authzRows = map[string]authzRow{
	"GET /api/my-account":                                           {},
	"PATCH /api/my-account":                                         {scope: "profile", scopeStatus: 400, vh: "req", firstParty: true, body: map[string]any{"username": "matrixnew"}},
	"DELETE /api/my-account":                                        {vh: "req", firstParty: true},
	"PATCH /api/my-account/profile":                                 {scope: "profile", scopeStatus: 400, firstParty: true, body: map[string]any{"givenName": "Ada"}},
	"POST /api/my-account/password":                                 {vh: "cond", firstParty: true, body: map[string]any{"password": "Matrix-pass-2"}},
	"POST /api/my-account/primary-email":                            {scope: "email", scopeStatus: 400, vh: "req", firstParty: true, body: map[string]any{"email": "new@example.com", "newIdentifierVerificationRecordId": "x"}},
	"DELETE /api/my-account/primary-email":                          {scope: "email", scopeStatus: 400, vh: "req", firstParty: true},
	"POST /api/my-account/primary-phone":                            {scope: "phone", scopeStatus: 400, vh: "req", firstParty: true, body: map[string]any{"phone": "14155550123", "newIdentifierVerificationRecordId": "x"}},
	"DELETE /api/my-account/primary-phone":                          {scope: "phone", scopeStatus: 400, vh: "req", firstParty: true},
	"POST /api/my-account/identities":                               {scope: "identities", scopeStatus: 401, vh: "cond", firstParty: true, body: map[string]any{"newIdentifierVerificationRecordId": "x"}},
	"PUT /api/my-account/identities":                                {scope: "identities", scopeStatus: 401, vh: "cond", firstParty: true, body: map[string]any{"newIdentifierVerificationRecordId": "x"}},
	"DELETE /api/my-account/identities/{target}":                    {scope: "identities", scopeStatus: 400, vh: "cond", firstParty: true},
	"GET /api/my-account/identities/{target}/access-token":          {scope: "identities", scopeStatus: 403},
	"PUT /api/my-account/identities/{target}/access-token":          {scope: "identities", scopeStatus: 403, body: map[string]any{"verificationRecordId": "x"}},
	"GET /api/my-account/mfa-verifications":                         {scope: "identities", scopeStatus: 401},
	"POST /api/my-account/mfa-verifications":                        {scope: "identities", scopeStatus: 401, vh: "req", firstParty: true, body: map[string]any{"type": "Totp", "secret": "JBSWY3DPEHPK3PXP"}},
	"PUT /api/my-account/mfa-verifications/totp":                    {scope: "identities", scopeStatus: 401, vh: "req", firstParty: true, body: map[string]any{"secret": "JBSWY3DPEHPK3PXP", "code": "123456"}},
	"POST /api/my-account/mfa-verifications/totp-secret/generate":   {},
	"POST /api/my-account/mfa-verifications/backup-codes/generate":  {},
	"GET /api/my-account/mfa-verifications/backup-codes":            {scope: "identities", scopeStatus: 401, vh: "req"},
	"PATCH /api/my-account/mfa-verifications/{verificationId}/name": {scope: "identities", scopeStatus: 401, vh: "req", firstParty: true, body: map[string]any{"name": "key"}},
	"DELETE /api/my-account/mfa-verifications/{verificationId}":     {scope: "identities", scopeStatus: 401, vh: "req", firstParty: true},
	"GET /api/my-account/mfa-settings":                              {scope: "identities", scopeStatus: 401},
	"PATCH /api/my-account/mfa-settings":                            {scope: "identities", scopeStatus: 401, vh: "req", firstParty: true, body: map[string]any{"skipMfaOnSignIn": true}},
	"GET /api/my-account/logto-configs":                             {scope: "identities", scopeStatus: 401},
	"PATCH /api/my-account/logto-configs":                           {scope: "identities", scopeStatus: 401, vh: "req", firstParty: true, body: map[string]any{"mfa": map[string]any{"skipMfaOnSignIn": true}}},
	"GET /api/my-account/sessions":                                  {scope: "urn:logto:scope:sessions", scopeStatus: 401, vh: "req"},
	"DELETE /api/my-account/sessions/{sessionId}":                   {scope: "urn:logto:scope:sessions", scopeStatus: 401, vh: "req", firstParty: true},
	"GET /api/my-account/grants":                                    {scope: "urn:logto:scope:sessions", scopeStatus: 401, vh: "req"},
	"DELETE /api/my-account/grants/{grantId}":                       {scope: "urn:logto:scope:sessions", scopeStatus: 401, vh: "req", firstParty: true},
	"POST /api/my-account/user-assets/avatar":                       {scope: "profile", scopeStatus: 401, firstParty: true, multipart: true},
	"POST /api/verifications/password":                              {firstParty: true, body: map[string]any{"password": "wrong-Password-1"}},
	"POST /api/verifications/verification-code":                     {firstParty: true, body: map[string]any{"identifier": map[string]any{"type": "email", "value": "matrix-code@example.com"}}},
	"POST /api/verifications/verification-code/verify":              {firstParty: true, body: map[string]any{"identifier": map[string]any{"type": "email", "value": "matrix-code@example.com"}, "verificationId": "x", "code": "123456"}},
	"POST /api/verifications/social":                                {body: map[string]any{"connectorId": "none", "state": "s", "redirectUri": "https://app.example.com/cb"}},
	"POST /api/verifications/social/verify":                         {body: map[string]any{"verificationRecordId": "x", "connectorData": map[string]any{}}},
	"POST /api/verifications/web-authn/registration":                {firstParty: true},
	"POST /api/verifications/web-authn/registration/verify":         {firstParty: true, body: map[string]any{"verificationRecordId": "x", "payload": map[string]any{}}},
}

// TestAuthorizationMatrix (issue 9): every route of the table × every way
// a caller can lack the right to call it gives Logto's status and code,
// on the memory store. Each route gets a fresh user (with a password and an
// email, so conditional VH routes need the header) and fresh records.
func TestAuthorizationMatrix(t *testing.T) {
	var e *env
	e = newEnv(t, newMemoryStore(), withMFA(t), func(c *myaccount.Config) {
		c.Sessions = newFakeSessions(func() time.Time { return e.clock.Now() })
	})
	e.enableAll()
	e.setFields(map[string]string{"name": "Edit", "avatar": "Edit", "profile": "Edit", "email": "Edit", "phone": "Edit", "social": "Edit", "password": "Edit",
		"username": "Edit", "customData": "Edit", "mfa": "Edit", "session": "Edit", "deleteAccount": "Edit"})
	const pw = "Matrix-pass-1"
	param := regexp.MustCompile(`\{[^}]+\}`)
	patterns := httpadapter.RoutePatterns(e.svc)
	for _, p := range patterns {
		if _, ok := authzRows[p]; !ok {
			t.Errorf("route %s has no row in authzRows: say which scope, VH and first-party rules it has", p)
		}
	}
	for p := range authzRows {
		if !strings.Contains(strings.Join(patterns, "\n")+"\n", p+"\n") {
			t.Errorf("authzRows names %s, which is not a mounted route", p)
		}
	}

	n := 0
	for _, p := range patterns {
		row := authzRows[p]
		method, path, _ := strings.Cut(p, " ")
		path = param.ReplaceAllString(path, "x")
		t.Run(p, func(t *testing.T) {
			e := e.sub(t)
			n++
			name := fmt.Sprintf("matrix%d", n)
			id := e.user(myaccount.CreateUserInput{Username: name, Password: pw, PrimaryEmail: name + "@example.com"})
			other := e.user(myaccount.CreateUserInput{Username: name + "b", Password: pw})
			full := e.token(id, allScopes...)
			send := func(cell string, tok string, vhID *string, header map[string]string) *resp {
				t.Helper()
				body := row.body
				if row.multipart {
					data, ct := multipartBody(t, filePart{field: "file", filename: "a.png", contentType: "image/png", data: pngBytes(t)})
					body = data
					merged := map[string]string{"Content-Type": ct}
					for k, v := range header {
						merged[k] = v
					}
					header = merged
				}
				r := e.do(req{method: method, path: path, token: tok, vh: vhID, body: body, header: header})
				r.t = t
				return r
			}
			want := func(cell string, r *resp, status int, code string) {
				t.Helper()
				if r.status != status || r.json["code"] != code {
					t.Errorf("%s: %d %s, want %d %s", cell, r.status, r.raw, status, code)
				}
			}
			wantNot := func(cell string, r *resp, status int, code string) {
				t.Helper()
				if r.status == status && r.json["code"] == code {
					t.Errorf("%s: %d %s, which this route must not answer", cell, r.status, code)
				}
			}
			valid := func() *string { return e.pwRecord(full, pw) }

			// Authentication, for every route.
			want("no token", send("", "", nil, nil), 401, "auth.authorization_header_missing")
			want("non-Bearer", send("", "", nil, map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}), 401, "auth.authorization_token_type_not_supported")
			want("unknown token", send("", "not-a-token", nil, nil), 401, "auth.unauthorized")
			want("no openid", send("", e.token(id, "profile", "email", "phone", "identities", "custom_data", "urn:logto:scope:sessions"), nil, nil), 403, "auth.forbidden")

			// The route's scope, with everything else in order.
			if row.scope != "" {
				var scopes []string
				for _, s := range allScopes {
					if s != row.scope {
						scopes = append(scopes, s)
					}
				}
				code := "auth.unauthorized"
				if row.scopeStatus == 403 {
					code = "auth.forbidden"
				}
				want("missing scope", send("", e.token(id, scopes...), valid(), nil), row.scopeStatus, code)
			}

			// Third-party applications.
			// A route open to them answers them no 403 at all (GET /api/my-account works for third-party clients).
			third := send("", e.thirdPartyToken(id, allScopes...), valid(), nil)
			if row.firstParty {
				want("third-party client", third, 403, "auth.third_party_application_forbidden")
			} else if third.status == 403 {
				t.Errorf("third-party client: %d %s, but the route is open to third parties", third.status, third.raw)
			}

			// Verification records.
			unverified := e.call("POST", "/api/verifications/verification-code", full, nil, map[string]any{"identifier": map[string]any{"type": "email", "value": name + "@example.com"}, "templateType": "UserPermissionValidation"}).want(201).str("verificationRecordId")
			newIdentifier := e.codeRecord(full, "email", name+"-new@example.com")
			expired := valid()
			cells := []struct {
				name string
				vh   *string
			}{
				{"no verification header", nil},
				{"another user's record", e.pwRecord(e.token(other, allScopes...), pw)},
				{"an unverified record", vh(unverified)},
				{"a new-identifier record", vh(newIdentifier)},
				{"an expired record", expired},
			}
			for _, c := range cells {
				if c.name == "an expired record" {
					e.clock.Advance(11 * time.Minute)
				}
				r := send("", full, c.vh, nil)
				if row.vh != "" {
					want(c.name, r, 401, "verification_record.permission_denied")
				} else {
					wantNot(c.name, r, 401, "verification_record.permission_denied")
				}
			}

			// A suspended user, last: with a record made before the
			// suspension and every scope.
			rec := valid()
			e.admin("PATCH", "/api/users/"+id+"/is-suspended", map[string]any{"isSuspended": true}).want(200)
			want("suspended user", send("", full, rec, nil), 401, "user.suspended")
		})
	}
}

// TestAdminAuthorizationMatrix: every administrator route, from its table,
// refuses a caller without the admin token (none, another scheme, a wrong
// token, an end user's token) with 401 auth.unauthorized, before anything
// else: the route's body and path are never looked at.
func TestAdminAuthorizationMatrix(t *testing.T) {
	e := newEnv(t, newMemoryStore())
	id := e.user(myaccount.CreateUserInput{Username: "adminmatrix"})
	patterns := append(httpadapter.AdminRoutePatterns(e.svc), "GET /api/account-center", "PATCH /api/account-center")
	param := regexp.MustCompile(`\{[^}]+\}`)
	for _, p := range patterns {
		method, path, _ := strings.Cut(p, " ")
		path = strings.ReplaceAll(path, "{userId}", id)
		path = param.ReplaceAllString(path, "x")
		for cell, header := range map[string]map[string]string{
			"no token":          nil,
			"non-Bearer":        {"Authorization": "Basic " + adminToken},
			"wrong token":       {"Authorization": "Bearer not-" + adminToken},
			"an end user token": {"Authorization": "Bearer " + e.token(id, allScopes...)},
			"token as a prefix": {"Authorization": "Bearer " + adminToken + "x"},
		} {
			r := e.do(req{method: method, path: path, body: map[string]any{}, header: header})
			if r.status != 401 || r.json["code"] != "auth.unauthorized" {
				t.Errorf("%s, %s: %d %s, want 401 auth.unauthorized", p, cell, r.status, r.raw)
			}
		}
	}
	if _, err := e.svc.Admin.User(context.Background(), id); err != nil {
		t.Errorf("the user is gone after the refused calls: %v", err)
	}
}
