package myaccount

import (
	"context"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// TOTP checks a code from the user's authenticator app (RFC 6238,
// one step of skew either way). A code is accepted once: its time step must
// be newer than the last accepted one, and the store advances that step
// only forward, so a replayed or concurrent second use fails. Failures
// count under the user's TOTP lockout and the client's (c.ClientAddr, as
// at Password); all of them answer 400
// session.mfa.invalid_totp_code.
func (s *SignIn) TOTP(ctx context.Context, c Caller, userID, code string) error {
	g := guarded{action: actionTOTP, account: userPool(poolTOTP, userID), userID: userID, client: c.ClientAddr}
	if err := s.check(ctx, g); err != nil {
		return err
	}
	fail := func() error { return s.fail(ctx, g, ErrInvalidTOTPCode) }
	factors, err := s.factors(ctx, userID)
	if err != nil {
		return err
	}
	f := firstOfType(factors, mfa.TypeTOTP)
	if f == nil {
		return fail()
	}
	secret, err := s.openTOTP(f)
	if err != nil {
		return err
	}
	step, ok := mfa.MatchTOTP(secret, code, s.now())
	if !ok {
		return fail()
	}
	err = s.cfg.Store.AdvanceTOTPStep(ctx, userID, f.ID, step, s.now())
	if errors.Is(err, account.ErrConflict) || errors.Is(err, account.ErrNotFound) {
		return fail() // replayed, or the factor went away
	}
	if err != nil {
		return fmt.Errorf("advance TOTP step: %w", err)
	}
	return nil
}
