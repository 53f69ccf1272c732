package myaccount

import (
	"context"

	"github.com/myaccount-go/myaccount/account"
)

// UpdateUserProfileInput is the body of PATCH /api/users/:userId/profile:
// {"profile": {...claims}}.
type UpdateUserProfileInput struct {
	Profile *UpdateProfileInput `json:"profile"`
}

// EditProfile answers PATCH /api/users/:userId/profile: the claims
// given overwrite the stored ones and the others are kept, a given address
// replacing the stored one whole (the merge of PATCH
// /api/my-account/profile). It answers 200 with the whole
// profile and emits User.Data.Updated.
func (s *Admin) EditProfile(ctx context.Context, id string, in UpdateUserProfileInput) (account.Profile, error) {
	if in.Profile == nil {
		return account.Profile{}, ErrInvalidInput
	}
	if err := in.Profile.validate(); err != nil {
		return account.Profile{}, err
	}
	u, err := s.adminUpdate(ctx, id, "", func(u *account.User) error {
		in.Profile.merge(&u.Profile)
		return nil
	})
	if err != nil {
		return account.Profile{}, err
	}
	s.userChanged(ctx, u, "", ChangeProfile)
	return u.Profile, nil
}
