package httpadapter_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

// refreshing is the mock social connector plus a refresh that issues a new
// access token, for the expired-token path.
type refreshing struct{ mock.Social }

func (r refreshing) Refresh(_ context.Context, ts *connector.TokenSet) (*connector.TokenSet, error) {
	return &connector.TokenSet{AccessToken: "refreshed-" + ts.RefreshToken, Scope: ts.Scope, TokenType: "Bearer", ExpiresAt: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, nil
}

// withSocial registers two social connectors (targets mock-social and
// other-social, the first able to refresh tokens) and an email connector,
// on the service's clock.
func withSocial(t testing.TB) []func(*myaccount.Config) {
	return []func(*myaccount.Config){withMFA(t), func(c *myaccount.Config) {
		c.Connectors = []connector.Connector{
			refreshing{mock.Social{IDValue: "mock-social", TargetValue: "mock-social", BaseURL: "http://localhost", Now: c.Clock}},
			mock.Social{IDValue: "other-social", TargetValue: "other-social", BaseURL: "http://localhost", Now: c.Clock},
			connector.Static{IDValue: "mock-email", TargetValue: "mock-email", KindValue: connector.KindEmail},
		}
	}}
}

// socialRecord verifies a social identity with the mock connector and
// returns the record id.
func (e *env) socialRecord(tok, connectorID string, data map[string]any) string {
	e.t.Helper()
	r := e.call("POST", "/api/verifications/social", tok, nil, map[string]any{"connectorId": connectorID, "state": "st", "redirectUri": "https://app.example.com/callback", "scope": "profile custom_scope"}).want(201)
	id := r.str("verificationRecordId")
	e.call("POST", "/api/verifications/social/verify", tok, nil, map[string]any{"verificationRecordId": id, "connectorData": data}).want(200)
	return id
}

// Social identities.
func TestSocialScenarios(t *testing.T) {
	for _, k := range testdb.Kinds {
		t.Run("store="+k.Name, func(t *testing.T) {
			e := newEnv(t, k.New(t), withSocial(t)...)
			e.enableAll()
			const pw = "pass-word-1"
			withPassword := func(name string) string {
				return e.token(e.user(myaccount.CreateUserInput{Username: name, Password: pw}), allScopes...)
			}
			usernameOnly := func(name string) string {
				return e.token(e.user(myaccount.CreateUserInput{Username: name}), "openid", "profile", "identities")
			}
			link := func(tok string, vhID *string, socialID string) *resp {
				rec := e.socialRecord(tok, "mock-social", map[string]any{"userId": socialID})
				return e.call("POST", "/api/my-account/identities", tok, vhID, map[string]any{"newIdentifierVerificationRecordId": rec})
			}
			identities := func(tok string) map[string]any {
				return e.call("GET", "/api/my-account", tok, nil, nil).want(200).json["identities"].(map[string]any)
			}

			t.Run("91-93 scope, VH and record checks", func(t *testing.T) {
				e := e.sub(t)
				tok := withPassword("s91")
				id := e.userOf(tok)
				def := e.token(id, defaultScopes...)
				e.call("POST", "/api/my-account/identities", def, e.pwRecord(def, pw), map[string]any{"newIdentifierVerificationRecordId": "x"}).wantError(401, "auth.unauthorized")
				e.call("POST", "/api/my-account/identities", tok, vh("invalid"), map[string]any{"newIdentifierVerificationRecordId": "x"}).wantError(401, "verification_record.permission_denied")
				e.call("POST", "/api/my-account/identities", tok, e.pwRecord(tok, pw), map[string]any{"newIdentifierVerificationRecordId": "bogus"}).wantError(400, "verification_record.not_found")
			})
			t.Run("94-95 connector checks", func(t *testing.T) {
				e := e.sub(t)
				tok := withPassword("s94")
				body := func(id string) map[string]any {
					return map[string]any{"connectorId": id, "state": "s", "redirectUri": "https://app.example.com/cb"}
				}
				e.call("POST", "/api/verifications/social", tok, nil, body("invalid-connector-id")).wantError(422, "session.invalid_connector_id")
				e.call("POST", "/api/verifications/social", tok, nil, body("mock-email")).wantError(400, "connector.unexpected_type")
				e.call("POST", "/api/verifications/social", tok, nil, map[string]any{"connectorId": "mock-social", "state": "", "redirectUri": "x"}).wantError(400, "session.insufficient_info")
			})
			t.Run("96-97 full flow with tokens, then a token update", func(t *testing.T) {
				e := e.sub(t)
				tok := withPassword("s96")
				r := e.call("POST", "/api/verifications/social", tok, nil, map[string]any{"connectorId": "mock-social", "state": "st96", "redirectUri": "https://app.example.com/cb", "scope": "profile custom_scope"}).want(201)
				u, err := url.Parse(r.str("authorizationUri"))
				if err != nil {
					t.Fatal(err)
				}
				q := u.Query()
				if q.Get("state") != "st96" || q.Get("redirect_uri") != "https://app.example.com/cb" || q.Get("scope") != "profile custom_scope" {
					t.Fatalf("authorizationUri %s", u)
				}
				rec := r.str("verificationRecordId")
				e.call("POST", "/api/verifications/social/verify", tok, nil, map[string]any{"verificationRecordId": rec, "connectorData": map[string]any{
					"userId": "social-96", "email": "s96@social.example", "tokenResponse": map[string]any{"access_token": "at-1", "scope": "profile custom_scope", "token_type": "Bearer", "expires_in": 3600},
				}}).want(200)
				// The callback is used once.
				e.call("POST", "/api/verifications/social/verify", tok, nil, map[string]any{"verificationRecordId": rec, "connectorData": map[string]any{"userId": "social-96"}}).wantError(400, "verification_record.not_found")
				e.call("POST", "/api/my-account/identities", tok, e.pwRecord(tok, pw), map[string]any{"newIdentifierVerificationRecordId": rec}).want(204)
				ids := identities(tok)
				if ids["mock-social"].(map[string]any)["userId"] != "social-96" {
					t.Fatalf("identities: %v", ids)
				}
				stored, err := e.store.GetTokenSet(t.Context(), e.userOf(tok), "mock-social")
				if err != nil || stored.Scope != "profile custom_scope" {
					t.Fatalf("stored token set: %+v %v", stored, err)
				}
				at := e.call("GET", "/api/my-account/identities/mock-social/access-token", tok, nil, nil).want(200)
				if at.json["access_token"] != "at-1" || at.json["scope"] != "profile custom_scope" || at.json["expires_in"] != float64(3600) {
					t.Fatalf("access token: %s", at.raw)
				}
				newer := e.socialRecord(tok, "mock-social", map[string]any{"userId": "social-96", "tokenResponse": map[string]any{"access_token": "at-2", "scope": "profile"}})
				e.call("PUT", "/api/my-account/identities/other-social/access-token", tok, nil, map[string]any{"verificationRecordId": newer}).wantError(422, "verification_record.social_verification.invalid_target")
				e.call("PUT", "/api/my-account/identities/mock-social/access-token", tok, nil, map[string]any{"verificationRecordId": newer}).want(200)
				at = e.call("GET", "/api/my-account/identities/mock-social/access-token", tok, nil, nil).want(200)
				if at.json["access_token"] != "at-2" || at.json["scope"] != "profile" {
					t.Fatalf("updated token: %s", at.raw)
				}
				// 157: without identities, 403 auth.forbidden.
				e.call("GET", "/api/my-account/identities/mock-social/access-token", e.token(e.userOf(tok), "openid"), nil, nil).wantError(403, "auth.forbidden")
				noToken := e.socialRecord(tok, "mock-social", map[string]any{"userId": "social-96"})
				e.call("PUT", "/api/my-account/identities/mock-social/access-token", tok, nil, map[string]any{"verificationRecordId": noToken}).wantError(422, "verification_record.social_verification.token_response_not_found")
				foreign := e.socialRecord(tok, "mock-social", map[string]any{"userId": "someone-else", "tokenResponse": map[string]any{"access_token": "x"}})
				e.call("PUT", "/api/my-account/identities/mock-social/access-token", tok, nil, map[string]any{"verificationRecordId": foreign}).wantError(422, "user.identity_not_exists_in_current_user")
			})
			t.Run("expired tokens are refreshed, or dropped without a refresh token", func(t *testing.T) {
				e := e.sub(t)
				tok := withPassword("sexp")
				rec := e.socialRecord(tok, "mock-social", map[string]any{"userId": "social-exp", "tokenResponse": map[string]any{"access_token": "old", "refresh_token": "rt", "expires_in": 60}})
				e.call("POST", "/api/my-account/identities", tok, e.pwRecord(tok, pw), map[string]any{"newIdentifierVerificationRecordId": rec}).want(204)
				e.clock.Advance(2 * time.Minute)
				defer e.clock.Advance(-2 * time.Minute)
				if at := e.call("GET", "/api/my-account/identities/mock-social/access-token", tok, nil, nil).want(200); at.json["access_token"] != "refreshed-rt" {
					t.Fatalf("refresh: %s", at.raw)
				}
				tok2 := withPassword("sexp2")
				rec = e.socialRecord(tok2, "other-social", map[string]any{"userId": "social-exp2", "tokenResponse": map[string]any{"access_token": "old", "expires_in": 60}})
				e.call("POST", "/api/my-account/identities", tok2, e.pwRecord(tok2, pw), map[string]any{"newIdentifierVerificationRecordId": rec}).want(204)
				e.clock.Advance(2 * time.Minute)
				defer e.clock.Advance(-2 * time.Minute)
				e.call("GET", "/api/my-account/identities/other-social/access-token", tok2, nil, nil).wantError(401, "secrets.third_party_token_set.access_token_expired")
				e.call("GET", "/api/my-account/identities/other-social/access-token", tok2, nil, nil).wantError(404, "secrets.third_party_token_set.token_not_found")
			})
			t.Run("uniqueness of (target, social id)", func(t *testing.T) {
				e := e.sub(t)
				a, b := withPassword("suA"), withPassword("suB")
				link(a, e.pwRecord(a, pw), "shared-social").want(204)
				link(b, e.pwRecord(b, pw), "shared-social").wantError(422, "user.identity_already_in_use")
				link(a, e.pwRecord(a, pw), "second-for-a").wantError(422, "user.identity_already_in_use")
			})
			t.Run("98-101 DELETE checks, then a delete", func(t *testing.T) {
				e := e.sub(t)
				tok := withPassword("s98")
				def := e.token(e.userOf(tok), defaultScopes...)
				e.call("DELETE", "/api/my-account/identities/mock-social", def, e.pwRecord(def, pw), nil).wantError(400, "auth.unauthorized")
				e.call("DELETE", "/api/my-account/identities/mock-social", tok, vh("invalid"), nil).wantError(401, "verification_record.permission_denied")
				e.call("DELETE", "/api/my-account/identities/nothing", tok, e.pwRecord(tok, pw), nil).wantError(404, "user.identity_not_exist")
				rec := e.pwRecord(tok, pw)
				link(tok, rec, "social-101").want(204)
				e.call("DELETE", "/api/my-account/identities/mock-social", tok, rec, nil).want(204)
				if _, ok := identities(tok)["mock-social"]; ok {
					t.Fatal("identity still there")
				}
			})
			t.Run("102-104 last identifier, email kept, two identities", func(t *testing.T) {
				e := e.sub(t)
				tok := withPassword("s102")
				rec := e.pwRecord(tok, pw)
				link(tok, rec, "social-102").want(204)
				e.call("PATCH", "/api/my-account", tok, rec, map[string]any{"username": nil}).want(200)
				fr := e.do(req{method: "DELETE", path: "/api/my-account/identities/mock-social", token: tok, vh: rec, header: map[string]string{"Accept-Language": "fr"}}).wantError(400, "user.last_sign_in_method_required")
				if !strings.Contains(fr.str("message"), "au moins une méthode de connexion") {
					t.Fatalf("message %s", fr.str("message"))
				}
				other := e.socialRecord(tok, "other-social", map[string]any{"userId": "social-104"})
				e.call("POST", "/api/my-account/identities", tok, rec, map[string]any{"newIdentifierVerificationRecordId": other}).want(204)
				e.call("DELETE", "/api/my-account/identities/mock-social", tok, rec, nil).want(204)
				if ids := identities(tok); len(ids) != 1 || ids["other-social"] == nil {
					t.Fatalf("104: %v", ids)
				}
			})
			t.Run("105-108 PUT replaces", func(t *testing.T) {
				e := e.sub(t)
				tok := withPassword("s105")
				def := e.token(e.userOf(tok), defaultScopes...)
				e.call("PUT", "/api/my-account/identities", def, e.pwRecord(def, pw), map[string]any{"newIdentifierVerificationRecordId": "x"}).wantError(401, "auth.unauthorized")
				e.call("PUT", "/api/my-account/identities", tok, vh("invalid"), map[string]any{"newIdentifierVerificationRecordId": "x"}).wantError(401, "verification_record.permission_denied")
				e.call("PUT", "/api/my-account/identities", tok, e.pwRecord(tok, pw), map[string]any{"newIdentifierVerificationRecordId": "bogus"}).wantError(400, "verification_record.not_found")
				rec := e.pwRecord(tok, pw)
				// 108: PUT without an identity creates it.
				first := e.socialRecord(tok, "mock-social", map[string]any{"userId": "first-social-user-id", "tokenResponse": map[string]any{"access_token": "t1"}})
				e.call("PUT", "/api/my-account/identities", tok, rec, map[string]any{"newIdentifierVerificationRecordId": first}).want(204)
				e.call("GET", "/api/my-account/identities/mock-social/access-token", tok, nil, nil).want(200)
				// 106-107: another social user without a token replaces it and drops the old token.
				second := e.socialRecord(tok, "mock-social", map[string]any{"userId": "second-social-user-id"})
				e.call("PUT", "/api/my-account/identities", tok, rec, map[string]any{"newIdentifierVerificationRecordId": second}).want(204)
				if ids := identities(tok); ids["mock-social"].(map[string]any)["userId"] != "second-social-user-id" {
					t.Fatalf("106: %v", ids)
				}
				e.call("GET", "/api/my-account/identities/mock-social/access-token", tok, nil, nil).wantError(404, "secrets.third_party_token_set.token_not_found")
			})
			t.Run("109-115 the verification header is needed only with a security method", func(t *testing.T) {
				e := e.sub(t)
				tok := usernameOnly("s109")
				link(tok, nil, "social-109").want(204) // 109
				put := e.socialRecord(tok, "mock-social", map[string]any{"userId": "social-111"})
				e.call("PUT", "/api/my-account/identities", tok, nil, map[string]any{"newIdentifierVerificationRecordId": put}).want(204) // 111
				e.call("DELETE", "/api/my-account/identities/mock-social", tok, nil, nil).want(204)                                       // 113
				if r := e.call("GET", "/api/my-account", tok, nil, nil).want(200); r.json["username"] != "s109" {
					t.Fatalf("113: %s", r.raw)
				}
				pwTok := withPassword("s110")
				link(pwTok, nil, "social-110").wantError(401, "verification_record.permission_denied") // 110
				link(pwTok, e.pwRecord(pwTok, pw), "social-110").want(204)
				putRec := e.socialRecord(pwTok, "mock-social", map[string]any{"userId": "social-112"})
				e.call("PUT", "/api/my-account/identities", pwTok, nil, map[string]any{"newIdentifierVerificationRecordId": putRec}).wantError(401, "verification_record.permission_denied") // 112
				e.call("DELETE", "/api/my-account/identities/mock-social", pwTok, nil, nil).wantError(401, "verification_record.permission_denied")                                          // 114

				last := usernameOnly("s115")
				link(last, nil, "social-115").want(204)
				// The admin removes the username.
				if _, err := e.store.UpdateUser(t.Context(), e.userOf(last), func(u *account.User) error {
					u.Username, u.UsernameKey = "", ""
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				e.call("DELETE", "/api/my-account/identities/mock-social", last, nil, nil).wantError(400, "user.last_sign_in_method_required") // 115
			})
			t.Run("a connector error changes nothing", func(t *testing.T) {
				e := e.sub(t)
				tok := withPassword("serr")
				r := e.call("POST", "/api/verifications/social", tok, nil, map[string]any{"connectorId": "mock-social", "state": "s", "redirectUri": "https://app.example.com/cb"}).want(201)
				bad := e.call("POST", "/api/verifications/social/verify", tok, nil, map[string]any{"verificationRecordId": r.str("verificationRecordId"), "connectorData": map[string]any{"email": "no-id@example.com"}})
				if bad.status != 400 || !strings.HasPrefix(bad.json["code"].(string), "connector.") {
					t.Fatalf("missing userId: %d %s", bad.status, bad.raw)
				}
				e.call("POST", "/api/my-account/identities", tok, e.pwRecord(tok, pw), map[string]any{"newIdentifierVerificationRecordId": r.str("verificationRecordId")}).wantError(400, "verification_record.not_found")
				if ids := identities(tok); len(ids) != 0 {
					t.Fatalf("identities: %v", ids)
				}
			})
		})
	}
}
