package account

// Clone returns a deep copy of u: nothing in it shares memory with u, so
// either can be changed without the other seeing it. nil stays nil and
// empty stays empty. CustomData and identity Details are copied as
// encoding/json decodes JSON into an any: maps and slices are copied, other
// values (strings, numbers, booleans) are immutable and kept.
func (u *User) Clone() *User {
	if u == nil {
		return nil
	}
	c := *u
	c.Name = clonePtr(u.Name)
	c.Avatar = clonePtr(u.Avatar)
	c.Profile.Address = clonePtr(u.Profile.Address)
	c.CustomData = CloneJSONObject(u.CustomData)
	if u.Identities != nil {
		c.Identities = make(map[string]SocialIdentity, len(u.Identities))
		for target, id := range u.Identities {
			id.Details = CloneJSONObject(id.Details)
			c.Identities[target] = id
		}
	}
	c.LogtoConfig.MFA.Enabled = clonePtr(u.LogtoConfig.MFA.Enabled)
	return &c
}

// CloneJSONObject returns a deep copy of a JSON object decoded by
// encoding/json into a map[string]any (see User.Clone).
func CloneJSONObject(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cloneJSON(v)
	}
	return out
}

func cloneJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return CloneJSONObject(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = cloneJSON(e)
		}
		return out
	}
	return v
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
