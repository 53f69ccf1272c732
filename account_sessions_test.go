package myaccount_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// acctSessions is a small SessionProvider: sessions and grants in maps,
// an error to fail every call with, and leaky, to list every account's
// sessions and grants as a buggy provider would.
type acctSessions struct {
	mu       sync.Mutex
	now      func() time.Time
	sessions map[string]myaccount.Session
	grants   map[string]myaccount.Grant
	seq      int
	fail     error
	leaky    bool

	revoked []myaccount.RevokeGrantsTarget // the target of each session revoke
}

func newAcctSessions(now func() time.Time) *acctSessions {
	return &acctSessions{now: now, sessions: map[string]myaccount.Session{}, grants: map[string]myaccount.Grant{}}
}

// newAcctSessionsEnv is an env with an acctSessions provider.
func newAcctSessionsEnv(t *testing.T) (*acctEnv, *acctSessions) {
	var p *acctSessions
	e := newAcctEnv(t, func(c *myaccount.Config) {
		p = newAcctSessions(c.Clock)
		c.Sessions = p
	})
	return e, p
}

// signIn makes a session of userID through app, lasting d, with a grant
// for app: the session's uid and the grant's id.
func (f *acctSessions) signIn(userID string, app myaccount.Application, d time.Duration) (string, string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	uid, gid := fmt.Sprintf("s%d", f.seq), fmt.Sprintf("g%d", f.seq)
	f.sessions[uid] = myaccount.Session{UID: uid, AccountID: userID, ClientID: app.ID,
		Payload: map[string]any{"loginTs": 1, "uid": "forged"}, ExpiresAt: f.now().Add(d)}
	f.grants[gid] = myaccount.Grant{ID: gid, AccountID: userID, Application: app,
		Payload: map[string]any{"openid": "profile"}, ExpiresAt: f.now().Add(d)}
	return uid, gid
}

func (f *acctSessions) Sessions(_ context.Context, accountID string) ([]myaccount.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return nil, f.fail
	}
	var out []myaccount.Session
	for _, uid := range slices.Sorted(maps.Keys(f.sessions)) {
		if s := f.sessions[uid]; f.leaky || s.AccountID == accountID {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *acctSessions) Session(_ context.Context, uid string) (*myaccount.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return nil, f.fail
	}
	s, ok := f.sessions[uid]
	if !ok {
		return nil, account.ErrNotFound
	}
	return &s, nil
}

func (f *acctSessions) RevokeSession(_ context.Context, uid string, target myaccount.RevokeGrantsTarget) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.sessions[uid]; !ok {
		return account.ErrNotFound
	}
	delete(f.sessions, uid)
	f.revoked = append(f.revoked, target)
	return nil
}

func (f *acctSessions) Grants(_ context.Context, accountID string) ([]myaccount.Grant, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return nil, f.fail
	}
	var out []myaccount.Grant
	for _, id := range slices.Sorted(maps.Keys(f.grants)) {
		if g := f.grants[id]; f.leaky || g.AccountID == accountID {
			out = append(out, g)
		}
	}
	return out, nil
}

func (f *acctSessions) Grant(_ context.Context, id string) (*myaccount.Grant, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return nil, f.fail
	}
	g, ok := f.grants[id]
	if !ok {
		return nil, account.ErrNotFound
	}
	return &g, nil
}

func (f *acctSessions) RevokeGrant(_ context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.grants[id]; !ok {
		return account.ErrNotFound
	}
	delete(f.grants, id)
	return nil
}

var (
	acctFirstParty = myaccount.Application{ID: "app", Name: "Our app", FirstParty: true}
	acctOtherApp   = myaccount.Application{ID: "partner", Name: "Partner app"}
)

