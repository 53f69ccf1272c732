package myaccount

import (
	"context"
	"errors"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
)

// LinkIdentityInput is the body of POST and PUT /api/my-account/identities.
type LinkIdentityInput struct {
	NewIdentifierVerificationRecordID string `json:"newIdentifierVerificationRecordId"`
}

// LinkIdentity answers POST /api/my-account/identities: it
// links the social identity a verified social record holds, and uses the
// record up (a second link with it is 400 verification_record.not_found).
// The caller may not already have an identity at that target.
func (s *Account) LinkIdentity(ctx context.Context, c Caller, in LinkIdentityInput) error {
	return s.linkIdentity(ctx, c, in, false)
}

// ReplaceIdentity answers PUT /api/my-account/identities: as
// LinkIdentity, but an identity at the same target is replaced.
func (s *Account) ReplaceIdentity(ctx context.Context, c Caller, in LinkIdentityInput) error {
	return s.linkIdentity(ctx, c, in, true)
}

func (s *core) linkIdentity(ctx context.Context, c Caller, in LinkIdentityInput, replace bool) error {
	center, _, err := s.gate(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	if in.NewIdentifierVerificationRecordID == "" {
		return ErrInvalidInput
	}
	u, err := s.socialWriteChecks(ctx, c, center, http.StatusUnauthorized)
	if err != nil {
		return err
	}
	res, err := s.verifiedSocial(ctx, c, in.NewIdentifierVerificationRecordID)
	if err != nil {
		return err
	}
	if _, err := s.connectorForTarget(res.Target); err != nil {
		return err
	}
	if other, err := s.cfg.Store.FindUserBySocialIdentity(ctx, res.Target, res.User.ID); err == nil && other.ID != u.ID {
		return ErrIdentityInUse
	} else if err != nil && !errors.Is(err, account.ErrNotFound) {
		return err
	}
	if err := s.useRecord(ctx, in.NewIdentifierVerificationRecordID); err != nil {
		return err
	}
	now := s.now()
	var previous string
	u, err = s.cfg.Store.UpdateUser(ctx, c.UserID, func(u *account.User) error {
		old, had := u.Identities[res.Target]
		if had && !replace {
			return ErrIdentityInUse
		}
		previous = old.UserID
		if u.Identities == nil {
			u.Identities = map[string]account.SocialIdentity{}
		}
		u.Identities[res.Target] = account.SocialIdentity{UserID: res.User.ID, Details: socialDetails(res.User)}
		u.UpdatedAt = now
		return nil
	})
	if err != nil {
		return userWriteError(err, account.IdentifierSocial)
	}
	s.keepTokenSet(ctx, c.UserID, res, previous)
	s.userChangedBy(ctx, c, u, "", ChangeIdentity)
	return nil
}

// keepTokenSet stores the record's token set for the linked identity, or,
// when a replaced identity belonged to another provider account, drops the
// old one. A failure here does not undo the link.
func (s *core) keepTokenSet(ctx context.Context, userID string, res *socialResult, previousSocialID string) {
	var err error
	switch {
	case len(res.SealedToken) > 0:
		err = s.cfg.Store.PutTokenSet(ctx, &account.TokenSet{
			UserID: userID, Target: res.Target, ConnectorID: s.connectorIDForTarget(res.Target),
			Sealed: res.SealedToken, Scope: res.Scope, ExpiresAt: res.ExpiresAt, UpdatedAt: s.now(),
		})
	case previousSocialID != "" && previousSocialID != res.User.ID:
		err = s.cfg.Store.DeleteTokenSet(ctx, userID, res.Target)
		if errors.Is(err, account.ErrNotFound) {
			err = nil
		}
	}
	if err != nil {
		s.cfg.Logger.WarnContext(ctx, "myaccount: keeping a social token set failed", "user", userID, "target", res.Target, "error", err)
	}
}

// UnlinkIdentity answers DELETE /api/my-account/identities/:target. It refuses to remove the user's last identifier, and drops the
// identity's stored token set with it.
func (s *Account) UnlinkIdentity(ctx context.Context, c Caller, target string) error {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	// The scope failure is 400 here, unlike POST and PUT.
	if _, err := s.socialWriteChecks(ctx, c, center, http.StatusBadRequest); err != nil {
		return err
	}
	now := s.now()
	u, err := s.cfg.Store.UpdateUser(ctx, c.UserID, func(u *account.User) error {
		if _, ok := u.Identities[target]; !ok {
			return ErrIdentityNotExist
		}
		if u.IdentifierCount() == 1 {
			return ErrLastIdentifier
		}
		delete(u.Identities, target)
		u.UpdatedAt = now
		return nil
	})
	if err != nil {
		return userWriteError(err, "")
	}
	s.dropTokenSet(ctx, c.UserID, target)
	s.userChangedBy(ctx, c, u, "", ChangeIdentity)
	return nil
}

// dropTokenSet removes the token set of an identity that is gone or now
// names another provider account. A failure does not undo the identity
// change: it is only logged.
func (s *core) dropTokenSet(ctx context.Context, userID, target string) {
	if err := s.cfg.Store.DeleteTokenSet(ctx, userID, target); err != nil && !errors.Is(err, account.ErrNotFound) {
		s.cfg.Logger.WarnContext(ctx, "myaccount: dropping a social token set failed", "user", userID, "target", target, "error", err)
	}
}

// socialWriteChecks are the shared checks of the identity writes, in Logto's order: field, scope (scopeStatus), first party, then the
// verification header for a user with a password, email or phone.
func (s *core) socialWriteChecks(ctx context.Context, c Caller, center *account.AccountCenter, scopeStatus int) (*account.User, error) {
	if err := requireEdit(center.Mode(account.FieldSocial)); err != nil {
		return nil, err
	}
	if err := requireScope(c, ScopeIdentities, scopeStatus); err != nil {
		return nil, err
	}
	if err := requireFirstParty(c); err != nil {
		return nil, err
	}
	u, err := s.user(ctx, c.UserID)
	if err != nil {
		return nil, err
	}
	if err := s.requireVerifiedIf(ctx, c, u); err != nil {
		return nil, err
	}
	return u, nil
}

// socialDetails is what an identity keeps of the provider's user:
// {id, email?, phone?, name?, avatar?, rawData?}.
func socialDetails(u connector.SocialUser) map[string]any {
	d := map[string]any{"id": u.ID}
	for k, v := range map[string]string{"email": u.Email, "phone": u.Phone, "name": u.Name, "avatar": u.Avatar} {
		if v != "" {
			d[k] = v
		}
	}
	if len(u.Raw) > 0 {
		d["rawData"] = u.Raw
	}
	return d
}

// connectorForTarget finds the social connector of a target: a connector
// removed since the verification gives 422 invalid_connector_id.
func (s *core) connectorForTarget(target string) (string, error) {
	for _, c := range s.cfg.Connectors {
		if c.Target() == target {
			if _, err := s.socialConnector(c.ID()); err != nil {
				return "", err
			}
			return c.ID(), nil
		}
	}
	return "", ErrInvalidConnectorID
}

// connectorIDForTarget is connectorForTarget's id, or "" when gone.
func (s *core) connectorIDForTarget(target string) string {
	id, _ := s.connectorForTarget(target)
	return id
}
