package httpadapter_test

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
	"github.com/myaccount-go/myaccount/internal/adapter"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

// fakeSessions is a SessionProvider standing in for an OIDC provider: a
// sign-in makes a session that authorizes one application, with a grant
// for it. A revoked grant is what a refresh token getting invalid_grant is
// in the test scenarios.
type fakeSessions struct {
	mu       sync.Mutex
	now      func() time.Time
	sessions map[string]*myaccount.Session
	authz    map[string][]string // session uid -> grant ids it authorized
	grants   map[string]*myaccount.Grant
	seq      int

	revokedSessions []string
	revokeTargets   []myaccount.RevokeGrantsTarget
	revokedGrants   []string
}

func newFakeSessions(now func() time.Time) *fakeSessions {
	return &fakeSessions{now: now, sessions: map[string]*myaccount.Session{}, authz: map[string][]string{}, grants: map[string]*myaccount.Grant{}}
}

// The applications of the scenarios.
var (
	firstPartyApp = myaccount.Application{ID: "app-1p", Name: "First-party app", FirstParty: true}
	otherApp      = myaccount.Application{ID: "app-other", Name: "Other first-party app", FirstParty: true}
	thirdPartyApp = myaccount.Application{ID: "app-3p", Name: "Third-party app", FirstParty: false}
)

// signIn makes a session of userID through app, with the app's grant, and
// returns the session uid and the grant id.
func (f *fakeSessions) signIn(userID string, app myaccount.Application) (uid, grantID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	uid, grantID = fmt.Sprintf("session-%d", f.seq), fmt.Sprintf("grant-%d", f.seq)
	now := f.now()
	f.sessions[uid] = &myaccount.Session{
		UID: uid, AccountID: userID, ClientID: app.ID,
		Payload: map[string]any{
			"kind": "Session", "uid": uid, "accountId": userID, "loginTs": now.Unix(),
			"authorizations": map[string]any{app.ID: map[string]any{"grantId": grantID}},
		},
		ExpiresAt: now.Add(14 * 24 * time.Hour),
	}
	f.authz[uid] = []string{grantID}
	f.grants[grantID] = &myaccount.Grant{
		ID: grantID, AccountID: userID, Application: app,
		Payload:   map[string]any{"kind": "Grant", "clientId": app.ID, "accountId": userID, "openid": map[string]any{"scope": "openid profile"}},
		ExpiresAt: now.Add(14 * 24 * time.Hour),
	}
	return uid, grantID
}

// grantActive is the refresh token's fate: false once its grant is revoked.
func (f *fakeSessions) grantActive(id string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.grants[id]
	return ok
}

func (f *fakeSessions) Sessions(_ context.Context, accountID string) ([]myaccount.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []myaccount.Session
	for _, uid := range slices.Sorted(maps.Keys(f.sessions)) {
		if s := f.sessions[uid]; s.AccountID == accountID {
			out = append(out, *s)
		}
	}
	return out, nil
}

func (f *fakeSessions) Session(_ context.Context, uid string) (*myaccount.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.sessions[uid]
	if !ok {
		return nil, account.ErrNotFound
	}
	c := *s
	return &c, nil
}

func (f *fakeSessions) RevokeSession(_ context.Context, uid string, target myaccount.RevokeGrantsTarget) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.sessions[uid]; !ok {
		return account.ErrNotFound
	}
	for _, gid := range f.authz[uid] {
		g, ok := f.grants[gid]
		if ok && (target == myaccount.RevokeGrantsAll || target == myaccount.RevokeGrantsFirstParty && g.Application.FirstParty) {
			delete(f.grants, gid)
			f.revokedGrants = append(f.revokedGrants, gid)
		}
	}
	delete(f.sessions, uid)
	delete(f.authz, uid)
	f.revokedSessions = append(f.revokedSessions, uid)
	f.revokeTargets = append(f.revokeTargets, target)
	return nil
}

