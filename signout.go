package myaccount

import (
	"context"
	"errors"

	"github.com/myaccount-go/myaccount/account"
)

// signOut ends a user's sessions and revokes their grants through the app's
// SessionProvider, when there is one, as Logto signs a user out when an
// administrator suspends or deletes them. It is best effort: a failure is
// logged, and the change that asked for it stands (the Account API refuses
// a suspended or deleted user anyway).
func (s *core) signOut(ctx context.Context, userID string) {
	p := s.cfg.Sessions
	if p == nil {
		return
	}
	warn := func(what string, err error) {
		if err != nil && !errors.Is(err, account.ErrNotFound) {
			s.cfg.Logger.WarnContext(ctx, "myaccount: signing a user out failed", "user", userID, "step", what, "error", err)
		}
	}
	sessions, err := p.Sessions(ctx, userID)
	warn("list sessions", err)
	for _, sess := range sessions {
		// Only the user's own, whatever the provider lists, as the read
		// routes do: a provider that lists too much must not sign out
		// someone else.
		if sess.AccountID == userID {
			warn("revoke session", p.RevokeSession(ctx, sess.UID, RevokeGrantsAll))
		}
	}
	grants, err := p.Grants(ctx, userID)
	warn("list grants", err)
	for _, g := range grants {
		if g.AccountID == userID {
			warn("revoke grant", p.RevokeGrant(ctx, g.ID))
		}
	}
}
