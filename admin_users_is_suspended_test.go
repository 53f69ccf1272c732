package myaccount_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// adminSessions is a SessionProvider holding one session and one grant
// per user, recording what is revoked.
type adminSessions struct {
	mu      sync.Mutex
	revoked []string // "session:<uid>:<target>" and "grant:<id>"
}

func (p *adminSessions) Sessions(_ context.Context, accountID string) ([]myaccount.Session, error) {
	return []myaccount.Session{{UID: "s-" + accountID, AccountID: accountID}}, nil
}

func (p *adminSessions) Session(_ context.Context, uid string) (*myaccount.Session, error) {
	return nil, account.ErrNotFound
}

func (p *adminSessions) RevokeSession(_ context.Context, uid string, target myaccount.RevokeGrantsTarget) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.revoked = append(p.revoked, "session:"+uid+":"+string(target))
	return nil
}

func (p *adminSessions) Grants(_ context.Context, accountID string) ([]myaccount.Grant, error) {
	return []myaccount.Grant{{ID: "g-" + accountID, AccountID: accountID}}, nil
}

func (p *adminSessions) Grant(_ context.Context, id string) (*myaccount.Grant, error) {
	return nil, account.ErrNotFound
}

func (p *adminSessions) RevokeGrant(_ context.Context, id string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.revoked = append(p.revoked, "grant:"+id)
	return nil
}

// take returns what was revoked since the last take.
func (p *adminSessions) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.revoked
	p.revoked = nil
	slices.Sort(out)
	return out
}

// withAdminSessions plugs p in as the app's sessions.
func withAdminSessions(p *adminSessions) func(*myaccount.Config) {
	return func(c *myaccount.Config) { c.Sessions = p }
}

// PATCH /api/users/:userId/is-suspended: a suspended user is refused by
// every Account API route and at sign-in, and signed out; lifting the
// suspension gives everything back.
func TestAdminSetSuspended(t *testing.T) {
	ctx := context.Background()
	sessions := &adminSessions{}
	e, hook := newAdminEnv(t, withAdminSessions(sessions))
	id := e.user(myaccount.CreateUserInput{Username: "susp1", Password: "pass-word-1"})
	set := func(t *testing.T, suspended bool) *myaccount.UserView {
		t.Helper()
		v, err := e.svc.Admin.SetSuspended(ctx, id, myaccount.SetSuspendedInput{IsSuspended: &suspended})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	signIn := func() error {
		_, err := e.svc.SignIn.Password(ctx, myaccount.Caller{}, myaccount.SignInIdentifier{Kind: account.IdentifierUsername, Value: "susp1"}, "pass-word-1")
		return err
	}

	t.Run("suspending refuses the user everywhere and signs them out", func(t *testing.T) {
		if v := set(t, true); !v.IsSuspended || v.ID != id {
			t.Fatalf("suspended: %+v", v.AccountView)
		}
		if u, _ := e.svc.Admin.User(ctx, id); !u.IsSuspended {
			t.Fatal("not stored")
		}
		if got := sessions.take(); !slices.Equal(got, []string{"grant:g-" + id, "session:s-" + id + ":all"}) {
			t.Fatalf("revoked %v", got)
		}
		_, err := e.svc.Account.Get(ctx, e.caller(id))
		wantCode(t, "GET /api/my-account", err, 401, account.CodeSuspended)
		_, err = e.svc.Account.VerifyPassword(ctx, e.caller(id), myaccount.PasswordInput{Password: "pass-word-1"})
		wantCode(t, "POST /api/verifications/password", err, 401, account.CodeSuspended)
		wantCode(t, "sign-in", signIn(), 401, account.CodeSuspended)
		ev := hook.last(t)
		if ev.Type != myaccount.EventUserSuspensionStatusUpdated || ev.UserID != id || !ev.User.IsSuspended {
			t.Fatalf("event: %+v", ev)
		}
	})
	t.Run("lifting the suspension gives every route back and signs no one out", func(t *testing.T) {
		if v := set(t, false); v.IsSuspended {
			t.Fatal("still suspended")
		}
		if got := sessions.take(); len(got) != 0 {
			t.Fatalf("revoked %v", got)
		}
		if _, err := e.svc.Account.Get(ctx, e.caller(id)); err != nil {
			t.Fatal(err)
		}
		if err := signIn(); err != nil {
			t.Fatal(err)
		}
		if ev := hook.last(t); ev.Type != myaccount.EventUserSuspensionStatusUpdated || ev.User.IsSuspended {
			t.Fatalf("event: %+v", ev)
		}
	})
	t.Run("no value is 400, an unknown user 404", func(t *testing.T) {
		_, err := e.svc.Admin.SetSuspended(ctx, id, myaccount.SetSuspendedInput{})
		wantCode(t, "no value", err, 400, account.CodeGuardInvalidInput)
		_, err = e.svc.Admin.SetSuspended(ctx, "nobody", myaccount.SetSuspendedInput{IsSuspended: adminPtr(true)})
		wantCode(t, "nobody", err, 404, account.CodeEntityNotFound)
		if got := sessions.take(); len(got) != 0 {
			t.Fatalf("a refused suspension signed out %v", got)
		}
	})
}
