package myaccount

import (
	"context"
	"maps"

	"github.com/myaccount-go/myaccount/account"
)

// UpdateCustomDataInput is the body of PATCH
// /api/users/:userId/custom-data.
type UpdateCustomDataInput struct {
	CustomData map[string]any `json:"customData"`
}

// CustomData answers GET /api/users/:userId/custom-data: the user's
// custom data, {} when there is none.
func (s *Admin) CustomData(ctx context.Context, id string) (map[string]any, error) {
	u, err := s.adminUser(ctx, id)
	if err != nil {
		return nil, err
	}
	return nonNilMap(u.CustomData), nil
}

// EditCustomData answers PATCH /api/users/:userId/custom-data: the given
// object is merged into the stored one at its top level (a given key
// replaces the stored value, null included; other keys stay), as Logto
// merges it. It answers 200 with the custom data after the merge and emits
// User.Data.Updated.
func (s *Admin) EditCustomData(ctx context.Context, id string, in UpdateCustomDataInput) (map[string]any, error) {
	if in.CustomData == nil || !validCustomData(in.CustomData) {
		return nil, ErrInvalidInput
	}
	u, err := s.adminUpdate(ctx, id, "", func(u *account.User) error {
		if u.CustomData == nil {
			u.CustomData = map[string]any{}
		}
		maps.Copy(u.CustomData, in.CustomData)
		if !validCustomData(u.CustomData) {
			return ErrInvalidInput // the merge is too large
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.userChanged(ctx, u, "", ChangeCustomData)
	return nonNilMap(u.CustomData), nil
}
