package myaccount

import (
	"context"

	"github.com/myaccount-go/myaccount/account"
)

// SetSuspendedInput is the body of PATCH /api/users/:userId/is-suspended.
type SetSuspendedInput struct {
	IsSuspended *bool `json:"isSuspended"`
}

// SetSuspended answers PATCH /api/users/:userId/is-suspended: 200 with the
// user. While suspended, the user gets 401 user.suspended on every Account
// and Verification API route (Gate) and at sign-in; lifting the suspension
// gives every route back. Suspending signs the user out of the app's
// sessions when a SessionProvider is configured (Logto revokes the user's
// sessions and tokens). It emits User.SuspensionStatus.Updated.
func (s *Admin) SetSuspended(ctx context.Context, id string, in SetSuspendedInput) (*UserView, error) {
	if in.IsSuspended == nil {
		return nil, ErrInvalidInput
	}
	suspended := *in.IsSuspended
	u, err := s.adminUpdate(ctx, id, "", func(u *account.User) error {
		u.IsSuspended = suspended
		return nil
	})
	if err != nil {
		return nil, err
	}
	if suspended {
		s.signOut(ctx, id)
	}
	s.emit(ctx, Event{Type: EventUserSuspensionStatusUpdated, UserID: u.ID, User: u})
	return userView(u), nil
}
