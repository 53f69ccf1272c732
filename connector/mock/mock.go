// Package mock is a fake social connector for development and tests, the
// counterpart of Logto's mock social connector
// (packages/connectors/connector-mock-social). It talks to no provider:
// its authorization URI points at a page the app serves (the example
// server's /dev/social/authorize), and Verify takes the social user from
// the callback data itself, so a developer can be any social user.
//
// Never register it in production: anyone can claim any social identity
// through it.
package mock

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/myaccount-go/myaccount/connector"
)

// DefaultScope is asked for when the client names none, as in Logto's mock.
const DefaultScope = "email profile"

// Social is the mock social connector. The zero value works: id and target
// "mock-social", an authorization URI relative to the app's own origin.
type Social struct {
	// IDValue and TargetValue default to "mock-social".
	IDValue     string
	TargetValue string
	// BaseURL is the app's origin ("http://localhost:3001"); the
	// authorization URI is BaseURL + "/dev/social/authorize?...".
	BaseURL string
	// Now is the clock for tokenResponse.expires_in. Default time.Now.
	Now func() time.Time
}

var _ connector.Sessionless = Social{}

// ID returns IDValue, or "mock-social".
func (m Social) ID() string { return orDefault(m.IDValue) }

// Target returns TargetValue, or "mock-social".
func (m Social) Target() string { return orDefault(m.TargetValue) }

// Kind returns connector.KindSocial.
func (m Social) Kind() connector.Kind { return connector.KindSocial }

// Display names the mock "Mock social" on every page.
func (m Social) Display() connector.Display {
	return connector.Display{Name: map[string]string{"en": "Mock social"}, Platform: connector.PlatformWeb}
}

func orDefault(v string) string {
	if v == "" {
		return "mock-social"
	}
	return v
}

// session is what the mock needs back at Verify.
type session struct {
	State       string `json:"state"`
	RedirectURI string `json:"redirectUri"`
}

// AuthorizationURI returns BaseURL + "/dev/social/authorize" with state,
// redirect_uri and scope (req.Scope, else DefaultScope) in the query.
func (m Social) AuthorizationURI(_ context.Context, req connector.AuthorizationRequest) (string, []byte, error) {
	scope := req.Scope
	if scope == "" {
		scope = DefaultScope
	}
	q := url.Values{"state": {req.State}, "redirect_uri": {req.RedirectURI}, "scope": {scope}}
	uri := strings.TrimSuffix(m.BaseURL, "/") + "/dev/social/authorize?" + q.Encode()
	raw, err := json.Marshal(session{State: req.State, RedirectURI: req.RedirectURI})
	if err != nil {
		return "", nil, fmt.Errorf("mock: encode session: %w", err)
	}
	return uri, raw, nil
}

// Verify returns the social user the data names:
//
//	{"userId": "...", "email"?, "phone"?, "name"?, "avatar"?,
//	 "tokenResponse"?: {"access_token"?, "refresh_token"?, "id_token"?,
//	                    "token_type"?, "scope"?, "expires_in"?}}
//
// and the token set when tokenResponse is given. A missing session is 401
// connector.authorization_failed, as in Logto's mock; a state other than
// the session's too. A missing or non-string userId, or a field of the
// wrong type, is 400 connector.invalid_response: Logto's mock answers data
// that fails its guard so. (Logto's mock makes up an id when there is
// none; here a developer names the user, so a missing one is a mistake.)
// The user's Raw is the data without tokenResponse, so no token ends up
// among the identity's details.
func (m Social) Verify(_ context.Context, rawSession []byte, data map[string]any) (*connector.SocialUser, *connector.TokenSet, error) {
	var s session
	if len(rawSession) == 0 || json.Unmarshal(rawSession, &s) != nil {
		return nil, nil, connector.ErrAuthorizationFailed("the connector session is missing")
	}
	if v, ok := data["state"]; ok && v != nil {
		if got, isString := v.(string); !isString || got != s.State {
			return nil, nil, connector.ErrAuthorizationFailed("the state does not match the authorization request")
		}
	}
	return m.user(data)
}

