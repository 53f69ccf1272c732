package storetest

import (
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// The scribble functions change every part of a value that a store could
// share with its own copy (pointer targets, maps, slices, byte slices, nested
// JSON), so that a test can prove the store kept none of it.

func scribbleUser(u *account.User) {
	u.ID += "-scribbled"
	u.Username = "scribbled"
	u.UsernameKey = "scribbled"
	if u.Name != nil {
		*u.Name = "scribbled"
	}
	if u.Avatar != nil {
		*u.Avatar = "scribbled"
	}
	if a := u.Profile.Address; a != nil {
		a.Locality = "scribbled"
	}
	if e := u.LogtoConfig.MFA.Enabled; e != nil {
		*e = !*e
	}
	if u.CustomData != nil {
		scribbleJSON(u.CustomData)
		u.CustomData["scribbled"] = true
	}
	if u.Identities != nil {
		for target, id := range u.Identities {
			if id.Details != nil {
				scribbleJSON(id.Details)
			}
			id.UserID = "scribbled"
			u.Identities[target] = id
		}
		u.Identities["scribbled"] = account.SocialIdentity{UserID: "scribbled"}
	}
}

func scribbleJSON(m map[string]any) {
	for k, v := range m {
		switch v := v.(type) {
		case map[string]any:
			scribbleJSON(v)
		case []any:
			for i, e := range v {
				if obj, ok := e.(map[string]any); ok {
					scribbleJSON(obj)
				} else {
					v[i] = "scribbled"
				}
			}
		default:
			m[k] = "scribbled"
		}
	}
}

func scribbleBytes(b []byte) {
	for i := range b {
		b[i] ^= 0xff
	}
}

func scribbleRecord(r *verification.Record) {
	r.ID += "-scribbled"
	if r.Code != nil {
		scribbleBytes(r.Code.Hash)
		r.Code.Tries += 100
	}
	scribbleBytes(r.Session)
	scribbleBytes(r.Result)
	scribbleBytes(r.PasswordStamp)
}

func scribbleFactor(f *mfa.Factor) {
	f.ID += "-scribbled"
	if f.TOTP != nil {
		scribbleBytes(f.TOTP.SealedSecret)
		f.TOTP.LastUsedStep++
	}
	if w := f.WebAuthn; w != nil {
		for _, b := range [][]byte{w.CredentialID, w.PublicKey, w.AAGUID, w.AttestationClientDataJSON,
			w.AttestationClientDataHash, w.AttestationAuthenticatorData, w.AttestationObject, w.Extensions} {
			scribbleBytes(b)
		}
		for i := range w.Transports {
			w.Transports[i] = "scribbled"
		}
		w.SignCount++
		w.Name = "scribbled"
	}
	for i := range f.BackupCodes {
		scribbleBytes(f.BackupCodes[i].Hash)
		scribbleBytes(f.BackupCodes[i].Sealed)
		f.BackupCodes[i].UsedAt = time.Unix(1, 0)
	}
}

func scribbleCenter(c *account.AccountCenter) {
	c.Enabled = !c.Enabled
	if c.Fields != nil {
		for f := range c.Fields {
			c.Fields[f] = "scribbled"
		}
		c.Fields["scribbled"] = account.Edit
	}
	for i := range c.WebAuthnRelatedOrigins {
		c.WebAuthnRelatedOrigins[i] = "scribbled"
	}
	if c.CustomCSS != nil {
		*c.CustomCSS = "scribbled"
	}
	for i := range c.ProfileFields {
		c.ProfileFields[i].Name = "scribbled"
	}
}
