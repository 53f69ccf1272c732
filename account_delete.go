package myaccount

import (
	"context"
	"errors"

	"github.com/myaccount-go/myaccount/account"
)

// Delete answers DELETE /api/my-account (204), the self-service
// deletion this library adds beyond Logto (which only links to the
// account center's deleteAccountUrl). Checks, in order: the gate, the
// verification header (401 verification_record.permission_denied), the
// deleteAccount field (Off by default; not Edit: 400
// account_center.field_not_editable), the first-party guard (403). Then
// the user and every row of theirs go in one store step (identities, token
// sets, factors, verification records), the user is signed out of the app's
// sessions when a SessionProvider is configured, and User.Deleted is
// emitted. The token's later calls answer 401 auth.unauthorized.
func (s *Account) Delete(ctx context.Context, c Caller) error {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	if err := s.requireVerified(ctx, c); err != nil {
		return err
	}
	if err := requireEdit(center.Mode(account.FieldDeleteAccount)); err != nil {
		return err
	}
	if err := requireFirstParty(c); err != nil {
		return err
	}
	err = s.deleteUser(ctx, c.UserID)
	if errors.Is(err, account.ErrNotFound) {
		return userWriteError(err, "")
	}
	return err
}
