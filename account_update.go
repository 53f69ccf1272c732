package myaccount

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"

	"github.com/myaccount-go/myaccount/account"
)

// UpdateAccountInput is the body of PATCH /api/my-account. Absent keys are
// left unchanged; null clears name, avatar or username.
type UpdateAccountInput struct {
	Name       Optional[string]         `json:"name"`
	Avatar     Optional[string]         `json:"avatar"`
	Username   Optional[string]         `json:"username"`
	CustomData Optional[map[string]any] `json:"customData"`
}

// usernameShape is the body guard of PATCH /api/my-account;
// the username policy adds its own rules after it.
var usernameShape = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func (in *UpdateAccountInput) validate() error {
	if !validTextPtr(in.Username.Ptr()) {
		return ErrInvalidInput
	}
	if in.Username.Present() && in.Username.Ptr() != nil && !usernameShape.MatchString(*in.Username.Ptr()) {
		return ErrInvalidInput
	}
	return validUserFields(in.Name, in.Avatar, in.CustomData, false)
}

// validUserFields is the body check of the fields the end user and the
// administrator both write: a name and an avatar URL of valid text within
// their bounds, an absolute avatar URL (the administrator may also clear
// it with "", when emptyAvatar), and custom data that is an object within
// its bounds (never null).
func validUserFields(name, avatar Optional[string], customData Optional[map[string]any], emptyAvatar bool) error {
	if !validTextPtr(name.Ptr(), avatar.Ptr()) {
		return ErrInvalidInput
	}
	if a := avatar.Ptr(); a != nil && !(emptyAvatar && *a == "") && !isHTTPURL(*a) {
		return ErrInvalidInput
	}
	if customData.Present() && (customData.Get() == nil || !validCustomData(customData.Get())) {
		return ErrInvalidInput
	}
	if !withinLength(MaxNameLength, name.Ptr()) || avatar.Ptr() != nil && len(*avatar.Ptr()) > MaxAvatarURLLength {
		return ErrInvalidInput
	}
	return nil
}

// setUserFields writes the fields validUserFields checked, those present.
func setUserFields(u *account.User, name, avatar Optional[string], customData Optional[map[string]any]) {
	if name.Present() {
		u.Name = name.Ptr()
	}
	if avatar.Present() {
		u.Avatar = avatar.Ptr()
	}
	if customData.Present() {
		u.CustomData = customData.Get()
	}
}

// isHTTPURL reports whether s is an absolute http or https URL with a
// host. Logto's z.string().url() takes any scheme; here a javascript:,
// data: or mailto: "URL" is refused, so an avatar or an origin a page
// renders as a link cannot run script.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// Update answers PATCH /api/my-account.
//
// It is the hottest write, so it saves the gate's read of the user: the
// user's own checks (it exists, it is not suspended) run inside the write,
// and a request refused before the write reads the user first, so that
// every answer is the one the gate, run first, would have given.
func (s *Account) Update(ctx context.Context, c Caller, in UpdateAccountInput) (*AccountView, error) {
	if c.RequestError != nil {
		_, _, err := s.gate(ctx, c)
		return nil, err
	}
	center, err := s.enabledCenter(ctx)
	if err != nil {
		return nil, err
	}
	usernameKey, err := s.checkAccountUpdate(ctx, c, in, center)
	if err != nil {
		if _, _, gateErr := s.gate(ctx, c); gateErr != nil {
			return nil, gateErr
		}
		return nil, err
	}
	if !in.Name.Present() && !in.Avatar.Present() && !in.Username.Present() && !in.CustomData.Present() {
		// An empty body changes nothing.
		return s.Get(ctx, c)
	}

	now := s.now()
	u, err := s.cfg.Store.UpdateUser(ctx, c.UserID, func(u *account.User) error {
		if u.IsSuspended {
			return ErrSuspended // the gate's check (a missing user: ErrNotFound, 401)
		}
		setUserFields(u, in.Name, in.Avatar, in.CustomData)
		if in.Username.Present() {
			if in.Username.Ptr() == nil {
				if u.Username != "" && u.IdentifierCount() == 1 {
					return ErrLastIdentifier
				}
				u.Username, u.UsernameKey = "", ""
			} else {
				u.Username, u.UsernameKey = *in.Username.Ptr(), usernameKey
			}
		}
		u.UpdatedAt = now
		return nil
	})
	if err != nil {
		return nil, userWriteError(err, account.IdentifierUsername)
	}
	s.userChangedBy(ctx, c, u, "", in.changes()...)
	return newAccountView(u, c, center), nil
}

func (in *UpdateAccountInput) changes() []Change {
	var ch []Change
	if in.Name.Present() || in.Avatar.Present() {
		ch = append(ch, ChangeProfile)
	}
	if in.Username.Present() {
		ch = append(ch, ChangeUsername)
	}
	if in.CustomData.Present() {
		ch = append(ch, ChangeCustomData)
	}
	return ch
}

// userWriteError turns store errors of a user update into Logto's
// answers: a claimed identifier is 422 <kind>_already_in_use (claimed is
// the kind the update claims, for a store that cannot tell); a vanished
// user is unauthorized; rule errors from the change pass as they are.
func userWriteError(err error, claimed account.IdentifierKind) error {
	var apiErr *account.Error
	if errors.As(err, &apiErr) {
		return apiErr
	}
	var conflict *account.ConflictError
	if errors.As(err, &conflict) {
		kind := conflict.Identifier
		if kind == "" {
			kind = claimed
		}
		switch kind {
		case account.IdentifierUsername:
			return ErrUsernameInUse
		case account.IdentifierEmail:
			return ErrEmailInUse
		case account.IdentifierPhone:
			return ErrPhoneInUse
		case account.IdentifierSocial:
			return account.NewError(http.StatusUnprocessableEntity, account.CodeIdentityAlreadyInUse)
		}
	}
	if errors.Is(err, account.ErrNotFound) {
		return account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
	}
	return err
}

// checkAccountUpdate runs Update's checks after the gate, in Logto's order, and returns the key of the new username, if any.
func (s *core) checkAccountUpdate(ctx context.Context, c Caller, in UpdateAccountInput, center *account.AccountCenter) (string, error) {
	if err := in.validate(); err != nil {
		return "", err
	}
	for _, f := range []struct {
		set   bool
		field account.Field
	}{
		{in.Name.Present(), account.FieldName},
		{in.Avatar.Present(), account.FieldAvatar},
		{in.Username.Present(), account.FieldUsername},
		{in.CustomData.Present(), account.FieldCustomData},
	} {
		if f.set {
			if err := requireEdit(center.Mode(f.field)); err != nil {
				return "", err
			}
		}
	}
	if err := requireScope(c, ScopeProfile, http.StatusBadRequest); err != nil {
		return "", err
	}
	if in.CustomData.Present() {
		if err := requireScope(c, ScopeCustomData, http.StatusBadRequest); err != nil {
			return "", err
		}
	}
	if err := requireFirstParty(c); err != nil {
		return "", err
	}
	if !in.Username.Present() {
		return "", nil
	}
	if err := refuseImpersonated(c); err != nil {
		return "", err
	}
	if err := s.requireVerified(ctx, c); err != nil {
		return "", err
	}
	name := in.Username.Ptr()
	if name == nil {
		return "", nil
	}
	if err := s.cfg.UsernamePolicy.Check(*name); err != nil {
		return "", err
	}
	return s.cfg.UsernamePolicy.Key(*name), nil
}
