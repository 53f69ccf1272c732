package myaccount_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
	"github.com/myaccount-go/myaccount/storage/memory"
	"github.com/myaccount-go/myaccount/verification"
)

// The helpers of the end user's Account audience tests (acct*): an env on
// the memory store that records the hook's events, callers to shape, and
// the records the routes need.

// acctPassword is the password of the users these tests make.
const acctPassword = "Tidy-lamp-7731"

// acctEnv is a svcEnv on the memory store that keeps the events it emits.
type acctEnv struct {
	*svcEnv
	ctx context.Context

	evMu   sync.Mutex
	events []myaccount.Event
}

func newAcctEnv(t *testing.T, change ...func(*myaccount.Config)) *acctEnv {
	t.Helper()
	e := &acctEnv{ctx: context.Background()}
	hook := func(c *myaccount.Config) {
		c.Hook = func(_ context.Context, ev myaccount.Event) {
			e.evMu.Lock()
			e.events = append(e.events, ev)
			e.evMu.Unlock()
		}
	}
	e.svcEnv = newSvcEnv(t, memory.New(), append([]func(*myaccount.Config){hook}, change...)...)
	return e
}

// changes returns the changes of the User.Data.Updated events so far.
func (e *acctEnv) changes() []myaccount.Change {
	e.evMu.Lock()
	defer e.evMu.Unlock()
	var out []myaccount.Change
	for _, ev := range e.events {
		if ev.Type == myaccount.EventUserDataUpdated {
			out = append(out, ev.Changes...)
		}
	}
	return out
}

// member creates a user and returns a first-party caller for it with every
// scope of the Account API, the sessions scope included.
func (e *acctEnv) member(in myaccount.CreateUserInput) myaccount.Caller {
	e.t.Helper()
	c := e.caller(e.user(in))
	c.Scopes = append(c.Scopes, myaccount.ScopeSessions)
	return c
}

// withPassword is a user with a username and acctPassword.
func acctWithPassword(username string) myaccount.CreateUserInput {
	return myaccount.CreateUserInput{Username: username, Password: acctPassword}
}

// proved is c with a verified password record as its verification header.
func (e *acctEnv) proved(c myaccount.Caller) myaccount.Caller {
	e.t.Helper()
	r, err := e.svc.Account.VerifyPassword(e.ctx, c, myaccount.PasswordInput{Password: acctPassword})
	if err != nil {
		e.t.Fatalf("verify password: %v", err)
	}
	c.VerificationID = r.VerificationRecordID
	return c
}

// sendCode sends a code to value for c and returns the record id and code.
func (e *acctEnv) sendCode(c myaccount.Caller, typ verification.IdentifierType, value string, tmpl verification.TemplateType) (string, string) {
	e.t.Helper()
	r, err := e.svc.Account.SendCode(e.ctx, c, myaccount.SendCodeInput{Identifier: myaccount.IdentifierInput{Type: typ, Value: value}, TemplateType: tmpl})
	if err != nil {
		e.t.Fatalf("send a code to %q: %v", value, err)
	}
	msgs := e.messages()
	return r.VerificationRecordID, msgs[len(msgs)-1].Code
}

// codeRecord sends a code to value and verifies it: the record's id.
func (e *acctEnv) codeRecord(c myaccount.Caller, typ verification.IdentifierType, value string) string {
	e.t.Helper()
	id, code := e.sendCode(c, typ, value, "")
	if _, err := e.svc.Account.VerifyCode(e.ctx, c, myaccount.VerifyCodeInput{
		Identifier: myaccount.IdentifierInput{Type: typ, Value: value}, VerificationID: id, Code: code,
	}); err != nil {
		e.t.Fatalf("verify the code to %q: %v", value, err)
	}
	return id
}

// setField sets one account-center field, keeping the others.
func (e *acctEnv) setField(f account.Field, m account.FieldMode) {
	e.t.Helper()
	cur, err := e.svc.Admin.AccountCenter(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	fields := map[account.Field]account.FieldMode{}
	for k, v := range cur.Fields {
		fields[k] = v
	}
	fields[f] = m
	if _, err := e.svc.Admin.SetAccountCenter(e.ctx, myaccount.UpdateAccountCenterInput{Fields: myaccount.Set(fields)}); err != nil {
		e.t.Fatal(err)
	}
}

// setEnabled switches the account center.
func (e *acctEnv) setEnabled(on bool) {
	e.t.Helper()
	if _, err := e.svc.Admin.SetAccountCenter(e.ctx, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(on)}); err != nil {
		e.t.Fatal(err)
	}
}

// suspend suspends c's user.
func (e *acctEnv) suspend(c myaccount.Caller, on bool) {
	e.t.Helper()
	if _, err := e.svc.Admin.SetSuspended(e.ctx, c.UserID, myaccount.SetSuspendedInput{IsSuspended: &on}); err != nil {
		e.t.Fatal(err)
	}
}

