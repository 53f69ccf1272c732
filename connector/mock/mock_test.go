package mock_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
)

var now = time.Date(2026, 8, 21, 12, 0, 0, 0, time.UTC)

func newMock() mock.Social {
	return mock.Social{IDValue: "mock-social", TargetValue: "mock-social", BaseURL: "http://localhost:3001", Now: func() time.Time { return now }}
}

// start runs AuthorizationURI and returns the session.
func start(t *testing.T, m mock.Social, scope string) (string, []byte) {
	t.Helper()
	uri, session, err := m.AuthorizationURI(context.Background(), connector.AuthorizationRequest{
		State: "st-1", RedirectURI: "http://app.example/callback", Scope: scope, RecordID: "rec-1",
	})
	if err != nil {
		t.Fatal(err)
	}
	return uri, session
}

func wantConnectorError(t *testing.T, err error, status int, code account.Code) {
	t.Helper()
	var apiErr *account.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want %d %s", err, status, code)
	}
	if apiErr.Status != status || apiErr.Code != code {
		t.Fatalf("err = %d %s, want %d %s", apiErr.Status, apiErr.Code, status, code)
	}
}

func TestIdentity(t *testing.T) {
	t.Parallel()
	var c connector.Connector = newMock()
	if _, ok := c.(connector.Social); !ok || c.Kind() != connector.KindSocial {
		t.Fatal("the mock is not a social connector")
	}
	if c.ID() != "mock-social" || c.Target() != "mock-social" {
		t.Fatalf("id %q target %q", c.ID(), c.Target())
	}
	zero := mock.Social{}
	if zero.ID() != "mock-social" || zero.Target() != "mock-social" {
		t.Fatal("the zero value should be mock-social")
	}
	custom := mock.Social{IDValue: "a", TargetValue: "b"}
	if custom.ID() != "a" || custom.Target() != "b" {
		t.Fatal("configured id and target are ignored")
	}
}

func TestAuthorizationURI(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, scope, wantScope string }{
		{"client scope", "profile custom_scope", "profile custom_scope"},
		{"default scope", "", mock.DefaultScope},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			uri, session := start(t, newMock(), tt.scope)
			u, err := url.Parse(uri)
			if err != nil {
				t.Fatal(err)
			}
			if u.Scheme+"://"+u.Host+u.Path != "http://localhost:3001/dev/social/authorize" {
				t.Fatalf("uri = %s", uri)
			}
			q := u.Query()
			if q.Get("state") != "st-1" || q.Get("redirect_uri") != "http://app.example/callback" || q.Get("scope") != tt.wantScope {
				t.Fatalf("query = %v", q)
			}
			if len(session) == 0 {
				t.Fatal("no session")
			}
		})
	}
	t.Run("trailing slash in BaseURL", func(t *testing.T) {
		t.Parallel()
		m := newMock()
		m.BaseURL = "http://localhost:3001/"
		uri, _ := start(t, m, "")
		if !strings.HasPrefix(uri, "http://localhost:3001/dev/social/authorize?") {
			t.Fatalf("uri = %s", uri)
		}
	})
}

func TestVerify(t *testing.T) {
	t.Parallel()
	m := newMock()
	_, session := start(t, m, "")

	t.Run("user only", func(t *testing.T) {
		t.Parallel()
		user, tokens, err := m.Verify(context.Background(), session, map[string]any{"userId": "social-1", "state": "st-1"})
		if err != nil {
			t.Fatal(err)
		}
		if user.ID != "social-1" || user.Email != "" || tokens != nil {
			t.Fatalf("user %+v tokens %+v", user, tokens)
		}
	})
	t.Run("user with profile and token response", func(t *testing.T) {
		t.Parallel()
		data := map[string]any{
			"userId": "social-2", "email": "a@example.com", "name": "Ann", "phone": "+15551234567", "avatar": "https://x/a.png",
			"code": "ignored",
			"tokenResponse": map[string]any{
				"access_token": "at-1", "refresh_token": "rt-1", "scope": "profile custom_scope",
				"token_type": "Bearer", "expires_in": float64(3600),
			},
		}
		user, tokens, err := m.Verify(context.Background(), session, data)
		if err != nil {
			t.Fatal(err)
		}
		if user.ID != "social-2" || user.Email != "a@example.com" || user.Name != "Ann" || user.Phone != "+15551234567" || user.Avatar != "https://x/a.png" {
			t.Fatalf("user = %+v", user)
		}
		want := connector.TokenSet{AccessToken: "at-1", RefreshToken: "rt-1", Scope: "profile custom_scope", TokenType: "Bearer", ExpiresAt: now.Add(time.Hour)}
		if tokens == nil || *tokens != want {
			t.Fatalf("tokens = %+v, want %+v", tokens, want)
		}
		// No token may end up among the identity's details.
		if _, ok := user.Raw["tokenResponse"]; ok {
			t.Fatal("Raw keeps the token response")
		}
		if _, ok := user.Raw["code"]; ok {
			t.Fatal("Raw keeps the code")
		}
		if user.Raw["email"] != "a@example.com" {
			t.Fatalf("Raw = %v", user.Raw)
		}
		if _, ok := data["tokenResponse"]; !ok {
			t.Fatal("Verify changed the caller's data")
		}
	})
	t.Run("expires_in as a string, as Azure sends it", func(t *testing.T) {
		t.Parallel()
		_, tokens, err := m.Verify(context.Background(), session, map[string]any{"userId": "u", "tokenResponse": map[string]any{"access_token": "a", "expires_in": "60"}})
		if err != nil || !tokens.ExpiresAt.Equal(now.Add(time.Minute)) {
			t.Fatalf("tokens %+v err %v", tokens, err)
		}
	})
	t.Run("data decoded with json.Number", func(t *testing.T) {
		t.Parallel()
		dec := json.NewDecoder(strings.NewReader(`{"userId":"u","tokenResponse":{"access_token":"a","expires_in":120}}`))
		dec.UseNumber()
		var data map[string]any
		if err := dec.Decode(&data); err != nil {
			t.Fatal(err)
		}
		_, tokens, err := m.Verify(context.Background(), session, data)
		if err != nil || !tokens.ExpiresAt.Equal(now.Add(2*time.Minute)) {
			t.Fatalf("tokens %+v err %v", tokens, err)
		}
	})
}