func (f *fakeSessions) Grants(_ context.Context, accountID string) ([]myaccount.Grant, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []myaccount.Grant
	for _, id := range slices.Sorted(maps.Keys(f.grants)) {
		if g := f.grants[id]; g.AccountID == accountID {
			out = append(out, *g)
		}
	}
	return out, nil
}

func (f *fakeSessions) Grant(_ context.Context, id string) (*myaccount.Grant, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	g, ok := f.grants[id]
	if !ok {
		return nil, account.ErrNotFound
	}
	c := *g
	return &c, nil
}

// RevokeGrant also drops the grant from the sessions that authorized it;
// a session left without authorizations ends, as the app's session does in
// the grants scenario.
func (f *fakeSessions) RevokeGrant(_ context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.grants[id]; !ok {
		return account.ErrNotFound
	}
	delete(f.grants, id)
	f.revokedGrants = append(f.revokedGrants, id)
	for uid, ids := range f.authz {
		ids = slices.DeleteFunc(ids, func(g string) bool { return g == id })
		f.authz[uid] = ids
		if len(ids) == 0 {
			delete(f.sessions, uid)
			delete(f.authz, uid)
		}
	}
	return nil
}

// eachStoreSessions runs f per store on an env whose service has its own
// fake session provider.
func eachStoreSessions(t *testing.T, f func(t *testing.T, e *env, p *fakeSessions)) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		var p *fakeSessions
		e := newEnv(t, newStore(t), func(c *myaccount.Config) {
			p = newFakeSessions(c.Clock)
			c.Sessions = p
		})
		f(t, e, p)
	})
}

// sessionToken is a first-party token issued in session uid.
func (e *env) sessionToken(userID, uid string, scopes ...string) string {
	return e.tokenFor(myaccount.Principal{UserID: userID, Scopes: scopes, ClientID: firstPartyApp.ID, FirstParty: true, SessionID: uid})
}

// sessionList is GET /api/my-account/sessions, decoded.
type sessionList struct {
	Sessions []struct {
		Payload        map[string]any `json:"payload"`
		LastSubmission map[string]any `json:"lastSubmission"`
		ClientID       *string        `json:"clientId"`
		AccountID      *string        `json:"accountId"`
		ExpiresAt      *float64       `json:"expiresAt"`
		IsCurrent      *bool          `json:"isCurrent"`
	} `json:"sessions"`
}

func (e *env) listSessions(tok string, rec *string) sessionList {
	e.t.Helper()
	r := e.call("GET", "/api/my-account/sessions", tok, rec, nil).want(200)
	var l sessionList
	if err := jsonUnmarshal(r.raw, &l); err != nil || l.Sessions == nil {
		e.t.Fatalf("sessions: %v %s", err, r.raw)
	}
	for _, s := range l.Sessions {
		if s.IsCurrent == nil || s.ExpiresAt == nil || s.Payload == nil {
			e.t.Fatalf("a session lacks isCurrent, expiresAt or payload: %s", r.raw)
		}
	}
	return l
}

// current returns the uids marked isCurrent.
func (l sessionList) current() []string {
	var out []string
	for _, s := range l.Sessions {
		if *s.IsCurrent {
			out = append(out, s.Payload["uid"].(string))
		}
	}
	return out
}

// uids returns every listed uid.
func (l sessionList) uids() []string {
	var out []string
	for _, s := range l.Sessions {
		out = append(out, s.Payload["uid"].(string))
	}
	return out
}

// grantIDs lists GET /api/my-account/grants[?query] as ids.
func (e *env) grantIDs(tok string, rec *string, query string) []string {
	e.t.Helper()
	r := e.call("GET", "/api/my-account/grants"+query, tok, rec, nil).want(200)
	var l struct {
		Grants []struct {
			ID          string         `json:"id"`
			Payload     map[string]any `json:"payload"`
			ExpiresAt   *float64       `json:"expiresAt"`
			Application struct{ ID, Name string }
		} `json:"grants"`
	}
	if err := jsonUnmarshal(r.raw, &l); err != nil || l.Grants == nil {
		e.t.Fatalf("grants: %v %s", err, r.raw)
	}
	var ids []string
	for _, g := range l.Grants {
		if g.ExpiresAt == nil || g.Payload["kind"] != "Grant" || g.Application.ID == "" || g.Application.Name == "" {
			e.t.Fatalf("grant shape: %s", r.raw)
		}
		ids = append(ids, g.ID)
	}
	return ids
}

