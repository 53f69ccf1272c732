package storetest

import (
	"fmt"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// The fixtures' times are whole microseconds in three locations, so a store
// that keeps the wall clock but drops the zone (or compares times as text)
// fails.
var (
	zoneIndia = time.FixedZone("UTC+05:30", 5*60*60+30*60)
	zoneWest  = time.FixedZone("UTC-07:00", -7*60*60)
	base      = time.Date(2026, time.March, 14, 15, 9, 26, 535897000, zoneIndia)
)

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// fullUser returns user number n with every field set.
func fullUser(n int) *account.User {
	id := fmt.Sprintf("user-%d", n)
	username := fmt.Sprintf("Ada_%d", n)
	email := fmt.Sprintf("Ada.%d@Example.COM", n)
	return &account.User{
		ID:           id,
		Username:     username,
		UsernameKey:  account.UsernameKey(username, false),
		PrimaryEmail: email,
		EmailKey:     account.EmailKey(email),
		PrimaryPhone: phone(n),
		Name:         ptr("Ada Lovelace"),
		Avatar:       ptr("https://example.com/avatars/" + id + ".png"),
		Profile: account.Profile{
			FamilyName:        "Lovelace",
			GivenName:         "Ada",
			MiddleName:        "King",
			Nickname:          "Countess",
			PreferredUsername: "ada",
			Profile:           "https://example.com/ada",
			Website:           "https://ada.example.com",
			Gender:            "female",
			Birthdate:         "1815-12-10",
			Zoneinfo:          "Europe/London",
			Locale:            "en-GB",
			Address: &account.Address{
				Formatted:     "12 St James's Square, London SW1Y 4JH, UK",
				StreetAddress: "12 St James's Square",
				Locality:      "London",
				Region:        "Westminster",
				PostalCode:    "SW1Y 4JH",
				Country:       "UK",
			},
		},
		CustomData: map[string]any{
			"plan":     "pro",
			"seats":    3.0,
			"ratio":    0.25,
			"beta":     true,
			"nothing":  nil,
			"tags":     []any{"a", 1.5, false, nil, map[string]any{"deep": []any{"x"}}},
			"prefs":    map[string]any{"theme": "dark", "nested": map[string]any{"level": 2.0, "on": false}},
			"unicode":  "Ünïcödé ✓ 日本語",
			"emptyObj": map[string]any{},
			"emptyArr": []any{},
		},
		Identities: map[string]account.SocialIdentity{
			"google": {UserID: "g-" + id, Details: map[string]any{
				"id": "g-" + id, "email": "ada@gmail.com", "verified": true,
				"rawData": map[string]any{"sub": "g-" + id, "scopes": []any{"openid", "email"}},
			}},
			"github": {UserID: "gh-" + id},
		},
		PasswordHash:      "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		PasswordUpdatedAt: base.Add(-48 * time.Hour),
		LogtoConfig: account.LogtoConfig{
			MFA: account.MFAConfig{
				Enabled:                            ptr(true),
				Skipped:                            true,
				AdditionalBindingSuggestionSkipped: true,
				SkipMFAOnSignIn:                    true,
			},
			PasskeySignIn: account.PasskeySignInConfig{Skipped: true},
		},
		IsSuspended:   true,
		ApplicationID: "app-first-party",
		LastSignInAt:  base.Add(-time.Hour).In(zoneWest),
		CreatedAt:     base.Add(-72 * time.Hour).In(time.UTC),
		UpdatedAt:     base,
	}
}

// plainUser returns user number n with a username and nothing else
// optional: one identifier, so that claiming others is the test's choice.
func plainUser(n int) *account.User {
	username := fmt.Sprintf("user_%d", n)
	return &account.User{
		ID:          fmt.Sprintf("user-%d", n),
		Username:    username,
		UsernameKey: account.UsernameKey(username, true),
		CreatedAt:   base,
		UpdatedAt:   base,
	}
}

// phone returns a normalized phone number for user number n.
func phone(n int) string { return fmt.Sprintf("4479460%05d", n) }

// fullRecord returns a record with every field set; the store treats them
// all as data, whatever a flow would make of the combination.
func fullRecord(id, userID string) *verification.Record {
	return &verification.Record{
		ID:           id,
		Type:         verification.TypeEmailVerificationCode,
		UserID:       userID,
		CreatedAt:    base,
		ExpiresAt:    base.Add(verification.TTL).In(zoneWest),
		Verified:     true,
		Identifier:   verification.Identifier{Type: verification.IdentifierEmail, Value: "Ada@Example.com"},
		TemplateType: verification.TemplateUserPermissionValidation,
		Code: &verification.Code{
			Hash:   []byte{0x00, 0x9f, 0xff, 0x10, 0x42, 0x00},
			SentAt: base.Add(time.Second).In(time.UTC),
			Tries:  3,
		},
		ConnectorID:   "google-connector",
		Session:       []byte(`{"challenge":"c2Vzc2lvbg","userVerification":"preferred"}`),
		Result:        []byte{0x00, 0x01, 0xfe, 0xff},
		PasswordStamp: []byte{0x00, 0x7a, 0xff, 0x01},
	}
}

// codeRecord returns an unverified email-code record with a code of no tries.
func codeRecord(id, userID string) *verification.Record {
	return &verification.Record{
		ID:           id,
		Type:         verification.TypeEmailVerificationCode,
		UserID:       userID,
		CreatedAt:    base,
		ExpiresAt:    base.Add(verification.TTL),
		Identifier:   verification.Identifier{Type: verification.IdentifierEmail, Value: "ada@example.com"},
		TemplateType: verification.TemplateBindNewIdentifier,
		Code:         &verification.Code{Hash: []byte("hash-of-123456"), SentAt: base},
	}
}

// sessionRecord returns an unverified WebAuthn record holding a session.
func sessionRecord(id, userID string) *verification.Record {
	return &verification.Record{
		ID:        id,
		Type:      verification.TypeWebAuthn,
		UserID:    userID,
		CreatedAt: base,
		ExpiresAt: base.Add(verification.TTL),
		Session:   []byte(`{"challenge":"Y2hhbGxlbmdl"}`),
	}
}

// totpFactor returns a TOTP factor.
func totpFactor(id, userID string) *mfa.Factor {
	return &mfa.Factor{
		ID:         id,
		UserID:     userID,
		Type:       mfa.TypeTOTP,
		CreatedAt:  base,
		LastUsedAt: base.Add(time.Minute).In(zoneWest),
		TOTP:       &mfa.TOTP{SealedSecret: []byte{0x01, 0x00, 0xaa, 0xbb, 0xcc}, LastUsedStep: 59_000_000},
	}
}

// newTOTPFactor returns a TOTP factor that was never used.
func newTOTPFactor(id, userID string) *mfa.Factor {
	f := totpFactor(id, userID)
	f.LastUsedAt = time.Time{}
	f.TOTP.LastUsedStep = 0
	return f
}

// webAuthnFactor returns a WebAuthn factor with every credential field set.
func webAuthnFactor(id, userID, credentialID string) *mfa.Factor {
	return &mfa.Factor{
		ID:         id,
		UserID:     userID,
		Type:       mfa.TypeWebAuthn,
		CreatedAt:  base,
		LastUsedAt: base.Add(time.Hour),
		WebAuthn: &mfa.WebAuthnCredential{
			CredentialID:                 []byte(credentialID),
			PublicKey:                    []byte{0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x00},
			AttestationType:              "none",
			AttestationFormat:            "packed",
			Transports:                   []string{"internal", "hybrid"},
			UserPresent:                  true,
			UserVerified:                 true,
			BackupEligible:               true,
			BackupState:                  true,
			AAGUID:                       []byte{0xad, 0xce, 0x00, 0x02, 0x35, 0xbc, 0xc6, 0x0a, 0x64, 0x8b, 0x0b, 0x25, 0xf1, 0xf0, 0x55, 0x03},
			SignCount:                    7,
			CloneWarning:                 true,
			Attachment:                   "platform",
			AttestationClientDataJSON:    []byte(`{"type":"webauthn.create","challenge":"Y2hhbGxlbmdl"}`),
			AttestationClientDataHash:    []byte{0x10, 0x20, 0x30, 0x00},
			AttestationAuthenticatorData: []byte{0x49, 0x96, 0x0d, 0xe5, 0x00},
			AttestationPublicKeyAlg:      -7,
			AttestationObject:            []byte{0xa3, 0x63, 0x66, 0x6d, 0x74, 0x00},
			Extensions:                   []byte(`{"credProps":{"rk":true}}`),
			RPID:                         "localhost",
			Agent:                        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)",
			Name:                         "MacBook Touch ID",
		},
	}
}

