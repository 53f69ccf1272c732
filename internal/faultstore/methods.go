// The Store methods: each counts as one call and forwards, unless it is
// the call to fail. One per method of the three store contracts.

package faultstore

import (
	"context"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// CreateUser forwards to the inner store, unless this call is the one to fail.
func (s *Store) CreateUser(ctx context.Context, u *account.User) error {
	if err := s.before("CreateUser"); err != nil {
		return err
	}
	return s.inner.CreateUser(ctx, u)
}

// GetUser forwards to the inner store, unless this call is the one to fail.
func (s *Store) GetUser(ctx context.Context, id string) (*account.User, error) {
	if err := s.before("GetUser"); err != nil {
		var r0 *account.User
		return r0, err
	}
	return s.inner.GetUser(ctx, id)
}

// FindUser forwards to the inner store, unless this call is the one to fail.
func (s *Store) FindUser(ctx context.Context, kind account.IdentifierKind, key string) (*account.User, error) {
	if err := s.before("FindUser"); err != nil {
		var r0 *account.User
		return r0, err
	}
	return s.inner.FindUser(ctx, kind, key)
}

// FindUserBySocialIdentity forwards to the inner store, unless this call is the one to fail.
func (s *Store) FindUserBySocialIdentity(ctx context.Context, target string, socialUserID string) (*account.User, error) {
	if err := s.before("FindUserBySocialIdentity"); err != nil {
		var r0 *account.User
		return r0, err
	}
	return s.inner.FindUserBySocialIdentity(ctx, target, socialUserID)
}

// UpdateUser forwards to the inner store, unless this call is the one to fail.
func (s *Store) UpdateUser(ctx context.Context, id string, change func(u *account.User) error) (*account.User, error) {
	inChange, err := s.beforeChange("UpdateUser")
	if err != nil && !inChange {
		return nil, err
	}
	return s.inner.UpdateUser(ctx, id, failing(change, err))
}

// ListUsers forwards to the inner store, unless this call is the one to fail.
func (s *Store) ListUsers(ctx context.Context, q account.UserQuery) ([]*account.User, int, error) {
	if err := s.before("ListUsers"); err != nil {
		var r0 []*account.User
		var r1 int
		return r0, r1, err
	}
	return s.inner.ListUsers(ctx, q)
}

// DeleteUser forwards to the inner store, unless this call is the one to fail.
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	if err := s.before("DeleteUser"); err != nil {
		return err
	}
	return s.inner.DeleteUser(ctx, id)
}

// PutTokenSet forwards to the inner store, unless this call is the one to fail.
func (s *Store) PutTokenSet(ctx context.Context, ts *account.TokenSet) error {
	if err := s.before("PutTokenSet"); err != nil {
		return err
	}
	return s.inner.PutTokenSet(ctx, ts)
}

// GetTokenSet forwards to the inner store, unless this call is the one to fail.
func (s *Store) GetTokenSet(ctx context.Context, userID string, target string) (*account.TokenSet, error) {
	if err := s.before("GetTokenSet"); err != nil {
		var r0 *account.TokenSet
		return r0, err
	}
	return s.inner.GetTokenSet(ctx, userID, target)
}

// DeleteTokenSet forwards to the inner store, unless this call is the one to fail.
func (s *Store) DeleteTokenSet(ctx context.Context, userID string, target string) error {
	if err := s.before("DeleteTokenSet"); err != nil {
		return err
	}
	return s.inner.DeleteTokenSet(ctx, userID, target)
}

// CreateAccessToken forwards to the inner store, unless this call is the one to fail.
func (s *Store) CreateAccessToken(ctx context.Context, t *account.PersonalAccessToken) error {
	if err := s.before("CreateAccessToken"); err != nil {
		return err
	}
	return s.inner.CreateAccessToken(ctx, t)
}

// ListAccessTokens forwards to the inner store, unless this call is the one to fail.
func (s *Store) ListAccessTokens(ctx context.Context, userID string) ([]*account.PersonalAccessToken, error) {
	if err := s.before("ListAccessTokens"); err != nil {
		var r0 []*account.PersonalAccessToken
		return r0, err
	}
	return s.inner.ListAccessTokens(ctx, userID)
}

// PutSSOIdentity forwards to the inner store, unless this call is the one to fail.
func (s *Store) PutSSOIdentity(ctx context.Context, id *account.SSOIdentity) (*account.SSOIdentity, error) {
	if err := s.before("PutSSOIdentity"); err != nil {
		var r0 *account.SSOIdentity
		return r0, err
	}
	return s.inner.PutSSOIdentity(ctx, id)
}