// Sessions (127-138) and grants (139-144), with the fake
// provider in place of Logto's OIDC provider.
func TestSessionScenarios(t *testing.T) {
	eachStoreSessions(t, func(t *testing.T, e *env, p *fakeSessions) {
		e.enableAll()
		const pw = "pass-word-1"
		sessionScopes := []string{"openid", "profile", "urn:logto:scope:sessions"}
		newUser := func(name string) (id, uid, tok string) {
			id = e.user(myaccount.CreateUserInput{Username: name, Password: pw})
			uid, _ = p.signIn(id, firstPartyApp)
			return id, uid, e.sessionToken(id, uid, sessionScopes...)
		}

		t.Run("127 default scopes", func(t *testing.T) {
			e := e.sub(t)
			id, uid, _ := newUser("s127")
			tok := e.sessionToken(id, uid, defaultScopes...)
			e.call("GET", "/api/my-account/sessions", tok, e.pwRecord(tok, pw), nil).wantError(401, "auth.unauthorized")
		})
		t.Run("128 empty verification header", func(t *testing.T) {
			e := e.sub(t)
			_, _, tok := newUser("s128")
			e.call("GET", "/api/my-account/sessions", tok, vh(""), nil).wantError(401, "verification_record.permission_denied")
			e.call("GET", "/api/my-account/sessions", tok, nil, nil).wantError(401, "verification_record.permission_denied")
		})
		t.Run("129-130 one sign-in: a sessions array with exactly one current", func(t *testing.T) {
			e := e.sub(t)
			id, uid, tok := newUser("s129")
			l := e.listSessions(tok, e.pwRecord(tok, pw))
			if len(l.Sessions) != 1 || !slices.Equal(l.current(), []string{uid}) {
				t.Fatalf("sessions %v, current %v", l.uids(), l.current())
			}
			s := l.Sessions[0]
			if s.Payload["kind"] != "Session" || s.Payload["accountId"] != id || s.Payload["authorizations"] == nil ||
				*s.AccountID != id || *s.ClientID != firstPartyApp.ID || s.LastSubmission != nil ||
				int64(*s.ExpiresAt) != e.clock.Now().Add(14*24*time.Hour).UnixMilli() {
				t.Fatalf("session shape: %+v", s)
			}
		})
		t.Run("131-132 another app's session: one current; deleting it keeps the current", func(t *testing.T) {
			e := e.sub(t)
			id, uid, tok := newUser("s131")
			other, _ := p.signIn(id, otherApp)
			rec := e.pwRecord(tok, pw)
			l := e.listSessions(tok, rec)
			if len(l.Sessions) != 2 || !slices.Equal(l.current(), []string{uid}) {
				t.Fatalf("sessions %v, current %v", l.uids(), l.current())
			}
			e.call("DELETE", "/api/my-account/sessions/"+other, tok, rec, nil).want(204)
			l = e.listSessions(tok, rec)
			if !slices.Equal(l.current(), []string{uid}) || slices.Contains(l.uids(), other) {
				t.Fatalf("after delete: sessions %v, current %v", l.uids(), l.current())
			}
		})
		t.Run("133 delete own session: none current, the token keeps working", func(t *testing.T) {
			e := e.sub(t)
			_, uid, tok := newUser("s133")
			rec := e.pwRecord(tok, pw)
			e.call("DELETE", "/api/my-account/sessions/"+uid, tok, rec, nil).want(204)
			l := e.listSessions(tok, rec)
			if len(l.current()) != 0 || slices.Contains(l.uids(), uid) {
				t.Fatalf("sessions %v, current %v", l.uids(), l.current())
			}
			e.call("GET", "/api/my-account", tok, nil, nil).want(200)
		})
		t.Run("134 two sign-ins each see their own current", func(t *testing.T) {
			e := e.sub(t)
			id, uidA, tokA := newUser("s134")
			uidB, _ := p.signIn(id, firstPartyApp)
			tokB := e.sessionToken(id, uidB, sessionScopes...)
			rec := e.pwRecord(tokA, pw)
			a, b := e.listSessions(tokA, rec).current(), e.listSessions(tokB, rec).current()
			if !slices.Equal(a, []string{uidA}) || !slices.Equal(b, []string{uidB}) {
				t.Fatalf("current A %v, B %v", a, b)
			}
		})
		t.Run("a token without a session has no current session", func(t *testing.T) {
			e := e.sub(t)
			id, _, _ := newUser("s134b")
			tok := e.token(id, sessionScopes...)
			if l := e.listSessions(tok, e.pwRecord(tok, pw)); len(l.Sessions) != 1 || len(l.current()) != 0 {
				t.Fatalf("sessions %v, current %v", l.uids(), l.current())
			}
		})
		t.Run("135 DELETE session: default scopes, empty verification header", func(t *testing.T) {
			e := e.sub(t)
			id, uid, tok := newUser("s135")
			plain := e.sessionToken(id, uid, defaultScopes...)
			e.call("DELETE", "/api/my-account/sessions/"+uid, plain, e.pwRecord(plain, pw), nil).wantError(401, "auth.unauthorized")
			e.call("DELETE", "/api/my-account/sessions/"+uid, tok, vh(""), nil).wantError(401, "verification_record.permission_denied")
			if slices.Contains(p.revokedSessions, uid) {
				t.Fatal("a refused delete revoked the session")
			}
		})
		t.Run("136 DELETE a session: 204, no longer listed", func(t *testing.T) {
			e := e.sub(t)
			id, _, tok := newUser("s136")
			other, _ := p.signIn(id, otherApp)
			rec := e.pwRecord(tok, pw)
			e.call("DELETE", "/api/my-account/sessions/"+other, tok, rec, nil).want(204)
			if slices.Contains(e.listSessions(tok, rec).uids(), other) {
				t.Fatal("deleted session still listed")
			}
			if p.revokeTargets[len(p.revokeTargets)-1] != myaccount.RevokeGrantsNone {
				t.Fatalf("target %q, want none", p.revokeTargets[len(p.revokeTargets)-1])
			}
		})
		t.Run("137 revokeGrantsTarget=firstParty revokes the first-party app's grant", func(t *testing.T) {
			e := e.sub(t)
			id, _, tok := newUser("s137")
			uid, grant := p.signIn(id, otherApp)
			e.call("DELETE", "/api/my-account/sessions/"+uid+"?revokeGrantsTarget=firstParty", tok, e.pwRecord(tok, pw), nil).want(204)
			if p.grantActive(grant) {
				t.Fatal("the first-party grant (its refresh token) still works")
			}
		})
		t.Run("138 revokeGrantsTarget=firstParty keeps a third-party app's grant; all revokes it", func(t *testing.T) {
			e := e.sub(t)
			id, _, tok := newUser("s138")
			rec := e.pwRecord(tok, pw)
			uid, grant := p.signIn(id, thirdPartyApp)
			e.call("DELETE", "/api/my-account/sessions/"+uid+"?revokeGrantsTarget=firstParty", tok, rec, nil).want(204)
			if !p.grantActive(grant) {
				t.Fatal("the third-party grant was revoked")
			}
			uid, grant = p.signIn(id, thirdPartyApp)
			e.call("DELETE", "/api/my-account/sessions/"+uid+"?revokeGrantsTarget=all", tok, rec, nil).want(204)
			if p.grantActive(grant) {
				t.Fatal("revokeGrantsTarget=all kept the third-party grant")
			}
		})

		t.Run("139 GET grants: default scopes, empty verification header", func(t *testing.T) {
			e := e.sub(t)
			id, uid, tok := newUser("s139")
			plain := e.sessionToken(id, uid, defaultScopes...)
			e.call("GET", "/api/my-account/grants", plain, e.pwRecord(plain, pw), nil).wantError(401, "auth.unauthorized")
			e.call("GET", "/api/my-account/grants", tok, vh(""), nil).wantError(401, "verification_record.permission_denied")
		})
		t.Run("140 GET grants lists both kinds; appType filters", func(t *testing.T) {
			e := e.sub(t)
			id, _, tok := newUser("s140")
			_, g1 := p.signIn(id, otherApp)
			_, g3 := p.signIn(id, thirdPartyApp)
			rec := e.pwRecord(tok, pw)
			all := e.grantIDs(tok, rec, "")
			if len(all) != 3 || !slices.Contains(all, g1) || !slices.Contains(all, g3) {
				t.Fatalf("grants %v", all)
			}
			if first := e.grantIDs(tok, rec, "?appType=firstParty"); len(first) != 2 || !slices.Contains(first, g1) || slices.Contains(first, g3) {
				t.Fatalf("first-party grants %v", first)
			}
			if third := e.grantIDs(tok, rec, "?appType=thirdParty"); !slices.Equal(third, []string{g3}) {
				t.Fatalf("third-party grants %v", third)
			}
		})
		t.Run("141-143 DELETE grant: default scopes, ReadOnly, empty verification header", func(t *testing.T) {
			e := e.sub(t)
			id, uid, tok := newUser("s141")
			_, grant := p.signIn(id, otherApp)
			plain := e.sessionToken(id, uid, defaultScopes...)
			rec := e.pwRecord(tok, pw)
			e.call("DELETE", "/api/my-account/grants/"+grant, plain, e.pwRecord(plain, pw), nil).wantError(401, "auth.unauthorized")
			e.call("DELETE", "/api/my-account/grants/"+grant, tok, vh(""), nil).wantError(401, "verification_record.permission_denied")
			e.setFields(map[string]string{"session": "ReadOnly"})
			defer e.enableAll()
			e.call("DELETE", "/api/my-account/grants/"+grant, tok, rec, nil).wantError(400, "account_center.field_not_editable")
			if !p.grantActive(grant) {
				t.Fatal("a refused delete revoked the grant")
			}
		})
		t.Run("144 DELETE grant: 204, its refresh token is dead, its session gone", func(t *testing.T) {
			e := e.sub(t)
			id, _, tok := newUser("s144")
			uid, grant := p.signIn(id, otherApp)
			rec := e.pwRecord(tok, pw)
			e.call("DELETE", "/api/my-account/grants/"+grant, tok, rec, nil).want(204)
			if p.grantActive(grant) {
				t.Fatal("grant still active")
			}
			if slices.Contains(e.listSessions(tok, rec).uids(), uid) {
				t.Fatal("the app's session is still listed")
			}
			if slices.Contains(e.grantIDs(tok, rec, ""), grant) {
				t.Fatal("revoked grant still listed")
			}
		})
	})
}

