package gormstore

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// The row types below mirror the tables of schema, one field a column. Every
// field GORM maps names its column in a tag, so the app's NamingStrategy
// does not matter, and no field is called CreatedAt or UpdatedAt, so GORM
// never fills in a time on its own. Nullable columns are pointers (or nil
// byte slices).

// userRow is a row of the users table. It has no column tags: the store
// reads and writes it by hand, by userColumns.
type userRow struct {
	ID                string
	Username          *string
	UsernameKey       *string
	PrimaryEmail      *string
	EmailKey          *string
	PrimaryPhone      *string
	Name              *string
	Avatar            *string
	Profile           string
	CustomData        *string
	PasswordHash      *string
	PasswordUpdatedAt *int64
	LogtoConfig       string
	IsSuspended       bool
	ApplicationID     *string
	LastSignInAt      *int64
	Created           *int64
	Updated           *int64
	// Version counts the row's writes: UpdateUser's unlocked path writes
	// only if it is still the version it read.
	Version int64
}

type identityRow struct {
	UserID       string  `gorm:"column:user_id;primaryKey"`
	Target       string  `gorm:"column:target;primaryKey"`
	SocialUserID *string `gorm:"column:social_user_id"`
	Details      *string `gorm:"column:details"`
}

type centerRow struct {
	ID                     string  `gorm:"column:id;primaryKey"`
	Enabled                bool    `gorm:"column:enabled"`
	Fields                 *string `gorm:"column:fields"`
	WebAuthnRelatedOrigins *string `gorm:"column:webauthn_related_origins"`
	DeleteAccountURL       *string `gorm:"column:delete_account_url"`
	CustomCSS              *string `gorm:"column:custom_css"`
	ProfileFields          *string `gorm:"column:profile_fields"`
	Updated                *int64  `gorm:"column:updated_at"`
}

type recordRow struct {
	ID              string  `gorm:"column:id;primaryKey"`
	Type            string  `gorm:"column:type"`
	UserID          *string `gorm:"column:user_id"`
	Created         *int64  `gorm:"column:created_at"`
	Expires         *int64  `gorm:"column:expires_at"`
	Verified        bool    `gorm:"column:verified"`
	IdentifierType  *string `gorm:"column:identifier_type"`
	IdentifierValue *string `gorm:"column:identifier_value"`
	TemplateType    *string `gorm:"column:template_type"`
	CodeHash        []byte  `gorm:"column:code_hash"`
	CodeSentAt      *int64  `gorm:"column:code_sent_at"`
	// CodeTries is NULL exactly when the record holds no code.
	CodeTries   *int64  `gorm:"column:code_tries"`
	ConnectorID *string `gorm:"column:connector_id"`
	Session     []byte  `gorm:"column:session"`
	Result      []byte  `gorm:"column:result"`
	// PasswordStamp was added after the first release (Migrate adds it).
	PasswordStamp []byte `gorm:"column:password_stamp"`
}

type factorRow struct {
	ID         string `gorm:"column:id;primaryKey"`
	UserID     string `gorm:"column:user_id"`
	Type       string `gorm:"column:type"`
	Position   int64  `gorm:"column:position"`
	Created    *int64 `gorm:"column:created_at"`
	LastUsedAt *int64 `gorm:"column:last_used_at"`

	// TOTP. TOTPLastUsedStep is NULL exactly when the factor has no TOTP.
	TOTPSealedSecret []byte `gorm:"column:totp_sealed_secret"`
	TOTPLastUsedStep *int64 `gorm:"column:totp_last_used_step"`

	// WebAuthn. SignCount is NULL exactly when the factor has no
	// credential.
	CredentialID                 []byte  `gorm:"column:credential_id"`
	PublicKey                    []byte  `gorm:"column:public_key"`
	AttestationType              *string `gorm:"column:attestation_type"`
	AttestationFormat            *string `gorm:"column:attestation_format"`
	Transports                   *string `gorm:"column:transports"`
	UserPresent                  *bool   `gorm:"column:user_present"`
	UserVerified                 *bool   `gorm:"column:user_verified"`
	BackupEligible               *bool   `gorm:"column:backup_eligible"`
	BackupState                  *bool   `gorm:"column:backup_state"`
	AAGUID                       []byte  `gorm:"column:aaguid"`
	SignCount                    *int64  `gorm:"column:sign_count"`
	CloneWarning                 *bool   `gorm:"column:clone_warning"`
	Attachment                   *string `gorm:"column:attachment"`
	AttestationClientDataJSON    []byte  `gorm:"column:attestation_client_data_json"`
	AttestationClientDataHash    []byte  `gorm:"column:attestation_client_data_hash"`
	AttestationAuthenticatorData []byte  `gorm:"column:attestation_authenticator_data"`
	AttestationPublicKeyAlg      *int64  `gorm:"column:attestation_public_key_alg"`
	AttestationObject            []byte  `gorm:"column:attestation_object"`
	Extensions                   []byte  `gorm:"column:extensions"`
	RPID                         *string `gorm:"column:rp_id"`
	Agent                        *string `gorm:"column:agent"`
	Name                         *string `gorm:"column:name"`
}