// ListSSOIdentities forwards to the inner store, unless this call is the one to fail.
func (s *Store) ListSSOIdentities(ctx context.Context, userID string) ([]*account.SSOIdentity, error) {
	if err := s.before("ListSSOIdentities"); err != nil {
		var r0 []*account.SSOIdentity
		return r0, err
	}
	return s.inner.ListSSOIdentities(ctx, userID)
}

// FindAccessToken forwards to the inner store, unless this call is the one to fail.
func (s *Store) FindAccessToken(ctx context.Context, hash []byte) (*account.PersonalAccessToken, error) {
	if err := s.before("FindAccessToken"); err != nil {
		var r0 *account.PersonalAccessToken
		return r0, err
	}
	return s.inner.FindAccessToken(ctx, hash)
}

// RenameAccessToken forwards to the inner store, unless this call is the one to fail.
func (s *Store) RenameAccessToken(ctx context.Context, userID string, name string, newName string) (*account.PersonalAccessToken, error) {
	if err := s.before("RenameAccessToken"); err != nil {
		var r0 *account.PersonalAccessToken
		return r0, err
	}
	return s.inner.RenameAccessToken(ctx, userID, name, newName)
}

// DeleteAccessToken forwards to the inner store, unless this call is the one to fail.
func (s *Store) DeleteAccessToken(ctx context.Context, userID string, name string) error {
	if err := s.before("DeleteAccessToken"); err != nil {
		return err
	}
	return s.inner.DeleteAccessToken(ctx, userID, name)
}

// GetAccountCenter forwards to the inner store, unless this call is the one to fail.
func (s *Store) GetAccountCenter(ctx context.Context) (*account.AccountCenter, error) {
	if err := s.before("GetAccountCenter"); err != nil {
		var r0 *account.AccountCenter
		return r0, err
	}
	return s.inner.GetAccountCenter(ctx)
}

// UpdateAccountCenter forwards to the inner store, unless this call is the one to fail.
func (s *Store) UpdateAccountCenter(ctx context.Context, change func(c *account.AccountCenter) error) (*account.AccountCenter, error) {
	inChange, err := s.beforeChange("UpdateAccountCenter")
	if err != nil && !inChange {
		return nil, err
	}
	return s.inner.UpdateAccountCenter(ctx, failing(change, err))
}

// CreateRecord forwards to the inner store, unless this call is the one to fail.
func (s *Store) CreateRecord(ctx context.Context, r *verification.Record) error {
	if err := s.before("CreateRecord"); err != nil {
		return err
	}
	return s.inner.CreateRecord(ctx, r)
}

// GetRecord forwards to the inner store, unless this call is the one to fail.
func (s *Store) GetRecord(ctx context.Context, id string) (*verification.Record, error) {
	if err := s.before("GetRecord"); err != nil {
		var r0 *verification.Record
		return r0, err
	}
	return s.inner.GetRecord(ctx, id)
}

// CountCodeAttempt forwards to the inner store, unless this call is the one to fail.
func (s *Store) CountCodeAttempt(ctx context.Context, id string) (int, error) {
	if err := s.before("CountCodeAttempt"); err != nil {
		var r0 int
		return r0, err
	}
	return s.inner.CountCodeAttempt(ctx, id)
}

// ConsumeCode forwards to the inner store, unless this call is the one to fail.
func (s *Store) ConsumeCode(ctx context.Context, id string) error {
	if err := s.before("ConsumeCode"); err != nil {
		return err
	}
	return s.inner.ConsumeCode(ctx, id)
}

// TakeSession forwards to the inner store, unless this call is the one to fail.
func (s *Store) TakeSession(ctx context.Context, id string) ([]byte, error) {
	if err := s.before("TakeSession"); err != nil {
		var r0 []byte
		return r0, err
	}
	return s.inner.TakeSession(ctx, id)
}

// Complete forwards to the inner store, unless this call is the one to fail.
func (s *Store) Complete(ctx context.Context, id string, result []byte) error {
	if err := s.before("Complete"); err != nil {
		return err
	}
	return s.inner.Complete(ctx, id, result)
}

// UseRecord forwards to the inner store, unless this call is the one to fail.
func (s *Store) UseRecord(ctx context.Context, id string) error {
	if err := s.before("UseRecord"); err != nil {
		return err
	}
	return s.inner.UseRecord(ctx, id)
}

// DeleteExpiredRecords forwards to the inner store, unless this call is the one to fail.
func (s *Store) DeleteExpiredRecords(ctx context.Context, now time.Time) (int, error) {
	if err := s.before("DeleteExpiredRecords"); err != nil {
		var r0 int
		return r0, err
	}
	return s.inner.DeleteExpiredRecords(ctx, now)
}

