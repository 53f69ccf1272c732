package myaccount

import (
	"context"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// SetPrimaryEmailInput is the body of POST /api/my-account/primary-email.
type SetPrimaryEmailInput struct {
	Email                             string `json:"email"`
	NewIdentifierVerificationRecordID string `json:"newIdentifierVerificationRecordId"`
}

// SetPrimaryPhoneInput is the body of POST /api/my-account/primary-phone.
type SetPrimaryPhoneInput struct {
	Phone                             string `json:"phone"`
	NewIdentifierVerificationRecordID string `json:"newIdentifierVerificationRecordId"`
}

// SetEmail answers POST /api/my-account/primary-email:
// it sets the email the caller proved with a verified code record. The
// address is read in its one form (Config.EmailSyntax; anything else is 400
// guard.invalid_input), and that form is what the email policy checks, the
// record must hold, and the user keeps.
func (s *Account) SetEmail(ctx context.Context, c Caller, in SetPrimaryEmailInput) error {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	email, ok := s.normalIdentifier(verification.IdentifierEmail, in.Email)
	if len(in.Email) > maxEmailInput || !ok || !validText(in.Email) || in.NewIdentifierVerificationRecordID == "" {
		return ErrInvalidInput
	}
	if err := s.identifierWriteChecks(ctx, c, center.Mode(account.FieldEmail), ScopeEmail); err != nil {
		return err
	}
	if err := s.cfg.EmailPolicy.Check(ctx, email); err != nil {
		return err
	}
	if err := s.provenIdentifier(ctx, c, in.NewIdentifierVerificationRecordID, verification.TypeEmailVerificationCode, email); err != nil {
		return err
	}
	return s.setIdentifier(ctx, c, ChangePrimaryEmail, account.IdentifierEmail, func(u *account.User) string {
		old := u.PrimaryEmail
		u.PrimaryEmail, u.EmailKey = email, account.EmailKey(email)
		return old
	})
}

// SetPhone answers POST /api/my-account/primary-phone:
// it sets the phone the caller proved with a verified code record, stored
// normalized; uniqueness compares normalized numbers, so a trunk zero
// cannot make a second account for one number.
func (s *Account) SetPhone(ctx context.Context, c Caller, in SetPrimaryPhoneInput) error {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	if !phoneShape.MatchString(in.Phone) || in.NewIdentifierVerificationRecordID == "" {
		return ErrInvalidInput
	}
	if err := s.identifierWriteChecks(ctx, c, center.Mode(account.FieldPhone), ScopePhone); err != nil {
		return err
	}
	// The record holds the normalized number; one that does not normalize
	// matches only a record of that exact value, then fails as invalid.
	phone, normal := s.normalIdentifier(verification.IdentifierPhone, in.Phone)
	if !normal {
		phone = in.Phone
	}
	if err := s.provenIdentifier(ctx, c, in.NewIdentifierVerificationRecordID, verification.TypePhoneVerificationCode, phone); err != nil {
		return err
	}
	if !normal {
		return account.ErrInvalidPhone
	}
	return s.setIdentifier(ctx, c, ChangePrimaryPhone, account.IdentifierPhone, func(u *account.User) string {
		old := u.PrimaryPhone
		u.PrimaryPhone = phone
		return old
	})
}

// RemoveEmail answers DELETE /api/my-account/primary-email. It refuses to remove the user's last identifier.
func (s *Account) RemoveEmail(ctx context.Context, c Caller) error {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	if err := s.identifierWriteChecks(ctx, c, center.Mode(account.FieldEmail), ScopeEmail); err != nil {
		return err
	}
	return s.setIdentifier(ctx, c, ChangePrimaryEmail, "", func(u *account.User) string {
		old := u.PrimaryEmail
		u.PrimaryEmail, u.EmailKey = "", ""
		return old
	})
}

// RemovePhone answers DELETE /api/my-account/primary-phone. It refuses to remove the user's last identifier.
func (s *Account) RemovePhone(ctx context.Context, c Caller) error {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	if err := s.identifierWriteChecks(ctx, c, center.Mode(account.FieldPhone), ScopePhone); err != nil {
		return err
	}
	return s.setIdentifier(ctx, c, ChangePrimaryPhone, "", func(u *account.User) string {
		old := u.PrimaryPhone
		u.PrimaryPhone = ""
		return old
	})
}

// identifierWriteChecks are the shared checks of the primary email and
// phone routes, in Logto's order: verification header, field, scope
// (400), first party.
func (s *core) identifierWriteChecks(ctx context.Context, c Caller, mode account.FieldMode, scope string) error {
	if err := s.requireVerified(ctx, c); err != nil {
		return err
	}
	if err := requireEdit(mode); err != nil {
		return err
	}
	if err := requireScope(c, scope, http.StatusBadRequest); err != nil {
		return err
	}
	return requireFirstParty(c)
}

// provenIdentifier checks that recordID names the caller's verified code
// record for exactly value, and uses it up (useRecord): one record sets
// one identifier once.
func (s *core) provenIdentifier(ctx context.Context, c Caller, recordID string, typ verification.Type, value string) error {
	r, err := s.ownRecord(ctx, c, recordID, typ)
	if err != nil {
		return err
	}
	if !r.Verified || r.Identifier.Value != value {
		return ErrRecordNotFound
	}
	return s.useRecord(ctx, r.ID)
}

// setIdentifier changes one identifier in a single store step: set changes
// u and returns the old value. Removing the last identifier is refused
// inside that step, so two concurrent removals cannot both pass. claimed is
// the identifier a conflict would be about.
func (s *core) setIdentifier(ctx context.Context, c Caller, change Change, claimed account.IdentifierKind, set func(u *account.User) string) error {
	now := s.now()
	var previous string
	u, err := s.cfg.Store.UpdateUser(ctx, c.UserID, func(u *account.User) error {
		before := u.IdentifierCount()
		previous = set(u)
		if before > 0 && u.IdentifierCount() == 0 {
			return ErrLastIdentifier
		}
		u.UpdatedAt = now
		return nil
	})
	if err != nil {
		return userWriteError(err, claimed)
	}
	s.userChangedBy(ctx, c, u, previous, change)
	return nil
}
