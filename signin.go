package myaccount

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// This file is the sign-in side: the checks a host's own login calls to use
// the factors its users manage in the account center. Each check counts
// failures under the lockout, and the single-use ones (a TOTP code, a
// backup code, a WebAuthn assertion) are consumed by one store step, so a
// code or an assertion cannot be used twice, even by two app instances at
// once.

var (
	errInvalidBackupCode = account.NewError(http.StatusBadRequest, account.CodeInvalidBackupCode)
	errWebAuthnFailed    = account.NewError(http.StatusBadRequest, account.CodeWebAuthnVerificationFailed)
)

// SignInIdentifier names a user at sign-in: a username, an email or a
// phone, as the user typed it.
type SignInIdentifier struct {
	Kind  account.IdentifierKind
	Value string
}

// SignInResult is who signed in with a password: what a host needs to go
// on with its login, and no secret.
type SignInResult struct {
	// UserID is the user's id.
	UserID string
	// Factors are the second factors the user has bound (their types, in
	// the order bound), so the host can tell whether to ask for one.
	Factors []mfa.FactorType
}

// Password checks a password for the user an identifier names
// (spec §6.8), under the lockouts: failures count on the user found, in
// whatever spelling the identifier was typed (an email in any case, a
// phone with or without "+" or a trunk zero, the username), and for an
// identifier nobody holds on its normalized form; the client's failures
// (c.ClientAddr) count too and lock the client out first (LockoutPolicy).
// An unknown identifier costs the same time as a wrong password and gets
// the same answer, 422 session.invalid_credentials; a suspended user gets
// 401 user.suspended.
func (s *SignIn) Password(ctx context.Context, c Caller, id SignInIdentifier, password string) (*SignInResult, error) {
	if id.Value == "" || password == "" || !validText(id.Value) {
		return nil, errInvalidInput
	}
	key, known, err := s.signInLookupKey(id)
	if err != nil {
		return nil, err
	}
	var u *account.User
	if known {
		if u, err = s.findByKey(ctx, id.Kind, key); err != nil {
			return nil, err
		}
	}
	g := guarded{action: actionPassword, account: counterKey{poolCredential, unknownSubject(id.Kind), key}, client: c.ClientAddr}
	if u != nil {
		g.account, g.userID = userPool(poolCredential, u.ID), u.ID
	}
	if err := s.check(ctx, g); err != nil {
		return nil, err
	}
	var ok bool
	if u == nil {
		err = account.VerifyDecoy(ctx, s.cfg.Hasher, password)
	} else {
		ok, err = s.checkPassword(ctx, u, password)
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.fail(ctx, g, errInvalidCredential)
	}
	if u.IsSuspended {
		return nil, errSuspended
	}
	factors, err := s.factors(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	res := &SignInResult{UserID: u.ID}
	for _, f := range factors {
		if !slices.Contains(res.Factors, f.Type) {
			res.Factors = append(res.Factors, f.Type)
		}
	}
	return res, nil
}

// signInLookupKey is the key under which the store finds the user an
// identifier names (identifierKey: every spelling has one key). An
// identifier with no normal form (an address that is not one bare
// addr-spec, a phone that does not parse) names nobody: known is false,
// and its key is only a counter's, the value lowercased without a "+".
func (s *core) signInLookupKey(id SignInIdentifier) (key string, known bool, err error) {
	switch id.Kind {
	case account.IdentifierUsername, account.IdentifierEmail, account.IdentifierPhone:
	default:
		return "", false, errInvalidInput
	}
	if key, ok := s.identifierKey(id.Kind, id.Value); ok {
		return key, true, nil
	}
	return strings.ToLower(strings.TrimPrefix(id.Value, "+")), false, nil
}

// unknownSubject is the counter subject of an identifier nobody holds.
func unknownSubject(kind account.IdentifierKind) counterSubject {
	switch kind {
	case account.IdentifierEmail:
		return subjectEmail
	case account.IdentifierPhone:
		return subjectPhone
	}
	return subjectUsername
}

// findByKey returns the user holding the identifier key of this kind, or
// nil.
func (s *core) findByKey(ctx context.Context, kind account.IdentifierKind, key string) (*account.User, error) {
	u, err := s.cfg.Store.FindUser(ctx, kind, key)
	if errors.Is(err, account.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return u, nil
}

// Complete stamps the user's last sign-in time: the host calls it when
// its login completes.
func (s *SignIn) Complete(ctx context.Context, userID string) error {
	now := s.now()
	_, err := s.cfg.Store.UpdateUser(ctx, userID, func(u *account.User) error {
		u.LastSignInAt = now
		return nil
	})
	return err
}

// TOTP checks a code from the user's authenticator app (RFC 6238,
// one step of skew either way). A code is accepted once: its time step must
// be newer than the last accepted one, and the store advances that step
// only forward, so a replayed or concurrent second use fails. Failures
// count under the user's TOTP lockout and the client's (c.ClientAddr, as
// at SignInWithPassword); all of them answer 400
// session.mfa.invalid_totp_code.
func (s *SignIn) TOTP(ctx context.Context, c Caller, userID, code string) error {
	g := guarded{action: actionTOTP, account: userPool(poolTOTP, userID), userID: userID, client: c.ClientAddr}
	if err := s.check(ctx, g); err != nil {
		return err
	}
	fail := func() error { return s.fail(ctx, g, errInvalidTOTPCode) }
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

// BackupCode checks a backup code and uses it up. Of two concurrent
// uses of one code exactly one succeeds. Failures count under the user's
// backup-code lockout and the client's (c.ClientAddr); all of them answer
// 400 session.mfa.invalid_backup_code. A set left after the user removed
// every other factor still works (signInBackupCodes).
func (s *SignIn) BackupCode(ctx context.Context, c Caller, userID, code string) error {
	g := guarded{action: actionBackupCode, account: userPool(poolBackupCode, userID), userID: userID, client: c.ClientAddr}
	if err := s.check(ctx, g); err != nil {
		return err
	}
	fail := func() error { return s.fail(ctx, g, errInvalidBackupCode) }
	factors, err := s.factors(ctx, userID)
	if err != nil {
		return err
	}
	f := signInBackupCodes(factors)
	if f == nil || len(code) > 64 {
		return fail()
	}
	normalized := []byte(mfa.NormalizeBackupCode(code))
	// Check every code, so the time taken does not tell which one matched.
	index := -1
	for i, bc := range f.BackupCodes {
		if s.cfg.Cipher.VerifyMAC(normalized, bc.Hash) && index < 0 {
			index = i
		}
	}
	if index < 0 || !f.BackupCodes[index].UsedAt.IsZero() {
		return fail()
	}
	err = s.cfg.Store.UseBackupCode(ctx, userID, f.ID, index, s.now())
	if errors.Is(err, account.ErrConflict) || errors.Is(err, account.ErrNotFound) {
		return fail() // used by a concurrent sign-in, or gone
	}
	if err != nil {
		return fmt.Errorf("use backup code: %w", err)
	}
	return nil
}

// WebAuthnSignIn answers BeginWebAuthnSignIn: the ceremony to finish, and
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
			return nil, errWebAuthnFailed
		}
		if err != nil {
			return nil, fmt.Errorf("load user: %w", err)
		}
		w, err := s.webAuthnUser(ctx, u)
		if err != nil {
			return nil, err
		}
		if len(w.Credentials) == 0 {
			return nil, errWebAuthnFailed
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
		return "", errRecordNotFound
	}
	r, err := s.cfg.Store.GetRecord(ctx, ceremonyID)
	if errors.Is(err, account.ErrNotFound) || (err == nil && (r.Type != verification.TypeSignInPasskey || r.Expired(s.now()))) {
		return "", errRecordNotFound
	}
	if err != nil {
		return "", fmt.Errorf("load ceremony: %w", err)
	}
	session, err := s.cfg.Store.TakeSession(ctx, r.ID)
	if errors.Is(err, account.ErrNotFound) {
		return "", errPendingInfoNotFound
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
		return "", errWebAuthnFailed
	}
	if res.CloneWarning && !s.cfg.MFA.AllowSignCountRollback {
		return "", errWebAuthnFailed.WithData(map[string]any{"message": "the authenticator's sign counter did not increase"})
	}
	err = s.cfg.Store.AdvanceSignCount(ctx, user.ID, factor.ID, res.SignCount, res.BackupState, s.now())
	if errors.Is(err, account.ErrConflict) && !s.cfg.MFA.AllowSignCountRollback {
		return "", errWebAuthnFailed
	}
	if err != nil && !errors.Is(err, account.ErrConflict) {
		return "", fmt.Errorf("record passkey use: %w", err)
	}
	if user.IsSuspended {
		return "", errSuspended
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
