package oauth_test

import (
	"log"

	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/oauth"
)

// A GitHub connector and a generic OpenID Connect one, ready for the
// service's Config.Connectors.
func ExampleNew() {
	github, err := oauth.New(oauth.GitHub("github-client-id", "github-client-secret"))
	if err != nil {
		log.Fatal(err)
	}
	google := oauth.Google("google-client-id", "google-client-secret")
	// Ask Google for a refresh token, so stored tokens can be refreshed.
	google.AuthParams = map[string]string{"access_type": "offline", "prompt": "consent"}
	googleConn, err := oauth.New(google)
	if err != nil {
		log.Fatal(err)
	}
	corp, err := oauth.New(oauth.Config{
		ID: "corp-sso", Target: "corp", ClientID: "my-app", ClientSecret: "…",
		Issuer: "https://login.corp.example",
	})
	if err != nil {
		log.Fatal(err)
	}
	connectors := []connector.Connector{github, googleConn, corp}
	_ = connectors
}
