package myaccount

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// The actions the lockout counts (spec §6.8). Failures of all of them share
// one pool per target.
const (
	actionPassword         = "Password"
	actionVerificationCode = "VerificationCode"
)

// lockoutTarget is the counter key of an identifier: its SHA-256, so the
// store never holds the identifier itself.
func lockoutTarget(value string) string {
	sum := sha256.Sum256([]byte(value))
	return "lockout:" + hex.EncodeToString(sum[:])
}

// errBlocked is the lockout answer; its data says when to try again, so the
// message can tell the user.
func errBlocked(retryAfter time.Duration) *account.Error {
	secs := int64(math.Ceil(retryAfter.Seconds()))
	return account.NewError(http.StatusBadRequest, account.CodeVerificationBlocked).
		WithData(map[string]any{"retryAfterSeconds": secs})
}

// checkLockout fails with 400 verification_blocked_too_many_attempts while
// the target is locked out, and tells the hook.
func (s *Service) checkLockout(ctx context.Context, action, value, userID string) error {
	until, err := s.cfg.Store.BlockedUntil(ctx, lockoutTarget(value))
	if err != nil {
		return fmt.Errorf("read lockout: %w", err)
	}
	if now := s.now(); now.Before(until) {
		s.emit(ctx, Event{Type: EventIdentifierLockout, UserID: userID, Action: action})
		return errBlocked(until.Sub(now))
	}
	return nil
}

// countFailure counts a failed attempt against the target. When the
// failures within the window reach the limit, the target is locked out and
// the answer is the lockout error; otherwise it is failure.
func (s *Service) countFailure(ctx context.Context, action, value, userID string, failure error) error {
	key := lockoutTarget(value)
	now := s.now()
	n, _, err := s.cfg.Store.AddHit(ctx, key, now, s.cfg.Lockout.Window, 0)
	if err != nil {
		return fmt.Errorf("count failed attempt: %w", err)
	}
	if n < s.cfg.Lockout.MaxAttempts {
		return failure
	}
	if err := s.cfg.Store.Block(ctx, key, now.Add(s.cfg.Lockout.Duration)); err != nil {
		return fmt.Errorf("lock out: %w", err)
	}
	s.emit(ctx, Event{Type: EventIdentifierLockout, UserID: userID, Action: action})
	return errBlocked(s.cfg.Lockout.Duration)
}
