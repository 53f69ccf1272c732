package myaccount

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// SessionView is one session as GET /api/my-account/sessions answers it.
type SessionView struct {
	Payload        map[string]any `json:"payload"`
	LastSubmission map[string]any `json:"lastSubmission"`
	ClientID       *string        `json:"clientId"`
	AccountID      *string        `json:"accountId"`
	// ExpiresAt is in epoch milliseconds.
	ExpiresAt int64 `json:"expiresAt"`
	// IsCurrent marks the session of the calling token.
	IsCurrent bool `json:"isCurrent"`
}

// SessionsView is the answer of GET /api/my-account/sessions.
type SessionsView struct {
	Sessions []SessionView `json:"sessions"`
}

// Sessions answers GET /api/my-account/sessions: the
// caller's unexpired sessions, the one their token was issued in marked
// isCurrent.
func (s *Account) Sessions(ctx context.Context, c Caller) (*SessionsView, error) {
	p := s.cfg.Sessions
	if p == nil {
		return nil, ErrNoSessionProvider
	}
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := s.sessionChecks(ctx, c, center, false); err != nil {
		return nil, err
	}
	list, err := p.Sessions(ctx, c.UserID)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	now := s.now()
	out := &SessionsView{Sessions: []SessionView{}}
	for _, ses := range list {
		// The provider was asked for this account; the check keeps a
		// provider bug from showing another user's session.
		if ses.AccountID != c.UserID || expired(ses.ExpiresAt, now) {
			continue
		}
		out.Sessions = append(out.Sessions, newSessionView(ses, c.SessionID))
	}
	return out, nil
}

// RevokeSessionInput is the query of DELETE .../sessions/:sessionId.
type RevokeSessionInput struct {
	// RevokeGrantsTarget also revokes the grants the session authorized:
	// "all", "firstParty", or none when empty.
	RevokeGrantsTarget RevokeGrantsTarget
}

// RevokeSession answers DELETE /api/my-account/sessions/:sessionId. uid is the session's uid; the caller may end their own session.
func (s *Account) RevokeSession(ctx context.Context, c Caller, uid string, in RevokeSessionInput) error {
	p := s.cfg.Sessions
	if p == nil {
		return ErrNoSessionProvider
	}
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	switch in.RevokeGrantsTarget {
	case RevokeGrantsNone, RevokeGrantsAll, RevokeGrantsFirstParty:
	default:
		return ErrInvalidInput
	}
	if uid == "" || !validText(uid) {
		return ErrInvalidInput
	}
	if err := s.sessionChecks(ctx, c, center, true); err != nil {
		return err
	}
	ses, err := p.Session(ctx, uid)
	switch {
	case errors.Is(err, account.ErrNotFound):
		return ErrSessionNotFound
	case err != nil:
		return fmt.Errorf("find session: %w", err)
	case expired(ses.ExpiresAt, s.now()):
		return ErrSessionNotFound
	case ses.AccountID != c.UserID:
		return ErrSessionOfOtherAccount
	}
	if err := p.RevokeSession(ctx, uid, in.RevokeGrantsTarget); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			return ErrSessionNotFound
		}
		return fmt.Errorf("revoke session: %w", err)
	}
	return nil
}

// sessionChecks are the checks the four sessions and grants routes share
// after the gate and the guard, in their order:
// verification header, the session field (readable, or editable for a
// delete), the sessions scope (401), and the first-party guard for a
// delete.
func (s *core) sessionChecks(ctx context.Context, c Caller, center *account.AccountCenter, edit bool) error {
	if err := s.requireVerified(ctx, c); err != nil {
		return err
	}
	mode := center.Mode(account.FieldSession)
	var err error
	if edit {
		err = requireEdit(mode)
	} else {
		err = requireReadable(mode)
	}
	if err != nil {
		return err
	}
	if err := requireScope(c, ScopeSessions, http.StatusUnauthorized); err != nil {
		return err
	}
	if edit {
		return requireFirstParty(c)
	}
	return nil
}

// newSessionView shapes a provider's session for the answer. The payload
// is copied, so the provider's map is never changed.
func newSessionView(ses Session, currentUID string) SessionView {
	payload := withDefaults(ses.Payload, map[string]any{"kind": "Session", "accountId": ses.AccountID})
	payload["uid"] = ses.UID // the client deletes by it: it must be the real one
	return SessionView{
		Payload:        payload,
		LastSubmission: maps.Clone(ses.LastSubmission),
		ClientID:       nullable(ses.ClientID),
		AccountID:      nullable(ses.AccountID),
		ExpiresAt:      expiresAt(ses.ExpiresAt),
		IsCurrent:      currentUID != "" && ses.UID == currentUID,
	}
}

// withDefaults returns a copy of m (never nil) with the keys of defaults
// that m lacks.
func withDefaults(m map[string]any, defaults map[string]any) map[string]any {
	out := make(map[string]any, len(m)+len(defaults))
	maps.Copy(out, m)
	for k, v := range defaults {
		if _, ok := out[k]; !ok {
			out[k] = v
		}
	}
	return out
}

// expiresAt is t in epoch milliseconds, 0 for the zero time (no end).
func expiresAt(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// expired reports whether a session or grant that ends at end has ended by
// now; the zero time never ends.
func expired(end, now time.Time) bool { return !end.IsZero() && !now.Before(end) }
