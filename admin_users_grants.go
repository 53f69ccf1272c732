package myaccount

import "context"

// The user's app connections for an administrator (Logto's GET and DELETE
// /api/users/:userId/grants), through Config.Sessions as the Account API's
// grants routes: the same listing and the same revocation, without the
// account center's gate. As in Logto, the user's existence is not checked:
// an unknown user has no grants (200, an empty list), and a grant of no
// such user is 404 oidc.invalid_grant.

// UserGrants answers GET /api/users/:userId/grants: the user's grants that
// have not expired, of first-party or third-party applications only when
// in.AppType says so (another value is 400 guard.invalid_input). Without a
// session provider it is ErrNoSessionProvider (the HTTP adapter does not
// mount the route).
func (s *Admin) UserGrants(ctx context.Context, userID string, in ListGrantsInput) (*GrantsView, error) {
	if s.cfg.Sessions == nil {
		return nil, ErrNoSessionProvider
	}
	switch in.AppType {
	case AppTypeAny, AppTypeFirstParty, AppTypeThirdParty:
	default:
		return nil, ErrInvalidInput
	}
	return s.userGrants(ctx, userID, in.AppType)
}

// RevokeUserGrant answers DELETE /api/users/:userId/grants/:grantId (204):
// the grant and every token issued under it are revoked. A grant that does
// not exist or is another user's is 404 oidc.invalid_grant; an expired one
// is 204 and left as it is, as in Logto.
func (s *Admin) RevokeUserGrant(ctx context.Context, userID, grantID string) error {
	if s.cfg.Sessions == nil {
		return ErrNoSessionProvider
	}
	if grantID == "" || !validText(grantID) || !validText(userID) {
		return ErrInvalidInput
	}
	return s.revokeUserGrant(ctx, userID, grantID, true)
}
