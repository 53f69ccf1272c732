package myaccount

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// AccountView is a user as the caller may see it (spec §4.1): the keys the
// token's scopes and the account-center fields let through. Keys that pass
// both filters are present even when null; the others are absent.
type AccountView struct {
	User *account.User
	// Keys are the visible top-level keys.
	Keys map[string]bool
	// Address says whether profile.address is visible (the address scope).
	Address bool
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
	v := &AccountView{User: u, Keys: map[string]bool{"id": true}, Address: c.HasScope(ScopeAddress)}
	for _, k := range viewKeys {
		if !c.HasScope(k.scope) {
			continue
		}
		if k.field != "" && !center.Mode(k.field).Readable() {
			continue
		}
		v.Keys[k.key] = true
	}
	return v
}

// MarshalJSON writes the visible keys in a fixed order, then
// hasSecurityVerificationMethod, which is always present.
func (v *AccountView) MarshalJSON() ([]byte, error) {
	u := v.User
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	put := func(key string, value any) error {
		if !first {
			b.WriteByte(',')
		}
		first = false
		k, _ := json.Marshal(key)
		b.Write(k)
		b.WriteByte(':')
		enc, err := json.Marshal(value)
		if err != nil {
			return err
		}
		b.Write(enc)
		return nil
	}
	values := map[string]any{
		"id":            u.ID,
		"username":      nullable(u.Username),
		"primaryEmail":  nullable(u.PrimaryEmail),
		"primaryPhone":  nullable(u.PrimaryPhone),
		"name":          u.Name,
		"avatar":        u.Avatar,
		"customData":    nonNilMap(u.CustomData),
		"identities":    identitiesView(u.Identities),
		"profile":       ProfileView(u.Profile, v.Address),
		"applicationId": nullable(u.ApplicationID),
		"cimdClientId":  nil,
		"isSuspended":   u.IsSuspended,
		"hasPassword":   u.HasPassword(),
		"lastSignInAt":  epochMillis(u.LastSignInAt),
		"createdAt":     epochMillis(u.CreatedAt),
		"updatedAt":     epochMillis(u.UpdatedAt),
	}
	for _, key := range viewOrder {
		if !v.Keys[key] {
			continue
		}
		if err := put(key, values[key]); err != nil {
			return nil, err
		}
	}
	if err := put("hasSecurityVerificationMethod", u.HasSecurityVerificationMethod()); err != nil {
		return nil, err
	}
	b.WriteByte('}')
	return b.Bytes(), nil
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

// epochMillis turns a time into epoch milliseconds, and the zero time into
// null.
func epochMillis(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	ms := t.UnixMilli()
	return &ms
}
