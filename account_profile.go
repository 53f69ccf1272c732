package myaccount

import (
	"context"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// UpdateProfileInput is the body of PATCH /api/my-account/profile: the
// OpenID Connect claims to overwrite. Absent keys are kept; a present
// address replaces the stored one as a whole.
type UpdateProfileInput struct {
	FamilyName        Optional[string]          `json:"familyName"`
	GivenName         Optional[string]          `json:"givenName"`
	MiddleName        Optional[string]          `json:"middleName"`
	Nickname          Optional[string]          `json:"nickname"`
	PreferredUsername Optional[string]          `json:"preferredUsername"`
	Profile           Optional[string]          `json:"profile"`
	Website           Optional[string]          `json:"website"`
	Gender            Optional[string]          `json:"gender"`
	Birthdate         Optional[string]          `json:"birthdate"`
	Zoneinfo          Optional[string]          `json:"zoneinfo"`
	Locale            Optional[string]          `json:"locale"`
	Address           Optional[account.Address] `json:"address"`
}

// claims pairs each string claim of the input with its place in p.
func (in *UpdateProfileInput) claims(p *account.Profile) []struct {
	in  Optional[string]
	out *string
} {
	return []struct {
		in  Optional[string]
		out *string
	}{
		{in.FamilyName, &p.FamilyName}, {in.GivenName, &p.GivenName}, {in.MiddleName, &p.MiddleName},
		{in.Nickname, &p.Nickname}, {in.PreferredUsername, &p.PreferredUsername}, {in.Profile, &p.Profile},
		{in.Website, &p.Website}, {in.Gender, &p.Gender}, {in.Birthdate, &p.Birthdate},
		{in.Zoneinfo, &p.Zoneinfo}, {in.Locale, &p.Locale},
	}
}

// validate rejects null claims: each claim is a string when present.
func (in *UpdateProfileInput) validate() error {
	for _, f := range in.claims(&account.Profile{}) {
		if f.in.Present() && (f.in.Ptr() == nil || !validText(*f.in.Ptr()) || !withinLength(MaxProfileClaimLength, f.in.Ptr())) {
			return ErrInvalidInput
		}
	}
	if in.Address.Present() {
		a := in.Address.Ptr()
		if a == nil || !validText(a.Formatted, a.StreetAddress, a.Locality, a.Region, a.PostalCode, a.Country) ||
			!withinLength(MaxProfileClaimLength, &a.Formatted, &a.StreetAddress, &a.Locality, &a.Region, &a.PostalCode, &a.Country) {
			return ErrInvalidInput
		}
	}
	return nil
}

// merge is the shallow merge.
func (in *UpdateProfileInput) merge(p *account.Profile) {
	for _, f := range in.claims(p) {
		if f.in.Present() {
			*f.out = *f.in.Ptr()
		}
	}
	if in.Address.Present() {
		p.Address = in.Address.Ptr()
	}
}

// UpdateProfile answers PATCH /api/my-account/profile with the
// profile claims after the change (the address only with the address
// scope).
func (s *Account) UpdateProfile(ctx context.Context, c Caller, in UpdateProfileInput) (account.Profile, error) {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return account.Profile{}, err
	}
	if err := in.validate(); err != nil {
		return account.Profile{}, err
	}
	if err := requireEdit(center.Mode(account.FieldProfile)); err != nil {
		return account.Profile{}, err
	}
	if err := requireScope(c, ScopeProfile, http.StatusBadRequest); err != nil {
		return account.Profile{}, err
	}
	if in.Address.Present() {
		if err := requireScope(c, ScopeAddress, http.StatusBadRequest); err != nil {
			return account.Profile{}, err
		}
	}
	if err := requireFirstParty(c); err != nil {
		return account.Profile{}, err
	}
	now := s.now()
	u, err := s.cfg.Store.UpdateUser(ctx, c.UserID, func(u *account.User) error {
		in.merge(&u.Profile)
		u.UpdatedAt = now
		return nil
	})
	if err != nil {
		return account.Profile{}, userWriteError(err, "")
	}
	s.userChangedBy(ctx, c, u, "", ChangeProfile)
	return ProfileView(u.Profile, c.HasScope(ScopeAddress)), nil
}
