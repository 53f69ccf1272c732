package myaccount_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// POST /api/connectors/:connectorId/authorization-uri: the connector's
// URL for the caller's state and redirect URI, nothing kept; Logto's
// refusals in its order.
func TestConnectorAuthorizationURI(t *testing.T) {
	ctx := context.Background()
	e, _ := newAdminEnv(t, withAdminConnectors)
	in := myaccount.AuthorizationURIInput{State: "st-1", RedirectURI: "https://app.example.com/cb"}

	v, err := e.svc.Admin.ConnectorAuthorizationURI(ctx, "github", in)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(v.RedirectTo)
	if err != nil || u.Host != "app.example.com" || u.Path != "/dev/social/authorize" ||
		u.Query().Get("state") != "st-1" || u.Query().Get("redirect_uri") != in.RedirectURI {
		t.Fatalf("redirectTo: %q", v.RedirectTo)
	}
	// The flow finishes at POST /api/users/:userId/identities with the
	// callback data, and no session.
	id := e.user(myaccount.CreateUserInput{Username: "authz1"})
	ids, err := e.svc.Admin.LinkIdentity(ctx, id, myaccount.AdminLinkIdentityInput{ConnectorID: "github", ConnectorData: map[string]any{"state": "st-1", "redirectUri": in.RedirectURI, "userId": "gh-authz"}})
	if err != nil || ids["github"].UserID != "gh-authz" {
		t.Fatalf("linked: %+v, %v", ids, err)
	}

	for _, c := range []struct {
		name, connector string
		in              myaccount.AuthorizationURIInput
		status          int
		code            account.Code
	}{
		{"no state", "github", myaccount.AuthorizationURIInput{RedirectURI: "https://app.example.com/cb"}, 400, account.CodeInsufficientInfo},
		{"no redirect URI", "github", myaccount.AuthorizationURIInput{State: "st"}, 400, account.CodeInsufficientInfo},
		{"no state, unknown connector", "nope", myaccount.AuthorizationURIInput{}, 400, account.CodeInsufficientInfo},
		{"a state not UTF-8", "github", myaccount.AuthorizationURIInput{State: "\xff", RedirectURI: "x"}, 400, account.CodeGuardInvalidInput},
		{"an unknown connector", "nope", in, 404, account.CodeEntityNotFound},
		{"an email connector", "mail", in, 400, account.CodeConnectorUnexpectedType},
		{"a connector that needs its session", "bound", in, 501, account.CodeConnectorNotImplemented},
	} {
		_, err := e.svc.Admin.ConnectorAuthorizationURI(ctx, c.connector, c.in)
		wantCode(t, c.name, err, c.status, c.code)
	}
}