// backupFactor returns a backup-code factor of ten codes, none used.
func backupFactor(id, userID string) *mfa.Factor {
	f := &mfa.Factor{ID: id, UserID: userID, Type: mfa.TypeBackupCode, CreatedAt: base}
	for i := range 10 {
		f.BackupCodes = append(f.BackupCodes, mfa.BackupCode{
			Hash:   []byte(fmt.Sprintf("hash-%02d", i)),
			Sealed: []byte(fmt.Sprintf("sealed-%02d", i)),
		})
	}
	return f
}

// fullCenter returns account-center settings with every field set.
func fullCenter() *account.AccountCenter {
	return &account.AccountCenter{
		Enabled: true,
		Fields: map[account.Field]account.FieldMode{
			account.FieldName:     account.Edit,
			account.FieldEmail:    account.ReadOnly,
			account.FieldPassword: account.Off,
			account.FieldMFA:      account.Edit,
		},
		WebAuthnRelatedOrigins: []string{"https://app.example.com", "https://admin.example.com"},
		DeleteAccountURL:       "https://example.com/delete-account?from=center",
		CustomCSS:              ptr("body { color: #333; }\n.title::after { content: \"✓\"; }"),
		ProfileFields:          []account.ProfileField{{Name: "department"}, {Name: "employeeId"}},
		UpdatedAt:              base.In(zoneWest),
	}
}
