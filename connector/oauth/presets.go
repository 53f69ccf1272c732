package oauth

import (
	"golang.org/x/oauth2"

	"github.com/myaccount-go/myaccount/connector"
)

// Google returns the Config of Google sign-in (OpenID Connect at
// https://accounts.google.com), with id and target "google". Google gives
// a refresh token only when asked: set AuthParams access_type=offline
// (and prompt=consent) for token refresh.
func Google(clientID, clientSecret string) Config {
	return Config{
		ID:           "google",
		Target:       "google",
		ClientID:     clientID,
		ClientSecret: clientSecret,
		AuthStyle:    oauth2.AuthStyleInParams, // Google's documented form
		Issuer:       "https://accounts.google.com",
		Scopes:       []string{"openid", "profile", "email"},
		Display:      connector.Display{Name: map[string]string{"en": "Google"}},
	}
}

// GitHub returns the Config of GitHub sign-in (an OAuth app; GitHub has no
// ID tokens), with id and target "github". The user comes from
// https://api.github.com/user: a numeric id, the public email, name and
// avatar_url. The scope is read:user; a user whose email is private signs
// in without one.
func GitHub(clientID, clientSecret string) Config {
	return Config{
		ID:           "github",
		Target:       "github",
		ClientID:     clientID,
		ClientSecret: clientSecret,
		AuthStyle:    oauth2.AuthStyleInParams, // GitHub's documented form
		AuthURL:      "https://github.com/login/oauth/authorize",
		TokenURL:     "https://github.com/login/oauth/access_token",
		UserInfoURL:  "https://api.github.com/user",
		Scopes:       []string{"read:user"},
		Mapping:      DefaultOAuthMapping,
		Display:      connector.Display{Name: map[string]string{"en": "GitHub"}},
	}
}
