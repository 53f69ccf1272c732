package myaccount

import (
	"context"

	"github.com/myaccount-go/myaccount/account"
)

// AdminIdentityInput is the body of PUT /api/users/:userId/identities/:target
// (Logto's identity object): the user's id at the provider and what the
// provider says about them.
type AdminIdentityInput struct {
	UserID  string         `json:"userId"`
	Details map[string]any `json:"details"`
}

// AdminLinkIdentityInput is the body of POST /api/users/:userId/identities:
// an identity and its connector target.
type AdminLinkIdentityInput struct {
	Target  string         `json:"target"`
	UserID  string         `json:"userId"`
	Details map[string]any `json:"details"`
}

func validIdentity(target, socialUserID string, details map[string]any) bool {
	return target != "" && socialUserID != "" && validText(target, socialUserID) &&
		withinLength(MaxIdentityFieldLength, &target, &socialUserID) && validCustomData(details)
}

// LinkIdentity answers POST /api/users/:userId/identities: it gives
// the user the social identity (target, userId) and answers 200 with the
// user's identities. 422 user.identity_already_in_use when another user
// holds it, or when the user already has an identity at that target (PUT
// replaces one).
func (s *Admin) LinkIdentity(ctx context.Context, id string, in AdminLinkIdentityInput) (map[string]account.SocialIdentity, error) {
	if !validIdentity(in.Target, in.UserID, in.Details) {
		return nil, ErrInvalidInput
	}
	ids, _, err := s.putIdentity(ctx, id, in.Target, AdminIdentityInput{UserID: in.UserID, Details: in.Details}, false)
	return ids, err
}

// ReplaceIdentity answers PUT /api/users/:userId/identities/:target:
// it sets the user's identity at target, adding it (created is true: 201)
// or replacing the one there (200), and answers the user's identities.
// 422 user.identity_already_in_use when another user holds it. A stored
// token set of a replaced identity that named another provider account is
// dropped.
func (s *Admin) ReplaceIdentity(ctx context.Context, id, target string, in AdminIdentityInput) (identities map[string]account.SocialIdentity, created bool, err error) {
	if !validIdentity(target, in.UserID, in.Details) {
		return nil, false, ErrInvalidInput
	}
	return s.putIdentity(ctx, id, target, in, true)
}

func (s *core) putIdentity(ctx context.Context, id, target string, in AdminIdentityInput, replace bool) (map[string]account.SocialIdentity, bool, error) {
	var previous string
	var had bool
	u, err := s.adminUpdate(ctx, id, account.IdentifierSocial, func(u *account.User) error {
		var old account.SocialIdentity
		old, had = u.Identities[target]
		if had && !replace {
			return ErrIdentityInUse
		}
		previous = old.UserID
		if u.Identities == nil {
			u.Identities = map[string]account.SocialIdentity{}
		}
		u.Identities[target] = account.SocialIdentity{UserID: in.UserID, Details: in.Details}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if had && previous != in.UserID {
		s.dropTokenSet(ctx, id, target)
	}
	s.userChanged(ctx, u, "", ChangeIdentity)
	return identitiesView(u.Identities), !had, nil
}

// UnlinkIdentity answers DELETE /api/users/:userId/identities/:target:
// 200 with the user, 404 user.identity_not_exist when the user has no
// identity there. The identity's stored token set goes with it. Unlike the
// Account API, it may remove the user's last identifier (Logto's
// Management API allows it: the administrator decides).
func (s *Admin) UnlinkIdentity(ctx context.Context, id, target string) (*UserView, error) {
	u, err := s.adminUpdate(ctx, id, "", func(u *account.User) error {
		if _, ok := u.Identities[target]; !ok {
			return ErrIdentityNotExist
		}
		delete(u.Identities, target)
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.dropTokenSet(ctx, id, target)
	s.userChanged(ctx, u, "", ChangeIdentity)
	return userView(u), nil
}
