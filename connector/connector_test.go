package connector_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
)

func TestErrorCodesAndStatuses(t *testing.T) {
	t.Parallel()
	// Statuses as Logto's koa-connector-error-handler answers each code.
	tests := []struct {
		name   string
		err    *account.Error
		code   account.Code
		status int
	}{
		{"general", connector.ErrGeneral("m"), "connector.general", http.StatusBadRequest},
		{"invalid response", connector.ErrInvalidResponse("m"), "connector.invalid_response", http.StatusBadRequest},
		{"invalid request parameters", connector.ErrInvalidRequestParameters("m"), "connector.invalid_request_parameters", http.StatusBadRequest},
		{"insufficient request parameters", connector.ErrInsufficientRequestParameters("m"), "connector.insufficient_request_parameters", http.StatusBadRequest},
		{"invalid config", connector.ErrInvalidConfig("m"), "connector.invalid_config", http.StatusBadRequest},
		{"authorization failed", connector.ErrAuthorizationFailed("m"), "connector.authorization_failed", http.StatusUnauthorized},
		{"auth code invalid", connector.ErrSocialAuthCodeInvalid("m"), "connector.social_auth_code_invalid", http.StatusUnauthorized},
		{"access token invalid", connector.ErrSocialAccessTokenInvalid("m"), "connector.social_invalid_access_token", http.StatusUnauthorized},
		{"id token invalid", connector.ErrSocialIDTokenInvalid("m"), "connector.social_invalid_id_token", http.StatusUnauthorized},
		{"rate limit", connector.ErrRateLimitExceeded("m"), "connector.rate_limit_exceeded", http.StatusTooManyRequests},
		{"not implemented", connector.ErrNotImplemented("m"), "connector.not_implemented", http.StatusNotImplemented},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.err.Code != tt.code || tt.err.Status != tt.status {
				t.Fatalf("got %s %d, want %s %d", tt.err.Code, tt.err.Status, tt.code, tt.status)
			}
			data, ok := tt.err.Data.(map[string]any)
			if !ok || data["message"] != "m" {
				t.Fatalf("data = %#v, want message m", tt.err.Data)
			}
			var target error = account.NewError(tt.status, tt.code)
			if !errors.Is(tt.err, target) {
				t.Fatal("errors.Is does not match a sentinel of the same code and status")
			}
		})
	}
}

func TestErrGeneralCarriesErrorDescription(t *testing.T) {
	t.Parallel()
	// The message template of connector.general interpolates errorDescription.
	data := connector.ErrGeneral("token endpoint down").Data.(map[string]any)
	if data["errorDescription"] != "token endpoint down" {
		t.Fatalf("data = %#v", data)
	}
	if e := connector.ErrGeneral(""); e.Data != nil {
		t.Fatalf("empty message: data = %#v, want nil", e.Data)
	}
}

func TestConstructorsReturnFreshValues(t *testing.T) {
	t.Parallel()
	a, b := connector.ErrGeneral("a"), connector.ErrGeneral("b")
	if a == b || a.Data.(map[string]any)["message"] != "a" {
		t.Fatal("constructors share state")
	}
}

func TestTokenSetExpired(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 8, 21, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		expiresAt time.Time
		want      bool
	}{
		{"no expiry never expires", time.Time{}, false},
		{"future", now.Add(time.Second), false},
		{"at the instant", now, true},
		{"past", now.Add(-time.Hour), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := &connector.TokenSet{AccessToken: "x", ExpiresAt: tt.expiresAt}
			if got := ts.Expired(now); got != tt.want {
				t.Fatalf("Expired = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestJSONShapes(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	raw, err := json.Marshal(connector.TokenSet{AccessToken: "a", RefreshToken: "r", IDToken: "i", TokenType: "Bearer", Scope: "s", ExpiresAt: at})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"access_token":"a","refresh_token":"r","id_token":"i","token_type":"Bearer","scope":"s","expires_at":"2026-01-02T03:04:05Z"}`
	if string(raw) != want {
		t.Fatalf("token set JSON\n got %s\nwant %s", raw, want)
	}
	if raw, _ := json.Marshal(connector.TokenSet{AccessToken: "a"}); string(raw) != `{"access_token":"a"}` {
		t.Fatalf("empty fields are written: %s", raw)
	}
	raw, err = json.Marshal(connector.SocialUser{ID: "1", Email: "e@x.io", Phone: "+1", Name: "n", Avatar: "a", Raw: map[string]any{"k": "v"}})
	if err != nil {
		t.Fatal(err)
	}
	want = `{"id":"1","email":"e@x.io","phone":"+1","name":"n","avatar":"a","rawData":{"k":"v"}}`
	if string(raw) != want {
		t.Fatalf("social user JSON\n got %s\nwant %s", raw, want)
	}
	var back connector.TokenSet
	if err := json.Unmarshal([]byte(`{"access_token":"a","expires_at":"2026-01-02T03:04:05Z"}`), &back); err != nil || !back.ExpiresAt.Equal(at) {
		t.Fatalf("round trip: %v %v", back, err)
	}
}

func TestStatic(t *testing.T) {
	t.Parallel()
	var c connector.Connector = connector.Static{IDValue: "mock-email", TargetValue: "mock-email", KindValue: connector.KindEmail}
	if c.ID() != "mock-email" || c.Target() != "mock-email" || c.Kind() != connector.KindEmail {
		t.Fatalf("static = %s %s %s", c.ID(), c.Target(), c.Kind())
	}
	if _, ok := c.(connector.Social); ok {
		t.Fatal("a static connector must not pass as social")
	}
	// Kinds are Logto's ConnectorType strings.
	if connector.KindSocial != "Social" || connector.KindEmail != "Email" || connector.KindSMS != "Sms" {
		t.Fatal("kind strings differ from Logto's")
	}
}