// AddHit forwards to the inner store, unless this call is the one to fail.
func (s *Store) AddHit(ctx context.Context, key string, at time.Time, window time.Duration, limit int) (int, bool, error) {
	if err := s.before("AddHit"); err != nil {
		var r0 int
		var r1 bool
		return r0, r1, err
	}
	return s.inner.AddHit(ctx, key, at, window, limit)
}

// CountHits forwards to the inner store, unless this call is the one to fail.
func (s *Store) CountHits(ctx context.Context, key string, at time.Time, window time.Duration) (int, error) {
	if err := s.before("CountHits"); err != nil {
		var r0 int
		return r0, err
	}
	return s.inner.CountHits(ctx, key, at, window)
}

// Block forwards to the inner store, unless this call is the one to fail.
func (s *Store) Block(ctx context.Context, key string, until time.Time) error {
	if err := s.before("Block"); err != nil {
		return err
	}
	return s.inner.Block(ctx, key, until)
}

// BlockedUntil forwards to the inner store, unless this call is the one to fail.
func (s *Store) BlockedUntil(ctx context.Context, key string) (time.Time, error) {
	if err := s.before("BlockedUntil"); err != nil {
		var r0 time.Time
		return r0, err
	}
	return s.inner.BlockedUntil(ctx, key)
}

// BindFactor forwards to the inner store, unless this call is the one to fail.
func (s *Store) BindFactor(ctx context.Context, f *mfa.Factor, replacing string, change func(u *account.User) error) (*account.User, error) {
	inChange, err := s.beforeChange("BindFactor")
	if err != nil && !inChange {
		return nil, err
	}
	return s.inner.BindFactor(ctx, f, replacing, failing(change, err))
}

// ListFactors forwards to the inner store, unless this call is the one to fail.
func (s *Store) ListFactors(ctx context.Context, userID string) ([]*mfa.Factor, error) {
	if err := s.before("ListFactors"); err != nil {
		var r0 []*mfa.Factor
		return r0, err
	}
	return s.inner.ListFactors(ctx, userID)
}

// GetFactor forwards to the inner store, unless this call is the one to fail.
func (s *Store) GetFactor(ctx context.Context, userID string, id string) (*mfa.Factor, error) {
	if err := s.before("GetFactor"); err != nil {
		var r0 *mfa.Factor
		return r0, err
	}
	return s.inner.GetFactor(ctx, userID, id)
}

// FindWebAuthnCredential forwards to the inner store, unless this call is the one to fail.
func (s *Store) FindWebAuthnCredential(ctx context.Context, credentialID []byte) (*mfa.Factor, error) {
	if err := s.before("FindWebAuthnCredential"); err != nil {
		var r0 *mfa.Factor
		return r0, err
	}
	return s.inner.FindWebAuthnCredential(ctx, credentialID)
}

// RenameFactor forwards to the inner store, unless this call is the one to fail.
func (s *Store) RenameFactor(ctx context.Context, userID string, id string, name string) error {
	if err := s.before("RenameFactor"); err != nil {
		return err
	}
	return s.inner.RenameFactor(ctx, userID, id, name)
}

// DeleteFactor forwards to the inner store, unless this call is the one to fail.
func (s *Store) DeleteFactor(ctx context.Context, userID string, id string) error {
	if err := s.before("DeleteFactor"); err != nil {
		return err
	}
	return s.inner.DeleteFactor(ctx, userID, id)
}

// UseBackupCode forwards to the inner store, unless this call is the one to fail.
func (s *Store) UseBackupCode(ctx context.Context, userID string, id string, index int, at time.Time) error {
	if err := s.before("UseBackupCode"); err != nil {
		return err
	}
	return s.inner.UseBackupCode(ctx, userID, id, index, at)
}

// AdvanceTOTPStep forwards to the inner store, unless this call is the one to fail.
func (s *Store) AdvanceTOTPStep(ctx context.Context, userID string, id string, step int64, at time.Time) error {
	if err := s.before("AdvanceTOTPStep"); err != nil {
		return err
	}
	return s.inner.AdvanceTOTPStep(ctx, userID, id, step, at)
}

// AdvanceSignCount forwards to the inner store, unless this call is the one to fail.
func (s *Store) AdvanceSignCount(ctx context.Context, userID string, id string, signCount uint32, backupState bool, at time.Time) error {
	if err := s.before("AdvanceSignCount"); err != nil {
		return err
	}
	return s.inner.AdvanceSignCount(ctx, userID, id, signCount, backupState, at)
}
