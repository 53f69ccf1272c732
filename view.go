package myaccount

import (
	"slices"
	"strconv"

	"github.com/myaccount-go/myaccount/account"
)

// AccountView is a user as the caller may see it (spec §4.1): the keys the
// token's scopes and the account-center fields let through. Keys that pass
// both filters are present even when null; the others are absent.
type AccountView struct {
	User *account.User
	// keys has bit i set when viewOrder[i] is visible.
	keys uint32
	// Address says whether profile.address is visible (the address scope).
	Address bool
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

// newAccountView applies the scope filter, then the account-center filter.
func newAccountView(u *account.User, c Caller, center *account.AccountCenter) *AccountView {
	v := &AccountView{User: u, keys: 1, Address: c.HasScope(ScopeAddress)} // id: always
	for i, k := range viewKeys {
		if !c.HasScope(k.scope) {
			continue
		}
		if k.field != "" && !center.Mode(k.field).Readable() {
			continue
		}
		v.keys |= 1 << (i + 1)
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
	u := v.User
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
			b, err = appendJSON(b, nonNilMap(u.CustomData))
		case "identities":
			b, err = appendJSON(b, identitiesView(u.Identities))
		case "profile":
			b, err = appendJSON(b, ProfileView(u.Profile, v.Address))
		case "applicationId":
			b = appendNullableString(b, u.ApplicationID)
		case "cimdClientId":
			b = append(b, "null"...)
		case "isSuspended":
			b = strconv.AppendBool(b, u.IsSuspended)
		case "hasPassword":
			b = strconv.AppendBool(b, u.HasPassword())
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
	b = strconv.AppendBool(b, u.HasSecurityVerificationMethod())
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