// SessionlessAuthorizationURI returns the URI AuthorizationURI does, and
// keeps nothing.
func (m Social) SessionlessAuthorizationURI(ctx context.Context, req connector.AuthorizationRequest) (string, error) {
	uri, _, err := m.AuthorizationURI(ctx, req)
	return uri, err
}

// VerifySessionless returns the social user the data names, as Verify
// does, without a session to check the state against: the caller that
// asked for the authorization URI checks it.
func (m Social) VerifySessionless(_ context.Context, data map[string]any) (*connector.SocialUser, *connector.TokenSet, error) {
	return m.user(data)
}

// user reads the social user and its token set from the callback data.
func (m Social) user(data map[string]any) (*connector.SocialUser, *connector.TokenSet, error) {
	id, ok := data["userId"].(string)
	if !ok || id == "" {
		return nil, nil, connector.ErrInvalidResponse("userId must be a non-empty string")
	}
	user := &connector.SocialUser{ID: id}
	for _, f := range []field{{"email", &user.Email}, {"phone", &user.Phone}, {"name", &user.Name}, {"avatar", &user.Avatar}} {
		key, dst := f.key, f.dst
		v, present := data[key]
		if !present || v == nil {
			continue
		}
		str, isString := v.(string)
		if !isString {
			return nil, nil, connector.ErrInvalidResponse(key + " must be a string")
		}
		*dst = str
	}
	var tokens *connector.TokenSet
	if v, present := data["tokenResponse"]; present && v != nil {
		var err error
		if tokens, err = m.tokenSet(v); err != nil {
			return nil, nil, err
		}
	}
	user.Raw = maps.Clone(data)
	delete(user.Raw, "tokenResponse")
	delete(user.Raw, "code")
	return user, tokens, nil
}

// field is an optional string field of the data and where it goes; a
// slice of them keeps the first error the same from run to run.
type field struct {
	key string
	dst *string
}

// tokenSet reads tokenResponse, Logto's tokenResponseGuard: every field
// optional, expires_in a number or a numeric string.
func (m Social) tokenSet(v any) (*connector.TokenSet, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, connector.ErrInvalidResponse("tokenResponse must be an object")
	}
	ts := &connector.TokenSet{}
	for _, fd := range []field{
		{"access_token", &ts.AccessToken}, {"refresh_token", &ts.RefreshToken}, {"id_token", &ts.IDToken},
		{"token_type", &ts.TokenType}, {"scope", &ts.Scope},
	} {
		key, dst := fd.key, fd.dst
		f, present := obj[key]
		if !present || f == nil {
			continue
		}
		str, isString := f.(string)
		if !isString {
			return nil, connector.ErrInvalidResponse("tokenResponse." + key + " must be a string")
		}
		*dst = str
	}
	secs, err := expiresIn(obj["expires_in"])
	if err != nil {
		return nil, err
	}
	if secs > 0 {
		now := time.Now
		if m.Now != nil {
			now = m.Now
		}
		ts.ExpiresAt = now().Add(time.Duration(secs) * time.Second)
	}
	return ts, nil
}

// expiresIn reads expires_in: absent, a number, or a numeric string.
func expiresIn(v any) (int64, error) {
	bad := connector.ErrInvalidResponse("tokenResponse.expires_in must be a number of seconds")
	var secs float64
	switch x := v.(type) {
	case nil:
		return 0, nil
	case float64:
		secs = x
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return 0, bad
		}
		secs = f
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 0, bad
		}
		secs = f
	default:
		return 0, bad
	}
	if math.IsNaN(secs) || secs < 0 || secs > math.MaxInt32 {
		return 0, bad
	}
	return int64(secs), nil
}
