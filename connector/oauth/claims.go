package oauth

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/myaccount-go/myaccount/connector"
)

// decodeObject decodes a JSON object, keeping numbers as json.Number so a
// numeric id keeps every digit (GitHub's ids pass 2^31; float64 would
// print big ones with an exponent).
func decodeObject(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("not a JSON object")
	}
	return m, nil
}

// lookup returns the value at path in m: the key itself first (claim
// names may hold dots, as URL-named claims do), else a dotted path into
// nested objects. nil when absent or when path is "-".
func lookup(m map[string]any, path string) any {
	if path == "" || path == "-" {
		return nil
	}
	if v, ok := m[path]; ok {
		return v
	}
	if !strings.Contains(path, ".") {
		return nil
	}
	var cur any = m
	for _, part := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if cur, ok = obj[part]; !ok {
			return nil
		}
	}
	return cur
}

// sameString reports whether a and b are the same non-empty string.
func sameString(a, b any) bool {
	as, ok1 := a.(string)
	bs, ok2 := b.(string)
	return ok1 && ok2 && as != "" && as == bs
}

// socialUser maps the profile claims to the user. Only the id is required;
// a field of an unexpected type is left out rather than failing the flow.
func (c *Connector) socialUser(claims map[string]any) (*connector.SocialUser, error) {
	id, ok := idString(lookup(claims, c.mapping.ID))
	if !ok {
		return nil, connector.ErrInvalidResponse("the provider's profile has no user id")
	}
	str := func(path string) string {
		s, _ := lookup(claims, path).(string)
		return s
	}
	return &connector.SocialUser{
		ID:     id,
		Email:  c.verified(claims, str(c.mapping.Email), c.mapping.EmailVerified),
		Phone:  c.verified(claims, str(c.mapping.Phone), c.mapping.PhoneVerified),
		Name:   str(c.mapping.Name),
		Avatar: str(c.mapping.Avatar),
		Raw:    claims,
	}, nil
}

// verified returns value when the claim at flag says it is verified, as
// Logto's OIDC connector takes (email_verified ?? trustUnverifiedEmail) &&
// email. A flag of "-" means the provider only exposes verified values.
func (c *Connector) verified(claims map[string]any, value, flag string) string {
	if value == "" || flag == "-" {
		return value
	}
	switch v := lookup(claims, flag).(type) {
	case nil:
		if c.cfg.TrustUnverifiedEmail {
			return value
		}
	case bool:
		if v {
			return value
		}
	case string:
		// Some providers (AWS Cognito) send the boolean as a string.
		if strings.EqualFold(v, "true") {
			return value
		}
	}
	return ""
}

// idString turns an id claim into a string: a non-empty string, or an
// integral JSON number written out in full.
func idString(v any) (string, bool) {
	switch id := v.(type) {
	case string:
		return id, id != ""
	case json.Number:
		// Digits only: the literal itself, however long.
		if s := strings.TrimPrefix(id.String(), "-"); s != "" && strings.Trim(s, "0123456789") == "" {
			return id.String(), true
		}
		// 1e3 and 7.0 are integers too.
		if f, err := id.Float64(); err == nil && f == math.Trunc(f) && !math.IsInf(f, 0) {
			return strconv.FormatFloat(f, 'f', -1, 64), true
		}
	}
	return "", false
}

// tokenSet is the connector's view of an x/oauth2 token. scope is what
// was asked for, the granted scope when the response names none.
func (c *Connector) tokenSet(tok *oauth2.Token, scope string) *connector.TokenSet {
	ts := &connector.TokenSet{
		AccessToken:  tok.AccessToken,
		RefreshToken: tok.RefreshToken,
		TokenType:    tok.TokenType,
		Scope:        scope,
	}
	if s, ok := tok.Extra("scope").(string); ok && s != "" {
		ts.Scope = s
	}
	// expires_in is taken against the connector's clock (x/oauth2 uses
	// the wall clock), so a fake clock sees consistent expiries.
	if secs := expiresIn(tok); secs > 0 {
		ts.ExpiresAt = c.now().Add(time.Duration(secs) * time.Second)
	} else if !tok.Expiry.IsZero() {
		ts.ExpiresAt = tok.Expiry
	}
	return ts
}

// expiresIn reads expires_in in seconds: a JSON number, or a string as
// some providers (Azure) send it, or a form value.
func expiresIn(tok *oauth2.Token) int64 {
	if tok.ExpiresIn > 0 {
		return tok.ExpiresIn
	}
	switch v := tok.Extra("expires_in").(type) {
	case int64: // a form-encoded response, as x/oauth2 reads it
		if v > 0 && v < math.MaxInt32 {
			return v
		}
	case float64:
		if v > 0 && v < math.MaxInt32 {
			return int64(v)
		}
	case string:
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && n > 0 && n < math.MaxInt32 {
			return n
		}
	}
	return 0
}
