package httpadapter_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
)

// exchange posts form to the token exchange and returns the status and
// the decoded JSON answer.
func (e *env) exchange(form url.Values) (int, map[string]any) {
	e.t.Helper()
	r := httptest.NewRequest("POST", "/oauth/token", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.serveExchange(r)
}

func (e *env) serveExchange(r *http.Request) (int, map[string]any) {
	e.t.Helper()
	w := httptest.NewRecorder()
	httpadapter.TokenExchange(e.svc).ServeHTTP(w, r)
	if cc := w.Header().Get("Cache-Control"); cc != "no-store" {
		e.t.Errorf("Cache-Control %q, want no-store", cc)
	}
	var out map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		e.t.Fatalf("token exchange answered %d %q: %v", w.Code, w.Body.Bytes(), err)
	}
	return w.Code, out
}

// exchangeForm is a well-formed token exchange of subject.
func exchangeForm(subject string) url.Values {
	return url.Values{
		"grant_type":         {myaccount.GrantTypeTokenExchange},
		"subject_token":      {subject},
		"subject_token_type": {myaccount.TokenTypeAccessToken},
	}
}

// wantOAuthError checks a token exchange refusal (RFC 6749 §5.2).
func wantOAuthError(t *testing.T, status int, body map[string]any, code string) {
	t.Helper()
	if status != http.StatusBadRequest || body["error"] != code {
		t.Errorf("got %d %v, want 400 error %s", status, body, code)
	}
}

