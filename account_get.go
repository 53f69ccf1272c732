package myaccount

import "context"

// Get answers GET /api/my-account: the caller's user,
// filtered by the token's scopes and the account-center fields. It has no
// checks beyond authentication and the account-center gate, and works for
// third-party applications.
func (s *Account) Get(ctx context.Context, c Caller) (*AccountView, error) {
	center, u, err := s.gate(ctx, c)
	if err != nil {
		return nil, err
	}
	return newAccountView(u, c, center), nil
}
