package myaccount

import (
	"context"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
)

// AdminIdentityInput is the body of PUT /api/users/:userId/identities/:target
// (Logto's identity object): the user's id at the provider and what the
// provider says about them.
type AdminIdentityInput struct {
	UserID  string         `json:"userId"`
	Details map[string]any `json:"details"`
}

// AdminLinkIdentityInput is the body of POST /api/users/:userId/identities
// (Logto's): the social connector and the callback data the provider sent
// back (for example {"code", "state", "redirectUri"}), which the connector
// turns into the social user.
type AdminLinkIdentityInput struct {
	ConnectorID   string         `json:"connectorId"`
	ConnectorData map[string]any `json:"connectorData"`
}

func validIdentity(target, socialUserID string, details map[string]any) bool {
	return target != "" && socialUserID != "" && validText(target, socialUserID) &&
		withinLength(MaxIdentityFieldLength, &target, &socialUserID) && validCustomData(details)
}

// LinkIdentity answers POST /api/users/:userId/identities, Logto's
// linking through a connector: the connector turns in.ConnectorData into
// the social user, who becomes the user's identity at the connector's
// target (replacing one there), and it answers 200 with the user's
// identities. In order: 400 guard.invalid_input for a body without
// connectorId or connectorData; 404 entity.not_found for an unknown
// connector or user; 422 session.invalid_connector_id for a connector that
// is not social; 501 connector.not_implemented for one that is not
// connector.Sessionless (the flow keeps no session); the connector's own
// errors; 422 user.identity_already_in_use when another user holds the
// identity. The state is the caller's to check before it posts the data
// (see ConnectorAuthorizationURI). A token set the provider gave is not
// kept, as in Logto; the Account API's linking keeps it.
func (s *Admin) LinkIdentity(ctx context.Context, id string, in AdminLinkIdentityInput) (map[string]account.SocialIdentity, error) {
	if in.ConnectorID == "" || !validText(in.ConnectorID) || in.ConnectorData == nil || !validCustomData(in.ConnectorData) {
		return nil, ErrInvalidInput
	}
	c := s.connectorByID(in.ConnectorID)
	if c == nil {
		return nil, ErrConnectorNotFound
	}
	if _, err := s.adminUser(ctx, id); err != nil {
		return nil, err
	}
	social, ok := c.(connector.Social)
	if !ok || c.Kind() != connector.KindSocial {
		return nil, ErrInvalidConnectorID
	}
	direct, ok := social.(connector.Sessionless)
	if !ok {
		return nil, ErrSessionlessUnsupported
	}
	user, _, err := direct.VerifySessionless(ctx, in.ConnectorData)
	if err != nil {
		return nil, connectorError(err)
	}
	if user == nil || user.ID == "" {
		return nil, connector.ErrInvalidResponse("the connector returned no user id")
	}
	target, details := social.Target(), socialDetails(*user)
	if !validIdentity(target, user.ID, details) {
		return nil, connector.ErrInvalidResponse("the connector's user does not fit an identity")
	}
	ids, _, err := s.putIdentity(ctx, id, target, AdminIdentityInput{UserID: user.ID, Details: details})
	return ids, err
}

// connectorByID finds a configured connector by id; nil when there is none.
func (s *core) connectorByID(id string) connector.Connector {
	for _, c := range s.cfg.Connectors {
		if c.ID() == id {
			return c
		}
	}
	return nil
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
	return s.putIdentity(ctx, id, target, in)
}

func (s *core) putIdentity(ctx context.Context, id, target string, in AdminIdentityInput) (map[string]account.SocialIdentity, bool, error) {
	var previous string
	var had bool
	u, err := s.adminUpdate(ctx, id, account.IdentifierSocial, func(u *account.User) error {
		var old account.SocialIdentity
		old, had = u.Identities[target]
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
