package httpadapter_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
)

// withAdminConnectors registers the connectors of the administrator's
// connector routes: the mock as "github" (sessionless), a social connector
// that needs its session, and an email connector.
func withAdminConnectors(c *myaccount.Config) {
	c.Connectors = []connector.Connector{
		mock.Social{IDValue: "github", TargetValue: "github", BaseURL: "https://app.example.com"},
		sessionBound{mock.Social{IDValue: "bound", TargetValue: "bound"}},
		connector.Static{IDValue: "mail", TargetValue: "mail", KindValue: connector.KindEmail},
	}
}

// sessionBound is a social connector that is not connector.Sessionless.
type sessionBound struct{ m mock.Social }

func (b sessionBound) ID() string           { return b.m.ID() }
func (b sessionBound) Target() string       { return b.m.Target() }
func (b sessionBound) Kind() connector.Kind { return b.m.Kind() }
func (b sessionBound) AuthorizationURI(ctx context.Context, req connector.AuthorizationRequest) (string, []byte, error) {
	return b.m.AuthorizationURI(ctx, req)
}
func (b sessionBound) Verify(ctx context.Context, session []byte, data map[string]any) (*connector.SocialUser, *connector.TokenSet, error) {
	return b.m.Verify(ctx, session, data)
}

// POST /api/connectors/{connectorId}/authorization-uri, then POST
// /api/users/{userId}/identities: Logto's linking flow through the
// AdminHandler, on every store, with Logto's refusals.
func TestAdminConnectorFlow(t *testing.T) {
	eachStoreWith(t, withAdminConnectors, func(t *testing.T, e *env) {
		const uriPath = "/api/connectors/github/authorization-uri"
		redirect := "https://app.example.com/cb"
		r := e.admin("POST", uriPath, map[string]any{"state": "st-1", "redirectUri": redirect}).want(200)
		u, err := url.Parse(r.str("redirectTo"))
		if err != nil || u.Host != "app.example.com" || u.Query().Get("state") != "st-1" || u.Query().Get("redirect_uri") != redirect {
			t.Fatalf("redirectTo: %s", r.raw)
		}
		for _, c := range []struct {
			name, path string
			body       map[string]any
			status     int
			code       string
		}{
			{"no state", uriPath, map[string]any{"redirectUri": redirect}, 400, "session.insufficient_info"},
			{"an empty redirect URI", uriPath, map[string]any{"state": "st", "redirectUri": ""}, 400, "session.insufficient_info"},
			{"an empty body", uriPath, map[string]any{}, 400, "session.insufficient_info"},
			{"a state that is not a string", uriPath, map[string]any{"state": 1, "redirectUri": redirect}, 400, "guard.invalid_input"},
			{"an unknown connector", "/api/connectors/nope/authorization-uri", map[string]any{"state": "st", "redirectUri": redirect}, 404, "entity.not_found"},
			{"an email connector", "/api/connectors/mail/authorization-uri", map[string]any{"state": "st", "redirectUri": redirect}, 400, "connector.unexpected_type"},
			{"a connector that needs its session", "/api/connectors/bound/authorization-uri", map[string]any{"state": "st", "redirectUri": redirect}, 501, "connector.not_implemented"},
		} {
			t.Run(c.name, func(t *testing.T) {
				e.sub(t).admin("POST", c.path, c.body).wantError(c.status, c.code)
			})
		}
		// Only the administrator may ask.
		e.do(req{method: "POST", path: uriPath, body: map[string]any{"state": "st", "redirectUri": redirect}}).wantError(401, "auth.unauthorized")

		// The provider sent the browser back; the caller checked the state
		// and posts the callback data.
		a := e.user(myaccount.CreateUserInput{Username: "flow1"})
		b := e.user(myaccount.CreateUserInput{Username: "flow2"})
		link := "/api/users/" + a + "/identities"
		data := map[string]any{"code": "c1", "state": "st-1", "redirectUri": redirect, "userId": "gh-flow", "email": "flow@gh.example"}
		r = e.admin("POST", link, map[string]any{"connectorId": "github", "connectorData": data}).want(200)
		gh := r.obj("github")
		details, _ := gh["details"].(map[string]any)
		raw, _ := details["rawData"].(map[string]any)
		if gh["userId"] != "gh-flow" || details["id"] != "gh-flow" || details["email"] != "flow@gh.example" || raw["state"] != "st-1" {
			t.Fatalf("linked: %s", r.raw)
		}
		if got, err := e.svc.Admin.User(context.Background(), a); err != nil || got.Identities["github"].UserID != "gh-flow" {
			t.Fatalf("stored: %+v, %v", got, err)
		}
		for _, c := range []struct {
			name, path string
			body       map[string]any
			status     int
			code       string
		}{
			{"the old body", link, map[string]any{"target": "github", "userId": "gh-x"}, 400, "guard.invalid_input"},
			{"no connectorData", link, map[string]any{"connectorId": "github"}, 400, "guard.invalid_input"},
			{"connectorData not an object", link, map[string]any{"connectorId": "github", "connectorData": "x"}, 400, "guard.invalid_input"},
			{"an unknown connector", link, map[string]any{"connectorId": "nope", "connectorData": data}, 404, "entity.not_found"},
			{"an unknown user", "/api/users/nobody/identities", map[string]any{"connectorId": "github", "connectorData": data}, 404, "entity.not_found"},
			{"an email connector", link, map[string]any{"connectorId": "mail", "connectorData": data}, 422, "session.invalid_connector_id"},
			{"a connector that needs its session", link, map[string]any{"connectorId": "bound", "connectorData": data}, 501, "connector.not_implemented"},
			{"data the connector refuses", link, map[string]any{"connectorId": "github", "connectorData": map[string]any{"code": "c"}}, 400, "connector.invalid_response"},
			{"an identity another user holds", "/api/users/" + b + "/identities", map[string]any{"connectorId": "github", "connectorData": data}, 422, "user.identity_already_in_use"},
		} {
			t.Run(c.name, func(t *testing.T) {
				e.sub(t).admin("POST", c.path, c.body).wantError(c.status, c.code)
			})
		}
		if got, _ := e.svc.Admin.User(context.Background(), b); len(got.Identities) != 0 {
			t.Fatalf("a refused link gave an identity: %+v", got.Identities)
		}
	})
}
