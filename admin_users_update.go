package myaccount

import (
	"context"

	"github.com/myaccount-go/myaccount/account"
)

// UpdateUserInput is the body of PATCH /api/users/:userId. Absent keys are
// left unchanged. username, primaryEmail and primaryPhone take "" or null
// to clear; name and avatar take null to clear ("" is kept, as Logto keeps
// it). customData and profile replace the stored ones whole (Logto's
// "replace" mode); the merging routes are PATCH .../custom-data and
// .../profile.
type UpdateUserInput struct {
	Username     Optional[string]             `json:"username"`
	PrimaryEmail Optional[string]             `json:"primaryEmail"`
	PrimaryPhone Optional[string]             `json:"primaryPhone"`
	Name         Optional[string]             `json:"name"`
	Avatar       Optional[string]             `json:"avatar"`
	CustomData   Optional[map[string]any]     `json:"customData"`
	Profile      Optional[UpdateProfileInput] `json:"profile"`
}

func (in *UpdateUserInput) validate() error {
	if !validIdentifiers(deref(in.Username.Ptr()), deref(in.PrimaryEmail.Ptr()), deref(in.PrimaryPhone.Ptr())) {
		return ErrInvalidInput
	}
	if err := validUserFields(in.Name, in.Avatar, in.CustomData, true); err != nil {
		return err
	}
	if in.Profile.Present() {
		if in.Profile.Ptr() == nil {
			return ErrInvalidInput
		}
		return in.Profile.Ptr().validate()
	}
	return nil
}

// deref is *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// changes lists what the input changes, for the event.
func (in *UpdateUserInput) changes() []Change {
	var ch []Change
	for _, c := range []struct {
		set    bool
		change Change
	}{
		{in.Username.Present(), ChangeUsername},
		{in.PrimaryEmail.Present(), ChangePrimaryEmail},
		{in.PrimaryPhone.Present(), ChangePrimaryPhone},
		{in.Name.Present() || in.Avatar.Present() || in.Profile.Present(), ChangeProfile},
		{in.CustomData.Present(), ChangeCustomData},
	} {
		if c.set {
			ch = append(ch, c.change)
		}
	}
	return ch
}

// EditUser answers PATCH /api/users/:userId: 200 with the user after the
// change. Identifiers are checked, normalized and claimed as POST /api/users
// does them (422 user.<kind>_already_in_use when another user holds one).
// An administrator may remove every identifier of a user: the Account API's
// last-identifier rule is the user's own, and Logto's Management API does
// not apply it either. It emits User.Data.Updated; its Previous is the
// replaced email when the email changed, else the replaced phone.
func (s *Admin) EditUser(ctx context.Context, id string, in UpdateUserInput) (*UserView, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	email, err := s.normalizedEmail(deref(in.PrimaryEmail.Ptr()))
	if err != nil {
		return nil, err
	}
	if _, err := s.adminUser(ctx, id); err != nil {
		return nil, err
	}
	username, phone := deref(in.Username.Ptr()), deref(in.PrimaryPhone.Ptr())
	usernameKey, err := s.usernameKey(username)
	if err != nil {
		return nil, err
	}
	if phone, err = normalizedPhone(phone); err != nil {
		return nil, err
	}
	changes := in.changes()
	if len(changes) == 0 {
		return s.User(ctx, id)
	}
	var previous string
	u, err := s.adminUpdate(ctx, id, "", func(u *account.User) error {
		if in.Username.Present() {
			u.Username, u.UsernameKey = username, usernameKey
		}
		if in.PrimaryPhone.Present() {
			previous = u.PrimaryPhone
			u.PrimaryPhone = phone
		}
		if in.PrimaryEmail.Present() {
			previous = u.PrimaryEmail
			u.PrimaryEmail, u.EmailKey = email, account.EmailKey(email)
		}
		setUserFields(u, in.Name, in.Avatar, in.CustomData)
		if in.Profile.Present() {
			u.Profile = account.Profile{}
			in.Profile.Ptr().merge(&u.Profile)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.userChanged(ctx, u, previous, changes...)
	return userView(u), nil
}