type backupCodeRow struct {
	FactorID string `gorm:"column:factor_id;primaryKey"`
	Idx      int    `gorm:"column:idx;primaryKey"`
	Hash     []byte `gorm:"column:hash"`
	Sealed   []byte `gorm:"column:sealed"`
	UsedAt   *int64 `gorm:"column:used_at"`
}

type tokenSetRow struct {
	UserID      string  `gorm:"column:user_id;primaryKey"`
	Target      string  `gorm:"column:target;primaryKey"`
	ConnectorID *string `gorm:"column:connector_id"`
	Sealed      []byte  `gorm:"column:sealed"`
	Scope       *string `gorm:"column:scope"`
	Expires     *int64  `gorm:"column:expires_at"`
	Updated     *int64  `gorm:"column:updated_at"`
}

type counterRow struct {
	Name         string `gorm:"column:name;primaryKey"`
	BlockedUntil *int64 `gorm:"column:blocked_until"`
}

type hitRow struct {
	Name  string `gorm:"column:name;primaryKey"`
	HitAt int64  `gorm:"column:hit_at;primaryKey"`
	N     int64  `gorm:"column:n"`
}

// micros stores a time as microseconds since the Unix epoch; the zero time
// is NULL.
func micros(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	v := t.UnixMicro()
	return &v
}

// timeOf reads a time stored by micros, in UTC.
func timeOf(v *int64) time.Time {
	if v == nil {
		return time.Time{}
	}
	return time.UnixMicro(*v).UTC()
}

