package myaccount

import (
	"slices"
	"strconv"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// AccountView is a user as the caller may see it: the keys the
// token's scopes and the account-center fields let through. Keys that pass
// both filters are present even when null; the others are absent.
//
// It is a copy of what the API may show and nothing else: a field whose
// key is not visible is left zero, and the password hash is never copied
// (only whether there is one). An in-process caller sees exactly what an
// HTTP client would.
type AccountView struct {
	ID           string
	Username     string
	PrimaryEmail string
	PrimaryPhone string
	Name         *string
	Avatar       *string
	CustomData   map[string]any
	Identities   map[string]account.SocialIdentity
	// Profile is the profile claims; Address is set only when the caller
	// may see it (the address scope).
	Profile       account.Profile
	ApplicationID string
	IsSuspended   bool
	HasPassword   bool
	LastSignInAt  time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// HasSecurityVerificationMethod is always shown: whether the user has a
	// password, an email or a phone to prove who they are with.
	HasSecurityVerificationMethod bool

	// keys has bit i set when viewOrder[i] is visible.
	keys uint32
}

// Visible reports whether the top-level key is in the answer.
func (v *AccountView) Visible(key string) bool {
	i := slices.Index(viewOrder, key)
	return i >= 0 && v.keys&(1<<i) != 0
}

// viewKeys maps each filtered key to the scope that reveals it and the
// account-center field that must be readable (empty: no field filter).
var viewKeys = []struct {
	key   string
	scope string
	field account.Field
}{
	{"username", ScopeProfile, account.FieldUsername},
	{"primaryEmail", ScopeEmail, account.FieldEmail},
	{"primaryPhone", ScopePhone, account.FieldPhone},
	{"name", ScopeProfile, account.FieldName},
	{"avatar", ScopeProfile, account.FieldAvatar},
	{"customData", ScopeCustomData, account.FieldCustomData},
	{"identities", ScopeIdentities, account.FieldSocial},
	{"profile", ScopeProfile, account.FieldProfile},
	{"applicationId", ScopeProfile, ""},
	{"cimdClientId", ScopeProfile, ""},
	{"isSuspended", ScopeProfile, ""},
	{"hasPassword", ScopeProfile, account.FieldPassword},
	{"lastSignInAt", ScopeProfile, ""},
	{"createdAt", ScopeProfile, ""},
	{"updatedAt", ScopeProfile, ""},
}

// newAccountView applies the scope filter, then the account-center filter,
// and copies the visible fields of u.
func newAccountView(u *account.User, c Caller, center *account.AccountCenter) *AccountView {
	keys := uint32(1) // id: always
	for i, k := range viewKeys {
		if !c.HasScope(k.scope) {
			continue
		}
		if k.field != "" && !center.Mode(k.field).Readable() {
			continue
		}
		keys |= 1 << (i + 1)
	}
	return viewOf(u, keys, c.HasScope(ScopeAddress))
}

// viewOf copies the fields of u whose keys are set, and the profile's
// address when withAddress.
func viewOf(u *account.User, keys uint32, withAddress bool) *AccountView {
	v := &AccountView{ID: u.ID, keys: keys, HasSecurityVerificationMethod: u.HasSecurityVerificationMethod()}
	for i, key := range viewOrder {
		if keys&(1<<i) == 0 {
			continue
		}
		switch key {
		case "username":
			v.Username = u.Username
		case "primaryEmail":
			v.PrimaryEmail = u.PrimaryEmail
		case "primaryPhone":
			v.PrimaryPhone = u.PrimaryPhone
		case "name":
			v.Name = u.Name
		case "avatar":
			v.Avatar = u.Avatar
		case "customData":
			v.CustomData = nonNilMap(u.CustomData)
		case "identities":
			v.Identities = identitiesView(u.Identities)
		case "profile":
			v.Profile = ProfileView(u.Profile, withAddress)
		case "applicationId":
			v.ApplicationID = u.ApplicationID
		case "isSuspended":
			v.IsSuspended = u.IsSuspended
		case "hasPassword":
			v.HasPassword = u.HasPassword()
		case "lastSignInAt":
			v.LastSignInAt = u.LastSignInAt
		case "createdAt":
			v.CreatedAt = u.CreatedAt
		case "updatedAt":
			v.UpdatedAt = u.UpdatedAt
		}
	}
	return v
}

// allKeys makes every key visible (the administrator's view).
var allKeys uint32 = 1<<(len(viewKeys)+1) - 1

// MarshalJSON writes the visible keys in a fixed order, then
// hasSecurityVerificationMethod, which is always present. It writes the
// scalars itself and leaves only the nested values to encoding/json: this
// is the body of the hottest route.
func (v *AccountView) MarshalJSON() ([]byte, error) {
	u := v
	b := make([]byte, 0, 512)
	b = append(b, '{')
	var err error
	for i, key := range viewOrder {
		if v.keys&(1<<i) == 0 {
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, key...)
		b = append(b, '"', ':')
		switch key {
		case "id":
			b = appendJSONString(b, u.ID)
		case "username":
			b = appendNullableString(b, u.Username)
		case "primaryEmail":
			b = appendNullableString(b, u.PrimaryEmail)
		case "primaryPhone":
			b = appendNullableString(b, u.PrimaryPhone)
		case "name":
			b = appendStringPtr(b, u.Name)
		case "avatar":
			b = appendStringPtr(b, u.Avatar)
		case "customData":
			b, err = appendJSON(b, u.CustomData)
		case "identities":
			b, err = appendJSON(b, u.Identities)
		case "profile":
			b, err = appendJSON(b, u.Profile)
		case "applicationId":
			b = appendNullableString(b, u.ApplicationID)
		case "cimdClientId":
			b = append(b, "null"...)
		case "isSuspended":
			b = strconv.AppendBool(b, u.IsSuspended)
		case "hasPassword":
			b = strconv.AppendBool(b, u.HasPassword)
		case "lastSignInAt":
			b = appendEpochMillis(b, u.LastSignInAt)
		case "createdAt":
			b = appendEpochMillis(b, u.CreatedAt)
		case "updatedAt":
			b = appendEpochMillis(b, u.UpdatedAt)
		}
		if err != nil {
			return nil, err
		}
	}
	if len(b) > 1 {
		b = append(b, ',')
	}
	b = append(b, `"hasSecurityVerificationMethod":`...)
	b = strconv.AppendBool(b, u.HasSecurityVerificationMethod)
	return append(b, '}'), nil
}

// viewOrder is the order of the keys in an answer: id, then viewKeys.
var viewOrder = func() []string {
	keys := []string{"id"}
	for _, k := range viewKeys {
		keys = append(keys, k.key)
	}
	return keys
}()

// ProfileView is the profile claims as answered: without the address unless
// the caller may see it.
func ProfileView(p account.Profile, withAddress bool) account.Profile {
	if !withAddress {
		p.Address = nil
	}
	return p
}

func identitiesView(ids map[string]account.SocialIdentity) map[string]account.SocialIdentity {
	if ids == nil {
		return map[string]account.SocialIdentity{}
	}
	return ids
}

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// nullable turns "" into JSON null.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
