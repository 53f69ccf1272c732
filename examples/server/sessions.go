package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// devSessionLifetime is how long a dev session and its grant last (Logto's
// default session TTL).
const devSessionLifetime = 14 * 24 * time.Hour

// The dev token issuer's applications, as the grants name them.
var (
	devFirstPartyApp = myaccount.Application{ID: devFirstPartyClient, Name: "Dev app", FirstParty: true}
	devThirdPartyApp = myaccount.Application{ID: devThirdPartyClient, Name: "Dev third-party app"}
)

// devSessions is the example's SessionProvider, in memory (lost on
// restart): every token /dev/users or /dev/tokens mints starts a session
// (the token's sid claim) that authorizes the dev app, or the third-party
// dev app, with a grant for it. Revoking a session or a grant does not
// revoke the access tokens already minted: they stay valid until they
// expire, as access tokens do in Logto.
type devSessions struct {
	mu       sync.Mutex
	now      func() time.Time
	sessions map[string]*devSession
	grants   map[string]*myaccount.Grant
}

type devSession struct {
	myaccount.Session
	grantIDs []string
}

func newDevSessions(now func() time.Time) *devSessions {
	return &devSessions{now: now, sessions: map[string]*devSession{}, grants: map[string]*myaccount.Grant{}}
}

// start begins a session of userID through the dev app (or the third-party
// one) with scopes, and returns its uid for the token's sid claim.
func (d *devSessions) start(userID string, scopes []string, thirdParty bool) (string, error) {
	app := devFirstPartyApp
	if thirdParty {
		app = devThirdPartyApp
	}
	uid, err := randomID()
	if err != nil {
		return "", err
	}
	grantID, err := randomID()
	if err != nil {
		return "", err
	}
	now := d.now()
	exp := now.Add(devSessionLifetime)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.prune(now)
	d.sessions[uid] = &devSession{
		Session: myaccount.Session{
			UID: uid, AccountID: userID, ClientID: app.ID, ExpiresAt: exp,
			Payload: map[string]any{
				"exp": exp.Unix(), "iat": now.Unix(), "jti": uid, "uid": uid, "kind": "Session",
				"loginTs": now.Unix(), "accountId": userID,
				"authorizations": map[string]any{app.ID: map[string]any{"grantId": grantID, "persistsLogout": true}},
			},
		},
		grantIDs: []string{grantID},
	}
	d.grants[grantID] = &myaccount.Grant{
		ID: grantID, AccountID: userID, ExpiresAt: exp, Application: app,
		Payload: map[string]any{
			"exp": exp.Unix(), "iat": now.Unix(), "jti": grantID, "kind": "Grant",
			"clientId": app.ID, "accountId": userID, "openid": map[string]any{"scope": strings.Join(scopes, " ")},
		},
	}
	return uid, nil
}

// prune drops what has expired, so a long-running dev server stays small.
func (d *devSessions) prune(now time.Time) {
	maps.DeleteFunc(d.sessions, func(_ string, s *devSession) bool { return !now.Before(s.ExpiresAt) })
	maps.DeleteFunc(d.grants, func(_ string, g *myaccount.Grant) bool { return !now.Before(g.ExpiresAt) })
}

func (d *devSessions) Sessions(_ context.Context, accountID string) ([]myaccount.Session, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []myaccount.Session
	for _, s := range d.sessions {
		if s.AccountID == accountID {
			out = append(out, s.copy())
		}
	}
	slices.SortFunc(out, func(a, b myaccount.Session) int { return strings.Compare(a.UID, b.UID) })
	return out, nil
}

func (d *devSessions) Session(_ context.Context, uid string) (*myaccount.Session, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s, ok := d.sessions[uid]
	if !ok {
		return nil, account.ErrNotFound
	}
	c := s.copy()
	return &c, nil
}

func (d *devSessions) RevokeSession(_ context.Context, uid string, target myaccount.RevokeGrantsTarget) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	s, ok := d.sessions[uid]
	if !ok {
		return account.ErrNotFound
	}
	for _, id := range s.grantIDs {
		g, ok := d.grants[id]
		if ok && (target == myaccount.RevokeGrantsAll || target == myaccount.RevokeGrantsFirstParty && g.Application.FirstParty) {
			d.revokeGrant(id)
		}
	}
	delete(d.sessions, uid)
	return nil
}

func (d *devSessions) Grants(_ context.Context, accountID string) ([]myaccount.Grant, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []myaccount.Grant
	for _, g := range d.grants {
		if g.AccountID == accountID {
			c := *g
			c.Payload = maps.Clone(g.Payload)
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b myaccount.Grant) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

func (d *devSessions) Grant(_ context.Context, id string) (*myaccount.Grant, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	g, ok := d.grants[id]
	if !ok {
		return nil, account.ErrNotFound
	}
	c := *g
	c.Payload = maps.Clone(g.Payload)
	return &c, nil
}

func (d *devSessions) RevokeGrant(_ context.Context, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.grants[id]; !ok {
		return account.ErrNotFound
	}
	d.revokeGrant(id)
	return nil
}

// revokeGrant drops the grant and its authorization from every session; a
// session left authorizing nothing ends. Call with d.mu held.
func (d *devSessions) revokeGrant(id string) {
	delete(d.grants, id)
	for uid, s := range d.sessions {
		if !slices.Contains(s.grantIDs, id) {
			continue
		}
		s.grantIDs = slices.DeleteFunc(s.grantIDs, func(g string) bool { return g == id })
		if len(s.grantIDs) == 0 {
			delete(d.sessions, uid)
			continue
		}
		authz, _ := s.Payload["authorizations"].(map[string]any)
		authz = maps.Clone(authz)
		maps.DeleteFunc(authz, func(_ string, v any) bool {
			m, _ := v.(map[string]any)
			return m["grantId"] == id
		})
		s.Payload = maps.Clone(s.Payload)
		s.Payload["authorizations"] = authz
	}
}

// copy is the session with its own payload map.
func (s *devSession) copy() myaccount.Session {
	c := s.Session
	c.Payload = maps.Clone(s.Payload)
	return c
}

func randomID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}
