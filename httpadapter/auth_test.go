package httpadapter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// requireAPIError fails unless err is an *account.Error with status and code.
func requireAPIError(t *testing.T, err error, status int, code account.Code) *account.Error {
	t.Helper()
	var apiErr *account.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("error = %v, want %d %s", err, status, code)
	}
	if apiErr.Status != status || apiErr.Code != code {
		t.Fatalf("error = %d %s, want %d %s", apiErr.Status, apiErr.Code, status, code)
	}
	return apiErr
}

func TestBearer(t *testing.T) {
	t.Parallel()
	alice := myaccount.Principal{UserID: "alice", Scopes: []string{"openid", "profile"}, ClientID: "app", FirstParty: true}
	unavailable := account.NewError(http.StatusServiceUnavailable, account.CodeServiceUnavailable)
	tests := []struct {
		name       string
		header     []string // Authorization values; nil: none
		verify     func(string) (myaccount.Principal, error)
		wantStatus int
		wantCode   account.Code
		wantCalled bool
	}{
		{name: "no authorization header", wantStatus: 401, wantCode: account.CodeAuthorizationHeaderMissing},
		{name: "empty authorization header", header: []string{""}, wantStatus: 401, wantCode: account.CodeAuthorizationHeaderMissing},
		{name: "basic scheme", header: []string{"Basic dXNlcjpwYXNz"}, wantStatus: 401, wantCode: account.CodeAuthorizationTokenTypeNotSupported},
		{name: "scheme glued to token", header: []string{"Bearertoken"}, wantStatus: 401, wantCode: account.CodeAuthorizationTokenTypeNotSupported},
		{name: "bearer without token", header: []string{"Bearer"}, wantStatus: 401, wantCode: account.CodeUnauthorized},
		{name: "bearer with blank token", header: []string{"Bearer   "}, wantStatus: 401, wantCode: account.CodeUnauthorized},
		{
			name: "verifier rejects the token", header: []string{"Bearer tok"}, wantCalled: true,
			verify:     func(string) (myaccount.Principal, error) { return myaccount.Principal{}, errors.New("bad signature") },
			wantStatus: 401, wantCode: account.CodeUnauthorized,
		},
		{
			name: "verifier account error passes through", header: []string{"Bearer tok"}, wantCalled: true,
			verify: func(string) (myaccount.Principal, error) {
				return myaccount.Principal{}, fmt.Errorf("down: %w", unavailable)
			},
			wantStatus: 503, wantCode: account.CodeServiceUnavailable,
		},
		{
			name: "token without subject", header: []string{"Bearer tok"}, wantCalled: true,
			verify:     func(string) (myaccount.Principal, error) { return myaccount.Principal{Scopes: []string{"openid"}}, nil },
			wantStatus: 401, wantCode: account.CodeUnauthorized,
		},
		{
			name: "subject is checked before openid", header: []string{"Bearer tok"}, wantCalled: true,
			verify: func(string) (myaccount.Principal, error) {
				return myaccount.Principal{Scopes: []string{"profile"}}, nil
			},
			wantStatus: 401, wantCode: account.CodeUnauthorized,
		},
		{
			name: "scopes without openid", header: []string{"Bearer tok"}, wantCalled: true,
			verify: func(string) (myaccount.Principal, error) {
				return myaccount.Principal{UserID: "u", Scopes: []string{"profile"}}, nil
			},
			wantStatus: 403, wantCode: account.CodeForbidden,
		},
		{
			name: "valid token", header: []string{"Bearer tok"}, wantCalled: true,
			verify: func(string) (myaccount.Principal, error) { return alice, nil },
		},
		{
			name: "scheme in lower case", header: []string{"bearer tok"}, wantCalled: true,
			verify: func(string) (myaccount.Principal, error) { return alice, nil },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var called bool
			var gotToken string
			auth := Bearer(TokenVerifierFunc(func(_ context.Context, token string) (myaccount.Principal, error) {
				called, gotToken = true, token
				return tt.verify(token)
			}))
			r := httptest.NewRequest(http.MethodGet, "/api/my-account", nil)
			for _, h := range tt.header {
				r.Header.Add("Authorization", h)
			}
			p, err := auth.Authenticate(r)
			if called != tt.wantCalled {
				t.Errorf("verifier called = %v, want %v", called, tt.wantCalled)
			}
			if called && gotToken != "tok" {
				t.Errorf("verifier got token %q, want %q", gotToken, "tok")
			}
			if tt.wantCode != "" {
				requireAPIError(t, err, tt.wantStatus, tt.wantCode)
				return
			}
			if err != nil {
				t.Fatalf("Authenticate: %v", err)
			}
			if !reflect.DeepEqual(p, alice) {
				t.Errorf("principal = %+v, want %+v", p, alice)
			}
		})
	}
}

