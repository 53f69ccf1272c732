package myaccount

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// The actions the lockout reports to the hook.
const (
	actionPassword         = "Password"
	actionVerificationCode = "VerificationCode"
	actionTOTP             = "Totp"
	actionBackupCode       = "BackupCode"
)

// errBlocked is the account's lockout answer; its data says when to try
// again, so the message can tell the user.
func errBlocked(retryAfter time.Duration) *account.Error {
	return account.NewError(http.StatusBadRequest, account.CodeVerificationBlocked).
		WithData(map[string]any{"retryAfterSeconds": ceilSeconds(retryAfter)})
}

// errClientBlocked answers a client that failed too often: the code of the
// account's lockout, with 429, because it is the source that is slowed
// down, not the account that is locked.
func errClientBlocked(retryAfter time.Duration) *account.Error {
	return account.NewError(http.StatusTooManyRequests, account.CodeVerificationBlocked).
		WithData(map[string]any{"retryAfterSeconds": ceilSeconds(retryAfter)})
}

func ceilSeconds(d time.Duration) int64 { return int64(math.Ceil(d.Seconds())) }

// A guarded check is one credential check (a password, a code, a second
// factor) under the lockouts: the pool of the account it is for and, at
// sign-in, the limits of the client that sends it.
type guarded struct {
	action string
	// account is the pool of the account: the user found or, for an
	// identifier nobody holds, its normalized form, so every spelling of
	// one identifier shares one counter.
	account counterKey
	// userID is the user the check is for, when known (for the hook).
	userID string
	// client is the caller's address at sign-in (Caller.ClientAddr); empty
	// when the check is made for a signed-in user, or the host does not
	// know the address: then no client limit applies.
	client string
}

// clientKeys are the client's counters: its failures on this account, and
// its failures on any account.
func (g guarded) clientKeys() (onAccount, anyAccount counterKey) {
	// The account key's string has a fixed format without spaces, so no
	// other account and client spell the same pair.
	client := clientKey(g.client)
	onAccount = counterKey{poolClientFailures, subjectClientOnAccount, g.account.String() + " " + client}
	anyAccount = counterKey{poolClientFailures, subjectClient, client}
	return onAccount, anyAccount
}

// check fails while the client or the account is locked out: 429 for the
// client (it is stopped first), 400
// session.verification_blocked_too_many_attempts for the account, which it
// also tells the hook.
func (s *core) check(ctx context.Context, g guarded) error {
	now := s.now()
	if g.client != "" {
		onAccount, anyAccount := g.clientKeys()
		for _, k := range []counterKey{onAccount, anyAccount} {
			until, err := s.blockedUntil(ctx, k)
			if err != nil {
				return err
			}
			if now.Before(until) {
				return errClientBlocked(until.Sub(now))
			}
		}
	}
	until, err := s.blockedUntil(ctx, g.account)
	if err != nil {
		return err
	}
	if now.Before(until) {
		s.emit(ctx, Event{Type: EventIdentifierLockout, UserID: g.userID, Action: g.action})
		return errBlocked(until.Sub(now))
	}
	return nil
}

// fail counts a failed attempt on the client's counters and on the
// account's. When the account's failures within the window reach the
// limit, the account is locked out and the answer is its lockout error;
// when the client's reach theirs, the client is, and the answer is the
// client's; otherwise it is failure.
func (s *core) fail(ctx context.Context, g guarded, failure error) error {
	p := s.cfg.Lockout
	answer := failure
	if g.client != "" {
		onAccount, anyAccount := g.clientKeys()
		for _, c := range []struct {
			key   counterKey
			limit int
		}{{onAccount, p.ClientMaxAttempts}, {anyAccount, p.ClientMaxFailures}} {
			reached, err := s.countHit(ctx, c.key, p.ClientWindow, c.limit, p.ClientDuration)
			if err != nil {
				return err
			}
			if reached {
				answer = errClientBlocked(p.ClientDuration)
			}
		}
	}
	reached, err := s.countHit(ctx, g.account, p.Window, p.MaxAttempts, p.Duration)
	if err != nil {
		return err
	}
	if reached {
		s.emit(ctx, Event{Type: EventIdentifierLockout, UserID: g.userID, Action: g.action})
		return errBlocked(p.Duration)
	}
	return answer
}

// countHit adds a hit to key and, when its hits within window reach limit,
// blocks it for duration. It reports whether it blocked.
func (s *core) countHit(ctx context.Context, key counterKey, window time.Duration, limit int, duration time.Duration) (bool, error) {
	now := s.now()
	n, _, err := s.cfg.Store.AddHit(ctx, key.String(), now, window, 0)
	if err != nil {
		return false, fmt.Errorf("count failed attempt: %w", err)
	}
	if n < limit {
		return false, nil
	}
	if err := s.cfg.Store.Block(ctx, key.String(), now.Add(duration)); err != nil {
		return false, fmt.Errorf("lock out: %w", err)
	}
	return true, nil
}

// blockedUntil is when key's lockout ends (the zero time: never blocked).
func (s *core) blockedUntil(ctx context.Context, key counterKey) (time.Time, error) {
	until, err := s.cfg.Store.BlockedUntil(ctx, key.String())
	if err != nil {
		return time.Time{}, fmt.Errorf("read lockout: %w", err)
	}
	return until, nil
}

// userPool is the counter of a user's checks in a pool.
func userPool(pool counterPool, userID string) counterKey {
	return counterKey{pool, subjectUser, userID}
}
