package myaccount_test

import (
	"log/slog"
	"net/url"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
)

func TestStartSocialVerification(t *testing.T) {
	t.Run("checks in order: body, state and redirect URI, connector id, connector kind", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := acctThirdParty(e.member(myaccount.CreateUserInput{Username: "starter"})) // no first-party guard
		c.Scopes = []string{"openid"}
		in := myaccount.StartSocialInput{}
		var a *myaccount.SocialAuthorization
		err := acctInOrder(t, func() (err error) { a, err = e.svc.Account.StartSocialVerification(e.ctx, c, in); return err },
			acctStep{"no connector id", 400, account.CodeGuardInvalidInput, func() { in.ConnectorID = "invalid-connector-id" }},
			acctStep{"no state", 400, account.CodeInsufficientInfo, func() { in.State = "st" }},
			acctStep{"no redirect URI", 400, account.CodeInsufficientInfo, func() { in.RedirectURI = "https://app.example/cb" }},
			acctStep{"unknown connector", 422, account.CodeInvalidConnectorID, func() { in.ConnectorID = "email" }},
			acctStep{"not social", 400, account.CodeConnectorUnexpectedType, func() {
				in.ConnectorID, in.Scope = "mock-social", "profile custom_scope"
			}},
		)
		if err != nil {
			t.Fatalf("start: %v", err)
		}
		u, err := url.Parse(a.AuthorizationURI)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if q.Get("state") != "st" || q.Get("redirect_uri") != "https://app.example/cb" || q.Get("scope") != "profile custom_scope" {
			t.Fatalf("authorization URI %s", a.AuthorizationURI)
		}
		if a.VerificationRecordID == "" || a.ExpiresAt.IsZero() {
			t.Fatalf("record %+v", a)
		}
	})
}

func TestVerifySocial(t *testing.T) {
	start := func(e *acctEnv, c myaccount.Caller) string {
		a, err := e.svc.Account.StartSocialVerification(e.ctx, c, myaccount.StartSocialInput{ConnectorID: "mock-social", State: "st", RedirectURI: "https://app.example/cb"})
		if err != nil {
			e.t.Fatal(err)
		}
		return a.VerificationRecordID
	}

	t.Run("checks in order: body, record, the connector's check; the callback is used once", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := acctThirdParty(e.member(myaccount.CreateUserInput{Username: "callback"}))
		rec := start(e, c)
		in := myaccount.VerifySocialInput{VerificationRecordID: "bogus"}
		err := acctInOrder(t, func() error { _, err := e.svc.Account.VerifySocial(e.ctx, c, in); return err },
			acctStep{"no connector data", 400, account.CodeGuardInvalidInput, func() { in.ConnectorData = map[string]any{"userId": "u", "state": "forged"} }},
			acctStep{"bogus record", 400, account.CodeRecordNotFound, func() { in.VerificationRecordID = rec }},
			acctStep{"state mismatch", 401, account.CodeConnectorAuthorizationFailed, func() {
				in = myaccount.VerifySocialInput{VerificationRecordID: start(e, c), ConnectorData: map[string]any{"state": "st"}}
			}},
			acctStep{"no user id", 400, account.CodeConnectorInvalidResponse, func() {
				in = myaccount.VerifySocialInput{VerificationRecordID: start(e, c), ConnectorData: map[string]any{"userId": "u", "state": "st"}}
			}},
		)
		if err != nil {
			t.Fatalf("verify: %v", err)
		}
		_, err = e.svc.Account.VerifySocial(e.ctx, c, in)
		wantCode(t, "the session is taken", err, 400, account.CodeRecordNotFound)
	})

	t.Run("another user's social record is not found", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		owner := e.member(myaccount.CreateUserInput{Username: "owner"})
		c := e.member(myaccount.CreateUserInput{Username: "thief"})
		_, err := e.svc.Account.VerifySocial(e.ctx, c, myaccount.VerifySocialInput{VerificationRecordID: start(e, owner), ConnectorData: map[string]any{"userId": "u"}})
		wantCode(t, "foreign record", err, 400, account.CodeRecordNotFound)
	})

	t.Run("without a cipher the token set is dropped, the identity still links", func(t *testing.T) {
		e := newAcctEnv(t, func(c *myaccount.Config) {
			c.Connectors = []connector.Connector{mock.Social{Now: c.Clock}}
			c.Logger = slog.New(slog.DiscardHandler)
		})
		c := e.member(myaccount.CreateUserInput{Username: "plain"})
		e.link(c, "mock-social", "p-id", map[string]any{"access_token": "at"})
		if id := e.view(c).Identities["mock-social"]; id.UserID != "p-id" {
			t.Fatalf("identity %+v", id)
		}
	})
}
