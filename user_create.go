package myaccount

import (
	"context"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// CreateUserInput is a new user, as an administrator (or a dev route)
// gives it. Every field is optional.
type CreateUserInput struct {
	Username     string `json:"username"`
	Password     string `json:"password"`
	PrimaryEmail string `json:"primaryEmail"`
	PrimaryPhone string `json:"primaryPhone"`
	Name         string `json:"name"`
}

// CreateUser makes a user: identifiers checked for shape, normalized and
// claimed uniquely (422 <kind>_already_in_use), the password hashed. The
// password policy does not apply: an administrator sets what they choose.
func (s *Service) CreateUser(ctx context.Context, in CreateUserInput) (*account.User, error) {
	if !validText(in.Username, in.PrimaryEmail, in.PrimaryPhone, in.Name) {
		return nil, errInvalidInput
	}
	if in.Username != "" && !usernameShape.MatchString(in.Username) {
		return nil, errInvalidInput
	}
	if in.PrimaryEmail != "" && (len(in.PrimaryEmail) > 256 || !emailShape.MatchString(in.PrimaryEmail)) {
		return nil, errInvalidInput
	}
	if in.PrimaryPhone != "" && !phoneShape.MatchString(in.PrimaryPhone) {
		return nil, errInvalidInput
	}
	if in.Username != "" {
		if err := s.cfg.UsernamePolicy.Check(in.Username); err != nil {
			return nil, err
		}
	}
	now := s.now()
	u := &account.User{
		ID:           s.cfg.NewID(),
		Username:     in.Username,
		UsernameKey:  s.cfg.UsernamePolicy.Key(in.Username),
		PrimaryEmail: in.PrimaryEmail,
		EmailKey:     account.EmailKey(in.PrimaryEmail),
		CreatedAt:    now,
		UpdatedAt:    now,
	}
	if in.PrimaryPhone != "" {
		phone, err := account.NormalizePhone(in.PrimaryPhone)
		if err != nil {
			return nil, account.ErrInvalidPhone
		}
		u.PrimaryPhone = phone
	}
	if in.Name != "" {
		name := in.Name
		u.Name = &name
	}
	if in.Password != "" {
		hash, err := s.cfg.Hasher.Hash(ctx, in.Password)
		if err != nil {
			return nil, fmt.Errorf("hash password: %w", err)
		}
		u.PasswordHash, u.PasswordUpdatedAt = hash, now
	}
	if err := s.cfg.Store.CreateUser(ctx, u); err != nil {
		var conflict *account.ConflictError
		if errors.As(err, &conflict) && conflict.Identifier == "" {
			conflict.Identifier = s.takenIdentifier(ctx, u)
		}
		return nil, userWriteError(err, "")
	}
	return u, nil
}

// takenIdentifier finds which identifier of u another user holds, for a
// store that could not tell.
func (s *Service) takenIdentifier(ctx context.Context, u *account.User) account.IdentifierKind {
	for _, id := range []struct {
		kind account.IdentifierKind
		key  string
	}{
		{account.IdentifierUsername, u.UsernameKey},
		{account.IdentifierEmail, u.EmailKey},
		{account.IdentifierPhone, u.PrimaryPhone},
	} {
		if id.key == "" {
			continue
		}
		if other, err := s.cfg.Store.FindUser(ctx, id.kind, id.key); err == nil && other.ID != u.ID {
			return id.kind
		}
	}
	return ""
}

// GetUser returns the user with this id (account.ErrNotFound when there is
// none), for the app's own administration.
func (s *Service) GetUser(ctx context.Context, id string) (*account.User, error) {
	return s.cfg.Store.GetUser(ctx, id)
}