// nullable stores an empty string as NULL.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// str reads a string stored by nullable.
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// ptr copies a nullable string, so rows never alias the caller's values.
func ptr(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// bytesOrNil copies b; an empty or nil b is NULL (for columns that are
// identifiers, where empty means unset).
func bytesOrNil(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return clone(b)
}

// clone copies b, keeping nil and empty apart (NULL and an empty string).
func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

// jsonOf encodes v as JSON text.
func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// jsonOrNull encodes v as JSON text, or NULL when isNil.
func jsonOrNull(v any, isNil bool) (*string, error) {
	if isNil {
		return nil, nil
	}
	s, err := jsonOf(v)
	return &s, err
}

// fromJSON decodes JSON text into v; NULL leaves v as it is.
func fromJSON(p *string, v any) error {
	if p == nil {
		return nil
	}
	return json.Unmarshal([]byte(*p), v)
}

func boolPtr(b bool) *bool { return &b }

func boolOf(p *bool) bool { return p != nil && *p }

// userToRows maps a user onto its row and its identity rows.
func userToRows(u *account.User) (userRow, []identityRow, error) {
	row := userRow{
		ID:                u.ID,
		Username:          nullable(u.Username),
		UsernameKey:       nullable(u.UsernameKey),
		PrimaryEmail:      nullable(u.PrimaryEmail),
		EmailKey:          nullable(u.EmailKey),
		PrimaryPhone:      nullable(u.PrimaryPhone),
		Name:              ptr(u.Name),
		Avatar:            ptr(u.Avatar),
		PasswordHash:      nullable(u.PasswordHash),
		PasswordUpdatedAt: micros(u.PasswordUpdatedAt),
		IsSuspended:       u.IsSuspended,
		ApplicationID:     nullable(u.ApplicationID),
		LastSignInAt:      micros(u.LastSignInAt),
		Created:           micros(u.CreatedAt),
		Updated:           micros(u.UpdatedAt),
	}
	// The values toUser decodes without encoding/json are encoded
	// without it too.
	var err error
	if u.Profile == (account.Profile{}) {
		row.Profile = "{}"
	} else if row.Profile, err = jsonOf(u.Profile); err != nil {
		return row, nil, fmt.Errorf("gormstore: user %s: profile: %w", u.ID, err)
	}
	if u.CustomData != nil && len(u.CustomData) == 0 {
		empty := "{}"
		row.CustomData = &empty
	} else if row.CustomData, err = jsonOrNull(u.CustomData, u.CustomData == nil); err != nil {
		return row, nil, fmt.Errorf("gormstore: user %s: custom data: %w", u.ID, err)
	}
	if u.LogtoConfig == (account.LogtoConfig{}) {
		row.LogtoConfig = zeroLogtoConfig
	} else if row.LogtoConfig, err = jsonOf(u.LogtoConfig); err != nil {
		return row, nil, fmt.Errorf("gormstore: user %s: logto config: %w", u.ID, err)
	}
	var ids []identityRow
	for target, si := range u.Identities {
		details, err := jsonOrNull(si.Details, si.Details == nil)
		if err != nil {
			return row, nil, fmt.Errorf("gormstore: user %s: identity %s: %w", u.ID, target, err)
		}
		ids = append(ids, identityRow{UserID: u.ID, Target: target, SocialUserID: nullable(si.UserID), Details: details})
	}
	return row, ids, nil
}

// toUser maps a user row and its identity rows back onto a new User.
// zeroLogtoConfig is the zero account.LogtoConfig as userToRows writes it.
var zeroLogtoConfig = func() string {
	b, err := json.Marshal(account.LogtoConfig{})
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func (r *userRow) toUser(ids []identityRow) (*account.User, error) {
	u := &account.User{
		ID:                r.ID,
		Username:          str(r.Username),
		UsernameKey:       str(r.UsernameKey),
		PrimaryEmail:      str(r.PrimaryEmail),
		EmailKey:          str(r.EmailKey),
		PrimaryPhone:      str(r.PrimaryPhone),
		Name:              ptr(r.Name),
		Avatar:            ptr(r.Avatar),
		PasswordHash:      str(r.PasswordHash),
		PasswordUpdatedAt: timeOf(r.PasswordUpdatedAt),
		IsSuspended:       r.IsSuspended,
		ApplicationID:     str(r.ApplicationID),
		LastSignInAt:      timeOf(r.LastSignInAt),
		CreatedAt:         timeOf(r.Created),
		UpdatedAt:         timeOf(r.Updated),
	}
	// The values most users have are decoded without encoding/json: an
	// empty profile and custom data, and the zero Logto config (every read
	// of a user decodes all three).
	if r.Profile != "{}" {
		if err := json.Unmarshal([]byte(r.Profile), &u.Profile); err != nil {
			return nil, fmt.Errorf("gormstore: user %s: profile: %w", r.ID, err)
		}
	}
	if r.CustomData != nil && *r.CustomData == "{}" {
		u.CustomData = map[string]any{}
	} else if err := fromJSON(r.CustomData, &u.CustomData); err != nil {
		return nil, fmt.Errorf("gormstore: user %s: custom data: %w", r.ID, err)
	}
	if r.LogtoConfig != zeroLogtoConfig {
		if err := json.Unmarshal([]byte(r.LogtoConfig), &u.LogtoConfig); err != nil {
			return nil, fmt.Errorf("gormstore: user %s: logto config: %w", r.ID, err)
		}
	}
	if len(ids) > 0 {
		u.Identities = make(map[string]account.SocialIdentity, len(ids))
		for _, id := range ids {
			si := account.SocialIdentity{UserID: str(id.SocialUserID)}
			if err := fromJSON(id.Details, &si.Details); err != nil {
				return nil, fmt.Errorf("gormstore: user %s: identity %s: %w", r.ID, id.Target, err)
			}
			u.Identities[id.Target] = si
		}
	}
	return u, nil
}

// centerToRow maps the account-center settings onto their one row.
func centerToRow(c *account.AccountCenter) (centerRow, error) {
	row := centerRow{
		ID:               centerID,
		Enabled:          c.Enabled,
		DeleteAccountURL: nullable(c.DeleteAccountURL),
		CustomCSS:        ptr(c.CustomCSS),
		Updated:          micros(c.UpdatedAt),
	}
	var err error
	if row.Fields, err = jsonOrNull(c.Fields, c.Fields == nil); err != nil {
		return row, fmt.Errorf("gormstore: account center: fields: %w", err)
	}
	if row.WebAuthnRelatedOrigins, err = jsonOrNull(c.WebAuthnRelatedOrigins, c.WebAuthnRelatedOrigins == nil); err != nil {
		return row, fmt.Errorf("gormstore: account center: origins: %w", err)
	}
	if row.ProfileFields, err = jsonOrNull(c.ProfileFields, c.ProfileFields == nil); err != nil {
		return row, fmt.Errorf("gormstore: account center: profile fields: %w", err)
	}
	return row, nil
}

// toCenter maps the row back onto new settings.
func (r *centerRow) toCenter() (*account.AccountCenter, error) {
	c := &account.AccountCenter{
		Enabled:          r.Enabled,
		DeleteAccountURL: str(r.DeleteAccountURL),
		CustomCSS:        ptr(r.CustomCSS),
		UpdatedAt:        timeOf(r.Updated),
	}
	if err := fromJSON(r.Fields, &c.Fields); err != nil {
		return nil, fmt.Errorf("gormstore: account center: fields: %w", err)
	}
	if err := fromJSON(r.WebAuthnRelatedOrigins, &c.WebAuthnRelatedOrigins); err != nil {
		return nil, fmt.Errorf("gormstore: account center: origins: %w", err)
	}
	if err := fromJSON(r.ProfileFields, &c.ProfileFields); err != nil {
		return nil, fmt.Errorf("gormstore: account center: profile fields: %w", err)
	}
	return c, nil
}

// recordToRow maps a verification record onto its row.
func recordToRow(r *verification.Record) recordRow {
	row := recordRow{
		ID:              r.ID,
		Type:            string(r.Type),
		UserID:          nullable(r.UserID),
		Created:         micros(r.CreatedAt),
		Expires:         micros(r.ExpiresAt),
		Verified:        r.Verified,
		IdentifierType:  nullable(string(r.Identifier.Type)),
		IdentifierValue: nullable(r.Identifier.Value),
		TemplateType:    nullable(string(r.TemplateType)),
		ConnectorID:     nullable(r.ConnectorID),
		Session:         clone(r.Session),
		Result:          clone(r.Result),
		PasswordStamp:   clone(r.PasswordStamp),
	}
	if r.Code != nil {
		tries := int64(r.Code.Tries)
		row.CodeHash = clone(r.Code.Hash)
		row.CodeSentAt = micros(r.Code.SentAt)
		row.CodeTries = &tries
	}
	return row
}

// toRecord maps the row back onto a new record.
func (row *recordRow) toRecord() *verification.Record {
	r := &verification.Record{
		ID:        row.ID,
		Type:      verification.Type(row.Type),
		UserID:    str(row.UserID),
		CreatedAt: timeOf(row.Created),
		ExpiresAt: timeOf(row.Expires),
		Verified:  row.Verified,
		Identifier: verification.Identifier{
			Type:  verification.IdentifierType(str(row.IdentifierType)),
			Value: str(row.IdentifierValue),
		},
		TemplateType:  verification.TemplateType(str(row.TemplateType)),
		ConnectorID:   str(row.ConnectorID),
		Session:       row.Session,
		Result:        row.Result,
		PasswordStamp: row.PasswordStamp,
	}
	if row.CodeTries != nil {
		r.Code = &verification.Code{
			Hash:   row.CodeHash,
			SentAt: timeOf(row.CodeSentAt),
			Tries:  int(*row.CodeTries),
		}
	}
	return r
}

// factorToRows maps a factor onto its row (at position) and its backup-code
// rows.
func factorToRows(f *mfa.Factor, position int64) (factorRow, []backupCodeRow, error) {
	row := factorRow{
		ID:         f.ID,
		UserID:     f.UserID,
		Type:       string(f.Type),
		Position:   position,
		Created:    micros(f.CreatedAt),
		LastUsedAt: micros(f.LastUsedAt),
	}
	if t := f.TOTP; t != nil {
		step := t.LastUsedStep
		row.TOTPSealedSecret = clone(t.SealedSecret)
		row.TOTPLastUsedStep = &step
	}
	if w := f.WebAuthn; w != nil {
		transports, err := jsonOrNull(w.Transports, w.Transports == nil)
		if err != nil {
			return row, nil, fmt.Errorf("gormstore: factor %s: transports: %w", f.ID, err)
		}
		count := int64(w.SignCount)
		alg := w.AttestationPublicKeyAlg
		row.CredentialID = bytesOrNil(w.CredentialID)
		row.PublicKey = clone(w.PublicKey)
		row.AttestationType = nullable(w.AttestationType)
		row.AttestationFormat = nullable(w.AttestationFormat)
		row.Transports = transports
		row.UserPresent = boolPtr(w.UserPresent)
		row.UserVerified = boolPtr(w.UserVerified)
		row.BackupEligible = boolPtr(w.BackupEligible)
		row.BackupState = boolPtr(w.BackupState)
		row.AAGUID = clone(w.AAGUID)
		row.SignCount = &count
		row.CloneWarning = boolPtr(w.CloneWarning)
		row.Attachment = nullable(w.Attachment)
		row.AttestationClientDataJSON = clone(w.AttestationClientDataJSON)
		row.AttestationClientDataHash = clone(w.AttestationClientDataHash)
		row.AttestationAuthenticatorData = clone(w.AttestationAuthenticatorData)
		row.AttestationPublicKeyAlg = &alg
		row.AttestationObject = clone(w.AttestationObject)
		row.Extensions = clone(w.Extensions)
		row.RPID = nullable(w.RPID)
		row.Agent = nullable(w.Agent)
		row.Name = nullable(w.Name)
	}
	var codes []backupCodeRow
	for i, c := range f.BackupCodes {
		codes = append(codes, backupCodeRow{
			FactorID: f.ID,
			Idx:      i,
			Hash:     clone(c.Hash),
			Sealed:   clone(c.Sealed),
			UsedAt:   micros(c.UsedAt),
		})
	}
	return row, codes, nil
}

// toFactor maps a factor row and its backup-code rows (in index order) back
// onto a new factor.
func (row *factorRow) toFactor(codes []backupCodeRow) (*mfa.Factor, error) {
	f := &mfa.Factor{
		ID:         row.ID,
		UserID:     row.UserID,
		Type:       mfa.FactorType(row.Type),
		CreatedAt:  timeOf(row.Created),
		LastUsedAt: timeOf(row.LastUsedAt),
	}
	if row.TOTPLastUsedStep != nil {
		f.TOTP = &mfa.TOTP{SealedSecret: row.TOTPSealedSecret, LastUsedStep: *row.TOTPLastUsedStep}
	}
	if row.SignCount != nil {
		w := &mfa.WebAuthnCredential{
			CredentialID:                 row.CredentialID,
			PublicKey:                    row.PublicKey,
			AttestationType:              str(row.AttestationType),
			AttestationFormat:            str(row.AttestationFormat),
			UserPresent:                  boolOf(row.UserPresent),
			UserVerified:                 boolOf(row.UserVerified),
			BackupEligible:               boolOf(row.BackupEligible),
			BackupState:                  boolOf(row.BackupState),
			AAGUID:                       row.AAGUID,
			SignCount:                    uint32(*row.SignCount),
			CloneWarning:                 boolOf(row.CloneWarning),
			Attachment:                   str(row.Attachment),
			AttestationClientDataJSON:    row.AttestationClientDataJSON,
			AttestationClientDataHash:    row.AttestationClientDataHash,
			AttestationAuthenticatorData: row.AttestationAuthenticatorData,
			AttestationObject:            row.AttestationObject,
			Extensions:                   row.Extensions,
			RPID:                         str(row.RPID),
			Agent:                        str(row.Agent),
			Name:                         str(row.Name),
		}
		if row.AttestationPublicKeyAlg != nil {
			w.AttestationPublicKeyAlg = *row.AttestationPublicKeyAlg
		}
		if err := fromJSON(row.Transports, &w.Transports); err != nil {
			return nil, fmt.Errorf("gormstore: factor %s: transports: %w", row.ID, err)
		}
		f.WebAuthn = w
	}
	for _, c := range codes {
		f.BackupCodes = append(f.BackupCodes, mfa.BackupCode{Hash: c.Hash, Sealed: c.Sealed, UsedAt: timeOf(c.UsedAt)})
	}
	return f, nil
}

// tokenSetToRow maps a social token set onto its row.
func tokenSetToRow(ts *account.TokenSet) tokenSetRow {
	return tokenSetRow{
		UserID:      ts.UserID,
		Target:      ts.Target,
		ConnectorID: nullable(ts.ConnectorID),
		Sealed:      clone(ts.Sealed),
		Scope:       nullable(ts.Scope),
		Expires:     micros(ts.ExpiresAt),
		Updated:     micros(ts.UpdatedAt),
	}
}

// toTokenSet maps the row back onto a new token set.
func (r *tokenSetRow) toTokenSet() *account.TokenSet {
	return &account.TokenSet{
		UserID:      r.UserID,
		Target:      r.Target,
		ConnectorID: str(r.ConnectorID),
		Sealed:      r.Sealed,
		Scope:       str(r.Scope),
		ExpiresAt:   timeOf(r.Expires),
		UpdatedAt:   timeOf(r.Updated),
	}
}

// sameIdentity reports whether two identity rows of one user and target
// hold the same values.
func sameIdentity(a, b identityRow) bool {
	return str(a.SocialUserID) == str(b.SocialUserID) && (a.Details == nil) == (b.Details == nil) && str(a.Details) == str(b.Details)
}

// identitiesByTarget indexes identity rows by target.
func identitiesByTarget(rows []identityRow) map[string]identityRow {
	m := make(map[string]identityRow, len(rows))
	for _, r := range rows {
		m[r.Target] = r
	}
	return m
}