// The errors and checks beyond the scenarios: not found, another user's,
// field modes, the first-party guard, guards, check order, expiry.
func TestSessionErrors(t *testing.T) {
	eachStoreSessions(t, func(t *testing.T, e *env, p *fakeSessions) {
		e.enableAll()
		const pw = "pass-word-1"
		scopes := []string{"openid", "profile", "urn:logto:scope:sessions"}
		alice := e.user(myaccount.CreateUserInput{Username: "alice", Password: pw})
		bob := e.user(myaccount.CreateUserInput{Username: "bob", Password: pw})
		aliceUID, aliceGrant := p.signIn(alice, firstPartyApp)
		bobUID, bobGrant := p.signIn(bob, firstPartyApp)
		tok := e.sessionToken(alice, aliceUID, scopes...)
		rec := e.pwRecord(tok, pw)

		t.Run("unknown session: 404 oidc.session_not_found", func(t *testing.T) {
			e := e.sub(t)
			e.call("DELETE", "/api/my-account/sessions/nope", tok, rec, nil).wantError(404, "oidc.session_not_found")
		})
		t.Run("another account's session: 404 oidc.invalid_session_account_id, not revoked", func(t *testing.T) {
			e := e.sub(t)
			e.call("DELETE", "/api/my-account/sessions/"+bobUID, tok, rec, nil).wantError(404, "oidc.invalid_session_account_id")
			if _, err := p.Session(context.Background(), bobUID); err != nil {
				t.Fatal("bob's session was revoked")
			}
			if slices.Contains(e.listSessions(tok, rec).uids(), bobUID) {
				t.Fatal("bob's session listed for alice")
			}
		})
		t.Run("unknown or another user's grant: 404 oidc.invalid_grant", func(t *testing.T) {
			e := e.sub(t)
			e.call("DELETE", "/api/my-account/grants/nope", tok, rec, nil).wantError(404, "oidc.invalid_grant")
			e.call("DELETE", "/api/my-account/grants/"+bobGrant, tok, rec, nil).wantError(404, "oidc.invalid_grant")
			if !p.grantActive(bobGrant) {
				t.Fatal("bob's grant was revoked")
			}
			if slices.Contains(e.grantIDs(tok, rec, ""), bobGrant) {
				t.Fatal("bob's grant listed for alice")
			}
		})
		t.Run("a third-party app may list but not delete", func(t *testing.T) {
			e := e.sub(t)
			third := e.tokenFor(myaccount.Principal{UserID: alice, Scopes: scopes, ClientID: thirdPartyApp.ID, SessionID: aliceUID})
			e.call("GET", "/api/my-account/sessions", third, rec, nil).want(200)
			e.call("GET", "/api/my-account/grants", third, rec, nil).want(200)
			e.call("DELETE", "/api/my-account/sessions/"+aliceUID, third, rec, nil).wantError(403, "auth.third_party_application_forbidden")
			e.call("DELETE", "/api/my-account/grants/"+aliceGrant, third, rec, nil).wantError(403, "auth.third_party_application_forbidden")
		})
		t.Run("guards: revokeGrantsTarget and appType", func(t *testing.T) {
			e := e.sub(t)
			for _, q := range []string{"?revokeGrantsTarget=some", "?revokeGrantsTarget=", "?revokeGrantsTarget=all&revokeGrantsTarget=all", "?revokeGrantsTarget=%zz"} {
				e.call("DELETE", "/api/my-account/sessions/"+aliceUID+q, tok, rec, nil).wantError(400, "guard.invalid_input")
			}
			for _, q := range []string{"?appType=mine", "?appType="} {
				e.call("GET", "/api/my-account/grants"+q, tok, rec, nil).wantError(400, "guard.invalid_input")
			}
			// The guard runs before the verification header.
			e.call("GET", "/api/my-account/grants?appType=mine", tok, nil, nil).wantError(400, "guard.invalid_input")
		})
		t.Run("session field Off and ReadOnly", func(t *testing.T) {
			e := e.sub(t)
			defer e.enableAll()
			e.setFields(map[string]string{"name": "Edit"})
			e.call("GET", "/api/my-account/sessions", tok, rec, nil).wantError(400, "account_center.field_not_enabled")
			e.call("GET", "/api/my-account/grants", tok, rec, nil).wantError(400, "account_center.field_not_enabled")
			// The field comes before the scope.
			e.call("GET", "/api/my-account/sessions", e.token(alice, "openid"), rec, nil).wantError(400, "account_center.field_not_enabled")
			e.setFields(map[string]string{"session": "ReadOnly"})
			e.listSessions(tok, rec)
			e.grantIDs(tok, rec, "")
			e.call("DELETE", "/api/my-account/sessions/"+aliceUID, tok, rec, nil).wantError(400, "account_center.field_not_editable")
		})
		t.Run("the verification header comes before the field and the scope", func(t *testing.T) {
			e := e.sub(t)
			e.call("GET", "/api/my-account/sessions", e.token(alice, "openid"), nil, nil).wantError(401, "verification_record.permission_denied")
			e.call("DELETE", "/api/my-account/grants/"+aliceGrant, e.token(alice, "openid"), nil, nil).wantError(401, "verification_record.permission_denied")
			// Bob's record does not prove Alice.
			bobTok := e.token(bob, scopes...)
			e.call("GET", "/api/my-account/sessions", tok, e.pwRecord(bobTok, pw), nil).wantError(401, "verification_record.permission_denied")
		})
		t.Run("expired sessions and grants are not listed and cannot be deleted", func(t *testing.T) {
			e := e.sub(t)
			carol := e.user(myaccount.CreateUserInput{Username: "carol", Password: pw})
			uid, grant := p.signIn(carol, firstPartyApp)
			ctok := e.sessionToken(carol, uid, scopes...)
			e.clock.Advance(15 * 24 * time.Hour)
			crec := e.pwRecord(ctok, pw)
			if l := e.listSessions(ctok, crec); len(l.Sessions) != 0 {
				t.Fatalf("expired session listed: %v", l.uids())
			}
			if ids := e.grantIDs(ctok, crec, ""); len(ids) != 0 {
				t.Fatalf("expired grant listed: %v", ids)
			}
			e.call("DELETE", "/api/my-account/sessions/"+uid, ctok, crec, nil).wantError(404, "oidc.session_not_found")
			e.call("DELETE", "/api/my-account/grants/"+grant, ctok, crec, nil).wantError(404, "oidc.invalid_grant")
		})
		t.Run("a disabled account center answers first", func(t *testing.T) {
			e := e.sub(t)
			defer e.enableAll()
			e.admin("PATCH", "/api/account-center", map[string]any{"enabled": false}).want(200)
			e.call("GET", "/api/my-account/sessions", tok, rec, nil).wantError(400, "account_center.not_enabled")
			e.call("GET", "/api/my-account/grants?appType=mine", tok, rec, nil).wantError(400, "account_center.not_enabled")
			e.call("DELETE", "/api/my-account/sessions/x?revokeGrantsTarget=bad", tok, rec, nil).wantError(400, "account_center.not_enabled")
		})
	})
}