func TestBearerTokenTypeData(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest(http.MethodGet, "/api/my-account", nil)
	r.Header.Set("Authorization", "Basic x")
	_, err := Bearer(TokenVerifierFunc(nil)).Authenticate(r)
	apiErr := requireAPIError(t, err, 401, account.CodeAuthorizationTokenTypeNotSupported)
	want := map[string]any{"supportedTypes": []string{"Bearer"}}
	if !reflect.DeepEqual(apiErr.Data, want) {
		t.Errorf("data = %#v, want %#v", apiErr.Data, want)
	}
}

func TestBearerClientGone(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequest(http.MethodGet, "/api/my-account", nil).WithContext(ctx)
	r.Header.Set("Authorization", "Bearer tok")
	_, err := Bearer(TokenVerifierFunc(func(ctx context.Context, _ string) (myaccount.Principal, error) {
		return myaccount.Principal{}, ctx.Err()
	})).Authenticate(r)
	// The renderer drops context.Canceled instead of answering a 401.
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

func TestAuthenticatorFunc(t *testing.T) {
	t.Parallel()
	want := myaccount.Principal{UserID: "u1", Scopes: []string{"openid"}, FirstParty: true}
	var a Authenticator = AuthenticatorFunc(func(r *http.Request) (myaccount.Principal, error) {
		if c, err := r.Cookie("session"); err != nil || c.Value != "s1" {
			return myaccount.Principal{}, account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
		}
		return want, nil
	})
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	_, err := a.Authenticate(r)
	requireAPIError(t, err, 401, account.CodeUnauthorized)
	r.AddCookie(&http.Cookie{Name: "session", Value: "s1"})
	got, err := a.Authenticate(r)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Authenticate = %+v, %v", got, err)
	}
}

func TestFirstPartyCheck(t *testing.T) {
	t.Parallel()
	onlyApp := func(id string) bool { return id == "fn-app" }
	tests := []struct {
		name     string
		fn       func(string) bool
		clients  []string
		clientID string
		want     bool
	}{
		{"neither set: any client", nil, nil, "whatever", true},
		{"neither set: no client id", nil, nil, "", true},
		{"listed client", nil, []string{"a", "b"}, "b", true},
		{"unlisted client", nil, []string{"a", "b"}, "c", false},
		{"list set, no client id fails closed", nil, []string{"a"}, "", false},
		{"func decides", onlyApp, nil, "fn-app", true},
		{"func refuses", onlyApp, nil, "a", false},
		{"func wins over list", onlyApp, []string{"a"}, "a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := firstPartyCheck(tt.fn, tt.clients)(tt.clientID); got != tt.want {
				t.Errorf("firstParty(%q) = %v, want %v", tt.clientID, got, tt.want)
			}
		})
	}
	t.Run("list is copied", func(t *testing.T) {
		t.Parallel()
		clients := []string{"a"}
		check := firstPartyCheck(nil, clients)
		clients[0] = "evil"
		if !check("a") || check("evil") {
			t.Error("the check follows the caller's slice")
		}
	})
}

func TestParseScopes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		claim   any
		want    []string
		wantErr bool
	}{
		{"absent", nil, nil, false},
		{"space separated", "openid  profile email", []string{"openid", "profile", "email"}, false},
		{"empty string", "", []string{}, false},
		{"json array", []any{"openid", "profile"}, []string{"openid", "profile"}, false},
		{"string slice", []string{"openid"}, []string{"openid"}, false},
		{"array with a number", []any{"openid", 1.0}, nil, true},
		{"number", 42.0, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseScopes(tt.claim)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if len(got) != len(tt.want) || (len(got) > 0 && !reflect.DeepEqual(got, tt.want)) {
				t.Errorf("scopes = %q, want %q", got, tt.want)
			}
		})
	}
}