// edit changes c's user as the administrator.
func (e *acctEnv) edit(c myaccount.Caller, in myaccount.UpdateUserInput) {
	e.t.Helper()
	if _, err := e.svc.Admin.EditUser(e.ctx, c.UserID, in); err != nil {
		e.t.Fatal(err)
	}
}

// view is c's own GET /api/my-account.
func (e *acctEnv) view(c myaccount.Caller) *myaccount.AccountView {
	e.t.Helper()
	v, err := e.svc.Account.Get(e.ctx, c)
	if err != nil {
		e.t.Fatalf("get: %v", err)
	}
	return v
}

// acctWithout is c without the given scopes.
func acctWithout(c myaccount.Caller, scopes ...string) myaccount.Caller {
	c.Scopes = slices.DeleteFunc(slices.Clone(c.Scopes), func(s string) bool { return slices.Contains(scopes, s) })
	return c
}

// acctThirdParty is c from a third-party application.
func acctThirdParty(c myaccount.Caller) myaccount.Caller {
	c.FirstParty = false
	c.ClientID = "third-party-app"
	return c
}

// acctStep is one check of a route, in the route's order: the error it
// gives while it fails, and what makes it pass.
type acctStep struct {
	name   string
	status int
	code   account.Code
	pass   func()
}

// acctInOrder calls the route with every check failing, expects the first
// step's error, passes that check, and so on: the checks come in the steps'
// order. It returns the error of the call with every step passed.
func acctInOrder(t *testing.T, call func() error, steps ...acctStep) error {
	t.Helper()
	for _, s := range steps {
		wantCode(t, s.name, call(), s.status, s.code)
		s.pass()
	}
	return call()
}

// acctEmailConnector is a connector that is not a social one.
type acctEmailConnector struct{}

func (acctEmailConnector) ID() string           { return "email" }
func (acctEmailConnector) Target() string       { return "email" }
func (acctEmailConnector) Kind() connector.Kind { return connector.KindEmail }

// acctRefreshing is the mock social connector that can refresh tokens.
type acctRefreshing struct{ mock.Social }

func (r acctRefreshing) Refresh(_ context.Context, ts *connector.TokenSet) (*connector.TokenSet, error) {
	if ts.RefreshToken == "revoked" {
		return nil, errors.New("the provider refused the refresh token")
	}
	return &connector.TokenSet{AccessToken: "refreshed-" + ts.RefreshToken, Scope: ts.Scope, TokenType: "Bearer"}, nil
}

// newAcctSocialEnv is an env with social connectors (mock-social, which
// refreshes tokens, and other-social), an email connector and a cipher for
// token sets.
func newAcctSocialEnv(t *testing.T, change ...func(*myaccount.Config)) *acctEnv {
	mfa := withTestMFA(t)
	return newAcctEnv(t, append([]func(*myaccount.Config){func(c *myaccount.Config) {
		mfa(c)
		c.Connectors = []connector.Connector{
			acctRefreshing{mock.Social{Now: c.Clock}},
			mock.Social{IDValue: "other-social", TargetValue: "other-social", Now: c.Clock},
			acctEmailConnector{},
		}
	}}, change...)...)
}

// social makes a verified social record of c at connectorID for the
// provider's user socialID, with the token response tokens (nil: none).
func (e *acctEnv) social(c myaccount.Caller, connectorID, socialID string, tokens map[string]any) string {
	e.t.Helper()
	a, err := e.svc.Account.StartSocialVerification(e.ctx, c, myaccount.StartSocialInput{ConnectorID: connectorID, State: "st", RedirectURI: "https://app.example/cb"})
	if err != nil {
		e.t.Fatalf("start social: %v", err)
	}
	data := map[string]any{"userId": socialID, "state": "st", "email": socialID + "@social.example"}
	if tokens != nil {
		data["tokenResponse"] = tokens
	}
	if _, err := e.svc.Account.VerifySocial(e.ctx, c, myaccount.VerifySocialInput{VerificationRecordID: a.VerificationRecordID, ConnectorData: data}); err != nil {
		e.t.Fatalf("verify social: %v", err)
	}
	return a.VerificationRecordID
}

// link links socialID at connectorID to c (which must be able to).
func (e *acctEnv) link(c myaccount.Caller, connectorID, socialID string, tokens map[string]any) {
	e.t.Helper()
	if err := e.svc.Account.LinkIdentity(e.ctx, c, myaccount.LinkIdentityInput{NewIdentifierVerificationRecordID: e.social(c, connectorID, socialID, tokens)}); err != nil {
		e.t.Fatalf("link %s: %v", socialID, err)
	}
}