func TestVerifyErrors(t *testing.T) {
	t.Parallel()
	m := newMock()
	_, session := start(t, m, "")
	tests := []struct {
		name    string
		session []byte
		data    map[string]any
		status  int
		code    account.Code
	}{
		{"missing userId", session, map[string]any{"email": "a@example.com"}, 400, "connector.invalid_response"},
		{"empty userId", session, map[string]any{"userId": ""}, 400, "connector.invalid_response"},
		{"numeric userId", session, map[string]any{"userId": float64(12)}, 400, "connector.invalid_response"},
		{"non-string email", session, map[string]any{"userId": "u", "email": true}, 400, "connector.invalid_response"},
		{"token response not an object", session, map[string]any{"userId": "u", "tokenResponse": "at"}, 400, "connector.invalid_response"},
		{"non-string access token", session, map[string]any{"userId": "u", "tokenResponse": map[string]any{"access_token": 1.0}}, 400, "connector.invalid_response"},
		{"bad expires_in", session, map[string]any{"userId": "u", "tokenResponse": map[string]any{"expires_in": "soon"}}, 400, "connector.invalid_response"},
		{"negative expires_in", session, map[string]any{"userId": "u", "tokenResponse": map[string]any{"expires_in": -5.0}}, 400, "connector.invalid_response"},
		{"no session", nil, map[string]any{"userId": "u"}, 401, "connector.authorization_failed"},
		{"unreadable session", []byte("{"), map[string]any{"userId": "u"}, 401, "connector.authorization_failed"},
		{"state mismatch", session, map[string]any{"userId": "u", "state": "other"}, 401, "connector.authorization_failed"},
		{"nil data", session, nil, 400, "connector.invalid_response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			user, tokens, err := m.Verify(context.Background(), tt.session, tt.data)
			if user != nil || tokens != nil {
				t.Fatal("results alongside an error")
			}
			wantConnectorError(t, err, tt.status, tt.code)
		})
	}
}

func TestMessagesHoldNoToken(t *testing.T) {
	t.Parallel()
	m := newMock()
	_, session := start(t, m, "")
	_, _, err := m.Verify(context.Background(), session, map[string]any{"userId": "u", "tokenResponse": map[string]any{"access_token": "secret-at", "expires_in": "x"}})
	raw, _ := json.Marshal(err.(*account.Error).Data)
	if strings.Contains(string(raw), "secret-at") || err.(*account.Error).Status != http.StatusBadRequest {
		t.Fatalf("error data %s", raw)
	}
}

// Without a session (the Management API's flow), the mock gives the same
// URI and reads the same user; the state is the caller's to check.
func TestSessionless(t *testing.T) {
	m := newMock()
	ctx := context.Background()
	req := connector.AuthorizationRequest{State: "st-1", RedirectURI: "http://app.example/callback"}
	withSession, _, err := m.AuthorizationURI(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	uri, err := m.SessionlessAuthorizationURI(ctx, req)
	if err != nil || uri != withSession {
		t.Fatalf("sessionless URI %q, %v; want %q", uri, err, withSession)
	}
	user, tokens, err := m.VerifySessionless(ctx, map[string]any{
		"state": "any", "code": "c", "userId": "u-1", "email": "u@example.com",
		"tokenResponse": map[string]any{"access_token": "at", "expires_in": 60.0},
	})
	if err != nil {
		t.Fatal(err)
	}
	if user.ID != "u-1" || user.Email != "u@example.com" || user.Raw["state"] != "any" || user.Raw["tokenResponse"] != nil || user.Raw["code"] != nil {
		t.Fatalf("user: %+v", user)
	}
	if tokens == nil || tokens.AccessToken != "at" || !tokens.ExpiresAt.Equal(now.Add(time.Minute)) {
		t.Fatalf("tokens: %+v", tokens)
	}
	_, _, err = m.VerifySessionless(ctx, map[string]any{"code": "c"})
	wantConnectorError(t, err, http.StatusBadRequest, connector.CodeInvalidResponse)
}
