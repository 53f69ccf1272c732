package myaccount

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// Service is the account center. Its operations are grouped by who calls
// them, each audience a type of its own over one shared core:
//
//   - Account: the signed-in end user (Logto's Account API,
//     /api/my-account, and Verification API, /api/verifications);
//   - Admin: the host's administrators (Logto's Management API, /api/users,
//     and the account-center settings);
//   - SignIn: the host's own login, checking the factors users manage.
//
// It holds no per-user state: every instance sharing a Store serves every
// flow. Use it in-process, or mount it with httpadapter.
type Service struct {
	Account *Account
	Admin   *Admin
	SignIn  *SignIn
	core    *core
}

// Account is the end user's side: one method per route of the Account and
// Verification APIs, each with Logto's checks in Logto's order, for
// the Caller the host authenticated.
type Account struct{ *core }

// Admin is the administrator's side: one method per route of the
// Management API under /api/users and of the account-center settings. Its
// methods take a user's id instead of a Caller: deciding who is an
// administrator is the host's job.
type Admin struct{ *core }

// SignIn is the host's login: the checks that use the factors users manage
// in the account center, under the lockouts.
type SignIn struct{ *core }

// core is what every audience shares: the configuration and the cached
// account-center settings, and the rules built on them.
type core struct {
	cfg    Config
	center *centerCache
	// start makes the settings a store that holds none stands for
	// (Config.AccountCenter); nil: the zero settings.
	start *UpdateAccountCenterInput
}

// New returns a Service, with cfg's zero fields set to their defaults.
//
// It refuses, with an error naming each field, a Config the Service could
// not serve: no Store, an interface field holding a nil pointer or func
// (a typed nil, such as the nil *secret.KeyRing that secret.NewKeyRing
// returns with its error), a nil connector, a key ring without keys, MFA
// factors without a Cipher, or starting account-center settings that
// PATCH /api/account-center would refuse. A Service New returns does not
// panic on first use for want of a field.
//
// The account center starts disabled, every field Off, as in Logto: until
// it is enabled every Account and Verification API route answers 400
// account_center.not_enabled. Enable it with Admin.SetAccountCenter (PATCH
// /api/account-center), or start with the fields you choose enabled by
// setting Config.AccountCenter.
func New(cfg Config) (*Service, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	start, err := startInput(cfg.AccountCenter)
	if err != nil {
		return nil, err
	}
	c := &core{cfg: cfg, center: &centerCache{ttl: cfg.AccountCenterTTL}, start: start}
	return &Service{Account: &Account{c}, Admin: &Admin{c}, SignIn: &SignIn{c}, core: c}, nil
}

// Caller is who makes a call, and the facts of the request the rules need.
type Caller struct {
	Principal
	// VerificationID is the logto-verification-id header;
	// empty when absent.
	VerificationID string
	// Locale is the preferred language, for message templates; "en" when
	// empty.
	Locale string
	// Origin and Host are the request's origin and host name (WebAuthn).
	Origin string
	Host   string
	// UserAgent is the request's User-Agent.
	UserAgent string
	// ClientAddr is the network address of the client that sent the
	// request (an IP address, without a port), as the host determines it:
	// the peer address, or a forwarded address when the peer is a proxy the
	// host trusts. The per-client limits count on it (failed checks, code
	// sends); empty means the host does not know it, and those limits are
	// off for the call. httpadapter fills it in.
	ClientAddr string
	// RequestError is what went wrong reading the request before the use
	// case could be given its input: a body that does not decode, a query
	// that does not parse. The use case answers it right after the gate's
	// checks (account center, the caller's standing), in Logto's order, instead of running. HTTP adapters set it; in-process callers,
	// who hand over typed input, leave it nil.
	RequestError error
}

func (s *core) now() time.Time { return s.cfg.Clock() }

// emit sends e to the hook, if there is one.
func (s *core) emit(ctx context.Context, e Event) {
	if s.cfg.Hook == nil {
		return
	}
	e.At = s.now()
	if e.User != nil {
		u := *e.User
		u.PasswordHash = ""
		e.User = &u
	}
	s.cfg.Hook(ctx, e)
}

// userChanged emits User.Data.Updated for u.
func (s *core) userChanged(ctx context.Context, u *account.User, previous string, changes ...Change) {
	s.emit(ctx, Event{Type: EventUserDataUpdated, UserID: u.ID, User: u, Changes: changes, Previous: previous})
}

// userChangedBy emits User.Data.Updated for u, changed by c (an
// impersonated session's change records its administrator).
func (s *core) userChangedBy(ctx context.Context, c Caller, u *account.User, previous string, changes ...Change) {
	s.emit(ctx, Event{Type: EventUserDataUpdated, UserID: u.ID, User: u, Changes: changes, Previous: previous, ActorClientID: c.actor()})
}

// user loads the caller's user. A token for a user that no longer exists
// is as good as an unknown token.
func (s *core) user(ctx context.Context, id string) (*account.User, error) {
	u, err := s.cfg.Store.GetUser(ctx, id)
	if errors.Is(err, account.ErrNotFound) {
		return nil, account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
	}
	if err != nil {
		return nil, fmt.Errorf("load user: %w", err)
	}
	return u, nil
}