// Without a SessionProvider the four routes do not exist: 404 before
// authentication, like any unknown path; in-process, 404 entity.not_found.
func TestSessionRoutesNeedAProvider(t *testing.T) {
	e := newEnv(t, newMemoryStore())
	e.enableAll()
	id := e.user(myaccount.CreateUserInput{Username: "nosessions", Password: "pass-word-1"})
	tok := e.token(id, allScopes...)
	rec := e.pwRecord(tok, "pass-word-1")
	for _, r := range []struct{ method, path string }{
		{"GET", "/api/my-account/sessions"},
		{"DELETE", "/api/my-account/sessions/abc"},
		{"GET", "/api/my-account/grants"},
		{"DELETE", "/api/my-account/grants/abc"},
	} {
		if got := e.call(r.method, r.path, tok, rec, nil).status; got != 404 {
			t.Errorf("%s %s: %d, want 404", r.method, r.path, got)
		}
		if got := e.call(r.method, r.path, "", nil, nil).status; got != 404 {
			t.Errorf("%s %s without a token: %d, want 404", r.method, r.path, got)
		}
	}
	if adapter.HasSessionProvider(e.svc.Account) {
		t.Fatal("HasSessionProvider without one")
	}
	_, err := e.svc.Account.Sessions(context.Background(), myaccount.Caller{Principal: myaccount.Principal{UserID: id}})
	var apiErr *account.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Fatalf("in-process ListSessions without a provider: %v", err)
	}
}
