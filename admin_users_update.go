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
	Username     Optional[*string]             `json:"username"`
	PrimaryEmail Optional[*string]             `json:"primaryEmail"`
	PrimaryPhone Optional[*string]             `json:"primaryPhone"`
	Name         Optional[*string]             `json:"name"`
	Avatar       Optional[*string]             `json:"avatar"`
	CustomData   Optional[map[string]any]      `json:"customData"`
	Profile      Optional[*UpdateProfileInput] `json:"profile"`
}

func (in *UpdateUserInput) validate() error {
	if !validIdentifiers(deref(in.Username.Value), deref(in.PrimaryEmail.Value), deref(in.PrimaryPhone.Value)) {
		return errInvalidInput
	}
	if !validTextPtr(in.Name.Value, in.Avatar.Value) {
		return errInvalidInput
	}
	if a := in.Avatar.Value; a != nil && *a != "" && !isHTTPURL(*a) {
		return errInvalidInput
	}
	if in.CustomData.Set && (in.CustomData.Value == nil || !validCustomData(in.CustomData.Value)) {
		return errInvalidInput
	}
	if !withinLength(MaxNameLength, in.Name.Value) || in.Avatar.Value != nil && len(*in.Avatar.Value) > MaxAvatarURLLength {
		return errInvalidInput
	}
	if in.Profile.Set {
		if in.Profile.Value == nil {
			return errInvalidInput
		}
		return in.Profile.Value.validate()
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
		{in.Username.Set, ChangeUsername},
		{in.PrimaryEmail.Set, ChangePrimaryEmail},
		{in.PrimaryPhone.Set, ChangePrimaryPhone},
		{in.Name.Set || in.Avatar.Set || in.Profile.Set, ChangeProfile},
		{in.CustomData.Set, ChangeCustomData},
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
	email, err := s.normalizedEmail(deref(in.PrimaryEmail.Value))
	if err != nil {
		return nil, err
	}
	if _, err := s.adminUser(ctx, id); err != nil {
		return nil, err
	}
	username, phone := deref(in.Username.Value), deref(in.PrimaryPhone.Value)
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
		if in.Username.Set {
			u.Username, u.UsernameKey = username, usernameKey
		}
		if in.PrimaryPhone.Set {
			previous = u.PrimaryPhone
			u.PrimaryPhone = phone
		}
		if in.PrimaryEmail.Set {
			previous = u.PrimaryEmail
			u.PrimaryEmail, u.EmailKey = email, account.EmailKey(email)
		}
		if in.Name.Set {
			u.Name = in.Name.Value
		}
		if in.Avatar.Set {
			u.Avatar = in.Avatar.Value
		}
		if in.CustomData.Set {
			u.CustomData = in.CustomData.Value
		}
		if in.Profile.Set {
			u.Profile = account.Profile{}
			in.Profile.Value.merge(&u.Profile)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.userChanged(ctx, u, previous, changes...)
	return userView(u), nil
}
