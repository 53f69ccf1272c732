package memory

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// The copy functions make deep copies: nothing in the result shares memory
// with the argument. The store copies every value it is handed before keeping
// it, and every value it keeps before handing it out. nil stays nil and empty
// stays empty, so a copy is indistinguishable from the original.

// storedTime is a time as the store keeps it: to the microsecond, without a
// monotonic reading, in the location it was written in.
func storedTime(t time.Time) time.Time { return t.Truncate(time.Microsecond) }

// copyPtr copies the value p points to.
func copyPtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// copyJSONObject copies a JSON object decoded by encoding/json.
func copyJSONObject(m map[string]any) map[string]any { return account.CloneJSONObject(m) }

// storedJSON is a JSON object as a database column gives it back: encoded
// and decoded. The result holds only the types copyJSON knows.
func storedJSON(m map[string]any) (map[string]any, error) {
	if m == nil {
		return nil, nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// copyUser copies a stored user, whose JSON values are already normalized.
func copyUser(u *account.User) *account.User {
	c := u.Clone()
	c.PasswordUpdatedAt = storedTime(u.PasswordUpdatedAt)
	c.LastSignInAt = storedTime(u.LastSignInAt)
	c.CreatedAt = storedTime(u.CreatedAt)
	c.UpdatedAt = storedTime(u.UpdatedAt)
	return c
}

// storedUser copies a caller's user for keeping, normalizing its JSON.
func storedUser(u *account.User) (*account.User, error) {
	c := copyUser(u)
	var err error
	if c.CustomData, err = storedJSON(u.CustomData); err != nil {
		return nil, err
	}
	for target, id := range u.Identities {
		if id.Details, err = storedJSON(id.Details); err != nil {
			return nil, err
		}
		c.Identities[target] = id
	}
	return c, nil
}

// copyCenter copies account-center settings.
func copyCenter(c *account.AccountCenter) *account.AccountCenter {
	out := *c
	out.Fields = maps.Clone(c.Fields)
	out.WebAuthnRelatedOrigins = slices.Clone(c.WebAuthnRelatedOrigins)
	out.CustomCSS = copyPtr(c.CustomCSS)
	out.ProfileFields = slices.Clone(c.ProfileFields)
	out.UpdatedAt = storedTime(c.UpdatedAt)
	return &out
}

// copyRecord copies a verification record.
func copyRecord(r *verification.Record) *verification.Record {
	out := *r
	out.CreatedAt = storedTime(r.CreatedAt)
	out.ExpiresAt = storedTime(r.ExpiresAt)
	if r.Code != nil {
		out.Code = &verification.Code{Hash: bytes.Clone(r.Code.Hash), SentAt: storedTime(r.Code.SentAt), Tries: r.Code.Tries}
	}
	out.Session = bytes.Clone(r.Session)
	out.Result = bytes.Clone(r.Result)
	out.PasswordStamp = bytes.Clone(r.PasswordStamp)
	return &out
}

// copyFactor copies an MFA factor.
func copyFactor(f *mfa.Factor) *mfa.Factor {
	out := *f
	out.CreatedAt = storedTime(f.CreatedAt)
	out.LastUsedAt = storedTime(f.LastUsedAt)
	if f.TOTP != nil {
		out.TOTP = &mfa.TOTP{SealedSecret: bytes.Clone(f.TOTP.SealedSecret), LastUsedStep: f.TOTP.LastUsedStep}
	}
	if f.WebAuthn != nil {
		w := *f.WebAuthn
		w.CredentialID = bytes.Clone(w.CredentialID)
		w.PublicKey = bytes.Clone(w.PublicKey)
		w.Transports = slices.Clone(w.Transports)
		w.AAGUID = bytes.Clone(w.AAGUID)
		w.AttestationClientDataJSON = bytes.Clone(w.AttestationClientDataJSON)
		w.AttestationClientDataHash = bytes.Clone(w.AttestationClientDataHash)
		w.AttestationAuthenticatorData = bytes.Clone(w.AttestationAuthenticatorData)
		w.AttestationObject = bytes.Clone(w.AttestationObject)
		w.Extensions = bytes.Clone(w.Extensions)
		out.WebAuthn = &w
	}
	if f.BackupCodes != nil {
		out.BackupCodes = make([]mfa.BackupCode, len(f.BackupCodes))
		for i, c := range f.BackupCodes {
			out.BackupCodes[i] = mfa.BackupCode{Hash: bytes.Clone(c.Hash), Sealed: bytes.Clone(c.Sealed), UsedAt: storedTime(c.UsedAt)}
		}
	}
	return &out
}

// copyTokenSet copies a social token set.
func copyTokenSet(ts *account.TokenSet) *account.TokenSet {
	out := *ts
	out.Sealed = bytes.Clone(ts.Sealed)
	out.ExpiresAt = storedTime(ts.ExpiresAt)
	out.UpdatedAt = storedTime(ts.UpdatedAt)
	return &out
}

func copyAccessToken(t *account.PersonalAccessToken) *account.PersonalAccessToken {
	out := *t
	out.Hash = bytes.Clone(t.Hash)
	out.Scopes = slices.Clone(t.Scopes)
	out.CreatedAt = storedTime(t.CreatedAt)
	out.ExpiresAt = storedTime(t.ExpiresAt)
	return &out
}