func TestSessions(t *testing.T) {
	t.Run("without a provider the routes do not exist", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.proved(e.member(acctWithPassword("nosessions")))
		_, err := e.svc.Account.Sessions(e.ctx, c)
		wantCode(t, "Sessions", err, 404, account.CodeEntityNotFound)
		wantCode(t, "RevokeSession", e.svc.Account.RevokeSession(e.ctx, c, "s1", myaccount.RevokeSessionInput{}), 404, account.CodeEntityNotFound)
		_, err = e.svc.Account.Grants(e.ctx, c, myaccount.ListGrantsInput{})
		wantCode(t, "Grants", err, 404, account.CodeEntityNotFound)
		wantCode(t, "RevokeGrant", e.svc.Account.RevokeGrant(e.ctx, c, "g1"), 404, account.CodeEntityNotFound)
	})

	t.Run("the list checks the header, then the session field, then the sessions scope", func(t *testing.T) {
		e, _ := newAcctSessionsEnv(t)
		full := e.proved(e.member(acctWithPassword("lister")))
		c := acctWithout(full, myaccount.ScopeSessions)
		c.VerificationID = ""
		e.setField(account.FieldSession, account.Off)
		err := acctInOrder(t, func() error { _, err := e.svc.Account.Sessions(e.ctx, c); return err },
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"field Off", 400, account.CodeFieldNotEnabled, func() { e.setField(account.FieldSession, account.ReadOnly) }},
			acctStep{"no sessions scope", 401, account.CodeUnauthorized, func() { c = full }},
		)
		if err != nil {
			t.Fatalf("a ReadOnly field lists: %v", err)
		}
	})

	t.Run("the list holds the caller's unexpired sessions, the current one marked", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		c := e.proved(e.member(acctWithPassword("many")))
		other := e.member(acctWithPassword("someone"))
		cur, _ := p.signIn(c.UserID, acctFirstParty, time.Hour)
		second, _ := p.signIn(c.UserID, acctOtherApp, 2*time.Hour)
		p.signIn(c.UserID, acctFirstParty, time.Minute)
		p.signIn(other.UserID, acctFirstParty, time.Hour)
		p.leaky = true // the library leaves the other user's session out itself
		e.clock.Advance(2 * time.Minute)
		c.SessionID = cur
		v, err := e.svc.Account.Sessions(e.ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Sessions) != 2 {
			t.Fatalf("got %d sessions, want the caller's 2 unexpired ones: %+v", len(v.Sessions), v.Sessions)
		}
		for _, s := range v.Sessions {
			uid := s.Payload["uid"]
			if s.IsCurrent != (uid == cur) || (uid != cur && uid != second) {
				t.Errorf("session %v: isCurrent %v", uid, s.IsCurrent)
			}
			if s.Payload["kind"] != "Session" || s.Payload["accountId"] != c.UserID || s.AccountID == nil || *s.AccountID != c.UserID {
				t.Errorf("session %v: payload %v", uid, s.Payload)
			}
			if s.ExpiresAt == 0 || s.ClientID == nil {
				t.Errorf("session %v: expiresAt %d, clientId %v", uid, s.ExpiresAt, s.ClientID)
			}
		}
		c.SessionID = ""
		v, _ = e.svc.Account.Sessions(e.ctx, c)
		for _, s := range v.Sessions {
			if s.IsCurrent {
				t.Errorf("a token without a session marks %v current", s.Payload["uid"])
			}
		}
	})

	t.Run("a provider failure is an internal error", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		c := e.proved(e.member(acctWithPassword("broken")))
		p.fail = errors.New("provider down")
		_, err := e.svc.Account.Sessions(e.ctx, c)
		if err == nil || !errors.Is(err, p.fail) {
			t.Fatalf("Sessions: %v, want the provider's error", err)
		}
		if err := e.svc.Account.RevokeSession(e.ctx, c, "s1", myaccount.RevokeSessionInput{}); !errors.Is(err, p.fail) {
			t.Fatalf("RevokeSession: %v, want the provider's error", err)
		}
	})

	t.Run("a revoke checks the query, the header, the field, the scope, first party, then the session", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		full := e.proved(e.member(acctWithPassword("revoker")))
		mine, _ := p.signIn(full.UserID, acctFirstParty, time.Hour)
		c := acctThirdParty(acctWithout(full, myaccount.ScopeSessions))
		c.VerificationID = ""
		e.setField(account.FieldSession, account.ReadOnly)
		in := myaccount.RevokeSessionInput{RevokeGrantsTarget: "everything"}
		uid := ""
		err := acctInOrder(t, func() error { return e.svc.Account.RevokeSession(e.ctx, c, uid, in) },
			acctStep{"unknown target", 400, account.CodeGuardInvalidInput, func() { in.RevokeGrantsTarget = myaccount.RevokeGrantsFirstParty }},
			acctStep{"empty uid", 400, account.CodeGuardInvalidInput, func() { uid = "nope" }},
			acctStep{"no header", 401, account.CodeRecordPermissionDenied, func() { c.VerificationID = full.VerificationID }},
			acctStep{"field ReadOnly", 400, account.CodeFieldNotEditable, func() { e.setField(account.FieldSession, account.Edit) }},
			acctStep{"no sessions scope", 401, account.CodeUnauthorized, func() { c.Scopes = full.Scopes }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c = full }},
			acctStep{"no such session", 404, account.CodeSessionNotFound, func() { uid = mine }},
		)
		if err != nil {
			t.Fatalf("revoke own session: %v", err)
		}
		if len(p.revoked) != 1 || p.revoked[0] != myaccount.RevokeGrantsFirstParty {
			t.Fatalf("provider revokes: %v, want one with firstParty", p.revoked)
		}
		wantCode(t, "revoked again", e.svc.Account.RevokeSession(e.ctx, c, mine, myaccount.RevokeSessionInput{}), 404, account.CodeSessionNotFound)
	})

	t.Run("another account's session is 404 invalid_session_account_id, an expired one 404 not found", func(t *testing.T) {
		e, p := newAcctSessionsEnv(t)
		c := e.proved(e.member(acctWithPassword("careful")))
		other := e.member(acctWithPassword("victim"))
		theirs, _ := p.signIn(other.UserID, acctFirstParty, time.Hour)
		old, _ := p.signIn(c.UserID, acctFirstParty, time.Minute)
		wantCode(t, "theirs", e.svc.Account.RevokeSession(e.ctx, c, theirs, myaccount.RevokeSessionInput{}), 404, account.CodeInvalidSessionAccountID)
		e.clock.Advance(time.Minute)
		wantCode(t, "expired", e.svc.Account.RevokeSession(e.ctx, c, old, myaccount.RevokeSessionInput{}), 404, account.CodeSessionNotFound)
		if len(p.revoked) != 0 {
			t.Fatalf("the provider was asked to revoke %v", p.revoked)
		}
	})
}
