package myaccount

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// WebAuthnSignIn answers SignIn.BeginPasskey: the ceremony to finish, and
// the options for navigator.credentials.get.
type WebAuthnSignIn struct {
	CeremonyID string          `json:"ceremonyId"`
	Options    json.RawMessage `json:"options"`
	ExpiresAt  string          `json:"expiresAt"`
}

// BeginPasskey starts a passkey sign-in: for a known user (userID),
// or a discoverable one (userID empty: the passkey tells who). The relying
// party is the request's, as for registration. The ceremony's session is
// stored, so any app instance can finish it.
func (s *SignIn) BeginPasskey(ctx context.Context, c Caller, userID string) (*WebAuthnSignIn, error) {
	center, err := s.accountCenter(ctx)
	if err != nil {
		return nil, err
	}
	var wu *mfa.WebAuthnUser
	if userID != "" {
		u, err := s.cfg.Store.GetUser(ctx, userID)
		if errors.Is(err, account.ErrNotFound) {
			return nil, ErrWebAuthnFailed
		}
		if err != nil {
			return nil, fmt.Errorf("load user: %w", err)
		}
		w, err := s.webAuthnUser(ctx, u)
		if err != nil {
			return nil, err
		}
		if len(w.Credentials) == 0 {
			return nil, ErrWebAuthnFailed
		}
		wu = &w
	}
	options, session, err := mfa.BeginLogin(relyingParty(c, center), wu)
	if err != nil {
		return nil, webAuthnError(err)
	}
	res, err := s.createRecord(ctx, &verification.Record{Type: verification.TypeSignInPasskey, UserID: userID, Session: session})
	if err != nil {
		return nil, err
	}
	return &WebAuthnSignIn{CeremonyID: res.VerificationRecordID, Options: options, ExpiresAt: isoTime(res.ExpiresAt)}, nil
}

// FinishPasskey checks the browser's assertion against the stored
// ceremony, which is taken in the same step (a response cannot be replayed),
// and returns the signed-in user's id.
//
// pendingUserID is the user the host expects: the one whose first step
// passed, when the passkey is the second factor. The assertion must then
// be a passkey of that user, whatever the ceremony: one begun for another
// user, or a discoverable one whose passkey names another user, is
// refused with 400 session.mfa.webauthn_verification_failed (the ceremony
// is used up all the same). Empty pendingUserID is a passwordless sign-in:
// the passkey's user signs in, the one the ceremony was begun for or,
// for a discoverable ceremony, the one its user handle names.
//
// A sign counter that does not move forward is refused (a cloned
// authenticator), unless MFAPolicy.AllowSignCountRollback says otherwise;
// the passkey's counter and last use are stored by one conditional store
// step. A relying party the request cannot have (an IP address as host)
// is the same 400.
func (s *SignIn) FinishPasskey(ctx context.Context, c Caller, pendingUserID, ceremonyID string, response json.RawMessage) (string, error) {
	center, err := s.accountCenter(ctx)
	if err != nil {
		return "", err
	}
	if !validText(ceremonyID) {
		return "", ErrRecordNotFound
	}
	r, err := s.cfg.Store.GetRecord(ctx, ceremonyID)
	if errors.Is(err, account.ErrNotFound) || (err == nil && (r.Type != verification.TypeSignInPasskey || r.Expired(s.now()))) {
		return "", ErrRecordNotFound
	}
	if err != nil {
		return "", fmt.Errorf("load ceremony: %w", err)
	}
	session, err := s.cfg.Store.TakeSession(ctx, r.ID)
	if errors.Is(err, account.ErrNotFound) {
		return "", ErrPendingInfoNotFound
	}
	if err != nil {
		return "", fmt.Errorf("take ceremony: %w", err)
	}
	var factor *mfa.Factor
	var user *account.User
	find := func(credentialID, userHandle []byte) (*mfa.WebAuthnUser, error) {
		id, err := ceremonyUser(r.UserID, userHandle, pendingUserID)
		if err != nil {
			return nil, err
		}
		u, err := s.cfg.Store.GetUser(ctx, id)
		if err != nil {
			return nil, err
		}
		wu, err := s.webAuthnUser(ctx, u)
		if err != nil {
			return nil, err
		}
		factors, err := s.factors(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		for _, f := range factors {
			if f.Type == mfa.TypeWebAuthn && bytes.Equal(f.WebAuthn.CredentialID, credentialID) {
				factor = f
			}
		}
		user = u
		return &wu, nil
	}
	res, err := mfa.FinishLogin(relyingParty(c, center), session, response, find)
	if err != nil {
		return "", webAuthnError(err)
	}
	if factor == nil || user == nil || (pendingUserID != "" && user.ID != pendingUserID) {
		return "", ErrWebAuthnFailed
	}
	if res.CloneWarning && !s.cfg.MFA.AllowSignCountRollback {
		return "", ErrWebAuthnFailed.WithData(map[string]any{"message": "the authenticator's sign counter did not increase"})
	}
	err = s.cfg.Store.AdvanceSignCount(ctx, user.ID, factor.ID, res.SignCount, res.BackupState, s.now())
	if errors.Is(err, account.ErrConflict) && !s.cfg.MFA.AllowSignCountRollback {
		return "", ErrWebAuthnFailed
	}
	if err != nil && !errors.Is(err, account.ErrConflict) {
		return "", fmt.Errorf("record passkey use: %w", err)
	}
	if user.IsSuspended {
		return "", ErrSuspended
	}
	return user.ID, nil
}

// errNotPendingUser refuses a passkey of anyone but the pending user. It
// is account.ErrNotFound to mfa.FinishLogin, so a verification failure,
// and its text says nothing about whose passkey it was.
var errNotPendingUser = fmt.Errorf("the passkey is not the expected user's: %w", account.ErrNotFound)

// ceremonyUser is the user whose passkey a sign-in assertion must be: the
// one the ceremony was begun for, or else the one the passkey's user
// handle names. With a pending user, it must be that user. A user handle
// that cannot be a user id is nobody's (it is never sent to the store).
func ceremonyUser(ceremonyUserID string, userHandle []byte, pendingUserID string) (string, error) {
	id := ceremonyUserID
	if id == "" {
		id = string(userHandle)
	}
	if id == "" || len(id) > 64 || !validText(id) {
		return "", fmt.Errorf("the passkey names no user: %w", account.ErrNotFound)
	}
	if pendingUserID != "" && id != pendingUserID {
		return "", errNotPendingUser
	}
	return id, nil
}
