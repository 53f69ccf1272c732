package myaccount

import (
	"context"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// RemoveUser answers DELETE /api/users/:userId (204): the user and
// everything stored for them (social identities and token sets, MFA
// factors, verification records) go in one store step, and the user is
// signed out of the app's sessions when a SessionProvider is configured.
// 404 entity.not_found when there is no such user. It emits User.Deleted.
func (s *Admin) RemoveUser(ctx context.Context, id string) error {
	if _, err := s.adminUser(ctx, id); err != nil {
		return err
	}
	err := s.deleteUser(ctx, id)
	if errors.Is(err, account.ErrNotFound) {
		return ErrUserNotFound
	}
	return err
}

// deleteUser removes a user with everything of theirs, signs them out and
// emits User.Deleted with the user as they were. ErrNotFound when the user
// is gone already.
func (s *core) deleteUser(ctx context.Context, id string) error {
	u, err := s.cfg.Store.GetUser(ctx, id)
	if err != nil {
		return fmt.Errorf("load user: %w", err)
	}
	if err := s.cfg.Store.DeleteUser(ctx, id); err != nil {
		return fmt.Errorf("delete user: %w", err)
	}
	s.signOut(ctx, id)
	s.emit(ctx, Event{Type: EventUserDeleted, UserID: id, User: u})
	return nil
}