// subjectToken makes a subject token for userID through the AdminHandler
// of an administrator whose client is actor (no contract check: the
// env's own admin is a StaticToken without a client).
func (e *env) subjectToken(actor, userID string) string {
	e.t.Helper()
	h := mustHandler(e.t)(httpadapter.NewAdminHandler(e.svc, httpadapter.AuthenticatorFunc(func(*http.Request) (myaccount.Principal, error) {
		return myaccount.Principal{ClientID: actor, FirstParty: true}, nil
	})))
	body, _ := json.Marshal(map[string]any{"userId": userID, "context": map[string]any{"ticket": "T-1"}})
	r := httptest.NewRequest("POST", "/api/subject-tokens", strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var out myaccount.SubjectTokenView
	if w.Code != http.StatusCreated || json.Unmarshal(w.Body.Bytes(), &out) != nil {
		e.t.Fatalf("subject token: %d %s", w.Code, w.Body.Bytes())
	}
	return out.SubjectToken
}

// Issue 16, item 5: POST /api/subject-tokens makes a one-shot subject
// token; the token exchange trades it for an access token that acts as
// the user, marked as impersonated by the administrator's client.
func TestSubjectTokens(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		uid := e.user(myaccount.CreateUserInput{Username: "imp1", Password: "pass-word-1", PrimaryEmail: "imp1@example.com"})

		t.Run("create/answers a sub_ token for 600 seconds", func(t *testing.T) {
			e := e.sub(t)
			r := e.admin("POST", "/api/subject-tokens", map[string]any{"userId": uid, "context": map[string]any{"reason": "support"}}).want(201)
			if v := r.str("subjectToken"); !strings.HasPrefix(v, "sub_") || len(v) != 47 {
				t.Errorf("subjectToken %q", v)
			}
			if r.json["expiresIn"] != float64(600) {
				t.Errorf("expiresIn: %s", r.raw)
			}
			// The store keeps a digest: the token is no record's id.
			if _, err := e.store.GetRecord(t.Context(), r.str("subjectToken")); err == nil {
				t.Error("the token is stored in clear")
			}
			e.admin("POST", "/api/subject-tokens", map[string]any{"userId": uid}).want(201)
		})

		t.Run("create/refusals", func(t *testing.T) {
			e := e.sub(t)
			e.admin("POST", "/api/subject-tokens", map[string]any{"userId": "nobody"}).wantError(404, "entity.not_found")
			e.admin("POST", "/api/subject-tokens", map[string]any{}).wantError(400, "guard.invalid_input")
			e.admin("POST", "/api/subject-tokens", map[string]any{"userId": uid, "context": "text"}).wantError(400, "guard.invalid_input")
			e.call("POST", "/api/subject-tokens", e.token(uid), nil, map[string]any{"userId": uid}).wantError(401, "auth.unauthorized")
		})

		t.Run("exchange/issues a bearer token the Account API accepts, once", func(t *testing.T) {
			e := e.sub(t)
			sub := e.subjectToken("support-console", uid)
			status, out := e.exchange(exchangeForm(sub))
			if status != 200 || out["token_type"] != "Bearer" || out["issued_token_type"] != myaccount.TokenTypeAccessToken ||
				out["expires_in"] != float64(3600) {
				t.Fatalf("exchange: %d %v", status, out)
			}
			tok, _ := out["access_token"].(string)
			if !strings.HasPrefix(tok, myaccount.ImpersonationTokenPrefix) {
				t.Fatalf("access_token %q", tok)
			}
			if got := e.call("GET", "/api/my-account", tok, nil, nil).want(200).str("id"); got != uid {
				t.Errorf("acts for %q, want %q", got, uid)
			}
			p, err := e.svc.AuthenticateImpersonationToken(t.Context(), tok)
			if err != nil || !p.Impersonated || p.ActorClientID != "support-console" || p.UserID != uid ||
				p.ClientID != myaccount.ImpersonationClientID || !p.FirstParty {
				t.Errorf("principal %+v, %v", p, err)
			}
			status, out = e.exchange(exchangeForm(sub))
			wantOAuthError(t, status, out, "invalid_grant")

			// Logto's own token type is accepted too.
			form := exchangeForm(e.subjectToken("support-console", uid))
			form.Set("subject_token_type", myaccount.TokenTypeImpersonationToken)
			if status, out := e.exchange(form); status != 200 {
				t.Errorf("impersonation_token type: %d %v", status, out)
			}

			e.clock.Advance(time.Hour)
			e.call("GET", "/api/my-account", tok, nil, nil).wantError(401, "auth.unauthorized")
		})

		t.Run("exchange/refusals", func(t *testing.T) {
			e := e.sub(t)
			sub := e.subjectToken("support-console", uid)
			cases := []struct {
				name string
				form url.Values
				code string
			}{
				{"no grant_type", url.Values{"subject_token": {sub}, "subject_token_type": {myaccount.TokenTypeAccessToken}}, "invalid_request"},
				{"another grant", url.Values{"grant_type": {"client_credentials"}}, "unsupported_grant_type"},
				{"no subject_token", url.Values{"grant_type": {myaccount.GrantTypeTokenExchange}, "subject_token_type": {myaccount.TokenTypeAccessToken}}, "invalid_request"},
				{"no subject_token_type", url.Values{"grant_type": {myaccount.GrantTypeTokenExchange}, "subject_token": {sub}}, "invalid_request"},
				{"another token type", url.Values{"grant_type": {myaccount.GrantTypeTokenExchange}, "subject_token": {sub}, "subject_token_type": {"urn:ietf:params:oauth:token-type:id_token"}}, "invalid_request"},
				{"repeated parameter", url.Values{"grant_type": {myaccount.GrantTypeTokenExchange, myaccount.GrantTypeTokenExchange}, "subject_token": {sub}, "subject_token_type": {myaccount.TokenTypeAccessToken}}, "invalid_request"},
				{"forged token", exchangeForm("sub_" + strings.Repeat("A", 43)), "invalid_grant"},
				{"not a subject token", exchangeForm("pat_" + strings.Repeat("A", 43)), "invalid_grant"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					status, out := e.exchange(c.form)
					wantOAuthError(t, status, out, c.code)
				})
			}
			r := httptest.NewRequest("POST", "/oauth/token", strings.NewReader(`{"grant_type":"x"}`))
			r.Header.Set("Content-Type", "application/json")
			status, out := e.serveExchange(r)
			wantOAuthError(t, status, out, "invalid_request")
			if status, _ := e.serveExchange(httptest.NewRequest("GET", "/oauth/token", nil)); status != http.StatusMethodNotAllowed {
				t.Errorf("GET: %d", status)
			}
			// None of these used the token up.
			if status, out := e.exchange(exchangeForm(sub)); status != 200 {
				t.Errorf("after refusals: %d %v", status, out)
			}
		})

		t.Run("exchange/expired subject token and suspended user", func(t *testing.T) {
			e := e.sub(t)
			sub := e.subjectToken("support-console", uid)
			e.clock.Advance(myaccount.SubjectTokenTTL)
			status, out := e.exchange(exchangeForm(sub))
			wantOAuthError(t, status, out, "invalid_grant")

			other := e.user(myaccount.CreateUserInput{Username: "impsuspended"})
			sub = e.subjectToken("support-console", other)
			e.admin("PATCH", "/api/users/"+other+"/is-suspended", map[string]any{"isSuspended": true}).want(200)
			status, out = e.exchange(exchangeForm(sub))
			wantOAuthError(t, status, out, "invalid_grant")

			// An access token already issued stops working with its user.
			later := e.user(myaccount.CreateUserInput{Username: "impsuspendedlater"})
			_, out = e.exchange(exchangeForm(e.subjectToken("support-console", later)))
			tok := out["access_token"].(string)
			e.call("GET", "/api/my-account", tok, nil, nil).want(200)
			e.admin("PATCH", "/api/users/"+later+"/is-suspended", map[string]any{"isSuspended": true}).want(200)
			e.call("GET", "/api/my-account", tok, nil, nil).wantError(401, "user.suspended")
			e.admin("DELETE", "/api/users/"+later, nil).want(204)
			e.call("GET", "/api/my-account", tok, nil, nil).wantError(401, "auth.unauthorized")
		})

		t.Run("exchange/one of concurrent exchanges wins", func(t *testing.T) {
			e := e.sub(t)
			sub := e.subjectToken("support-console", uid)
			const n = 8
			var wg sync.WaitGroup
			var mu sync.Mutex
			won := 0
			for range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := e.svc.ExchangeSubjectToken(t.Context(), myaccount.TokenExchangeInput{
						GrantType: myaccount.GrantTypeTokenExchange, SubjectToken: sub, SubjectTokenType: myaccount.TokenTypeAccessToken,
					}); err == nil {
						mu.Lock()
						won++
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if won != 1 {
				t.Errorf("%d exchanges won, want 1", won)
			}
		})

		t.Run("impersonated session/may change the profile, not credentials", func(t *testing.T) {
			e := e.sub(t)
			_, out := e.exchange(exchangeForm(e.subjectToken("support-console", uid)))
			tok := out["access_token"].(string)
			// The password record of the user's own session proves nothing
			// for the impersonated one, and it may make none itself.
			own := e.token(uid, myaccount.DefaultAccessTokenScopes...)
			rec := e.pwRecord(own, "pass-word-1")

			e.call("GET", "/api/my-account", tok, nil, nil).want(200)
			e.call("GET", "/api/my-account/mfa-verifications", tok, nil, nil).want(200)
			before := len(e.eventsOf(myaccount.EventUserDataUpdated))
			e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": "Helped"}).want(200)
			e.call("PATCH", "/api/my-account/profile", tok, nil, map[string]any{"givenName": "Ann"}).want(200)
			evs := e.eventsOf(myaccount.EventUserDataUpdated)[before:]
			if len(evs) != 2 || evs[0].ActorClientID != "support-console" || evs[1].ActorClientID != "support-console" {
				t.Errorf("events %+v: want 2 by support-console", evs)
			}

			refused := []struct {
				method, path string
				body         any
			}{
				{"PATCH", "/api/my-account", map[string]any{"username": "takenover"}},
				{"POST", "/api/my-account/password", map[string]any{"password": "new-pass-word-2"}},
				{"POST", "/api/verifications/password", map[string]any{"password": "pass-word-1"}},
				{"POST", "/api/verifications/verification-code", map[string]any{"identifier": map[string]any{"type": "email", "value": "imp1@example.com"}}},
				{"POST", "/api/my-account/primary-email", map[string]any{"email": "new@example.com", "newIdentifierVerificationRecordId": "x"}},
				{"DELETE", "/api/my-account/primary-email", nil},
				{"POST", "/api/my-account/mfa-verifications/totp-secret/generate", nil},
				{"POST", "/api/my-account/mfa-verifications/backup-codes/generate", nil},
				{"GET", "/api/my-account/mfa-verifications/backup-codes", nil},
				{"DELETE", "/api/my-account/identities/google", nil},
				{"DELETE", "/api/my-account", nil},
			}
			for _, c := range refused {
				t.Run(c.method+" "+c.path, func(t *testing.T) {
					e.sub(t).call(c.method, c.path, tok, rec, c.body).wantError(403, "auth.forbidden")
				})
			}
			// The user's own session still may.
			e.call("PATCH", "/api/my-account", own, rec, map[string]any{"username": "imp1renamed"}).want(200)
		})

		t.Run("events record the administrator's client", func(t *testing.T) {
			e := e.sub(t)
			e.exchange(exchangeForm(e.subjectToken("ops-console", uid)))
			made := e.eventsOf(myaccount.EventSubjectTokenCreated)
			started := e.eventsOf(myaccount.EventImpersonationStarted)
			if len(made) == 0 || made[len(made)-1].ActorClientID != "ops-console" || made[len(made)-1].UserID != uid {
				t.Errorf("SubjectToken.Created: %+v", made)
			}
			if len(started) == 0 || started[len(started)-1].ActorClientID != "ops-console" || started[len(started)-1].UserID != uid {
				t.Errorf("Impersonation.Started: %+v", started)
			}
		})
	})
}
