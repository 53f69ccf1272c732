package myaccount

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/secret"
)

// Config is everything a Service needs. Only Store is required; every other
// field has a default that New fills in.
type Config struct {
	// Store keeps users, records, counters and factors.
	Store Store

	// Clock tells the time; tests inject a fake one. Default time.Now.
	Clock func() time.Time
	// Random is the source of ids, codes and salts. Default crypto/rand.
	Random io.Reader
	// NewID makes ids for records and factors. Default: 21 random
	// characters from Random.
	NewID func() string

	// Hasher hashes and checks passwords. Default: argon2id with OWASP
	// parameters and bounded concurrency.
	Hasher account.PasswordHasher

	// PasswordPolicy, UsernamePolicy and EmailPolicy are the sign-in
	// experience's policies. nil means the defaults; the
	// zero EmailPolicy blocks nothing.
	PasswordPolicy *account.PasswordPolicy
	UsernamePolicy *account.UsernamePolicy
	EmailPolicy    account.EmailPolicy
	// EmailSyntax says which email addresses are accepted wherever one
	// enters: code sends and checks, the primary email, the
	// administrator's routes, the sign-in lookup. The zero value accepts
	// ASCII local parts only (look-alikes such as a fullwidth "ａlice" are
	// refused); see account.EmailSyntax.
	EmailSyntax account.EmailSyntax

	// Codes sets code expiry, tries and the send limits.
	Codes CodePolicy
	// Lockout sets the brute-force lockout.
	Lockout LockoutPolicy

	// Connectors are the connectors users may verify and link identities
	// with (social ones), and the identities of the email and SMS ones.
	// Without a social one, the public account center shows the social
	// field Off. GET /api/.well-known/sign-in-exp lists the social ones,
	// as connector.Display shows them.
	Connectors []connector.Connector

	// EmailSender and SMSSender deliver codes. Without one, sending a code
	// of that kind answers 501 connector.not_found.
	EmailSender Sender
	SMSSender   Sender

	// MFA says which factors users may bind and whether passkey sign-in is
	// on (the sign-in experience's settings).
	MFA MFAPolicy

	// Cipher seals secrets at rest: TOTP keys, backup codes, social token
	// sets. Required when any MFA factor is enabled. Every app instance
	// sharing a store needs the same keys (secret.NewKeyRing).
	Cipher secret.Cipher

	// Hook receives events. Optional.
	Hook Hook

	// Sessions is the app's sign-in sessions and grants.
	// Without one, the sessions and grants routes are not served, and the
	// public account center (GET /api/.well-known/account-center) shows
	// the session field Off.
	Sessions SessionProvider

	// Avatars stores uploaded avatars. Without one, an upload
	// answers 400 storage.not_configured and the public account center
	// shows an Edit avatar field ReadOnly. blob/localdir keeps them in a
	// directory.
	Avatars BlobStore
	// MaxAvatarBytes bounds an avatar upload. Default
	// DefaultMaxAvatarBytes (20 MiB).
	MaxAvatarBytes int64

	// AccountCenter is the account-center settings a store that holds none
	// starts with. nil means Logto's default: the account center disabled
	// and every field Off, so that every Account and Verification API route
	// answers 400 account_center.not_enabled until an administrator turns
	// it on (PATCH /api/account-center, Admin.SetAccountCenter). Set it to
	// start enabled with the fields you choose:
	//
	//	AccountCenter: &account.AccountCenter{Enabled: true, Fields: map[account.Field]account.FieldMode{
	//		account.FieldName: account.Edit, account.FieldEmail: account.Edit, account.FieldPassword: account.Edit,
	//	}},
	//
	// Nothing is written to the store at New: until the settings are first
	// changed, every Service answers with these (give every instance the
	// same), and that first change is made to them and stored. From then on
	// the stored settings rule and this field is not used. New refuses
	// settings that PATCH /api/account-center would refuse (an unknown
	// field, an invalid mode or URL); UpdatedAt is ignored.
	AccountCenter *account.AccountCenter

	// AccountCenterTTL is how long a Service keeps the account-center
	// settings it read, instead of reading them on every request. Default
	// DefaultAccountCenterTTL (1 s); negative reads them every time. A
	// change made through this Service is seen at once; one made through
	// another instance (or straight in the store) within the TTL.
	AccountCenterTTL time.Duration

	// SignInExperience is what GET /api/.well-known/sign-in-exp shows that
	// only the host knows: colours, logos, legal links, support contacts,
	// languages, the custom profile field catalogue. Logto's defaults
	// otherwise.
	SignInExperience SignInExperience

	// Logger gets internal errors, with detail but never a secret. Default
	// slog.Default().
	Logger *slog.Logger
}

// MFAPolicy is the sign-in experience's MFA setting.
type MFAPolicy struct {
	// Factors are the factors users may bind: any of mfa.TypeTOTP,
	// mfa.TypeWebAuthn, mfa.TypeBackupCode. None by default.
	Factors []mfa.FactorType
	// Prompt is when the host's sign-in asks users to set up MFA, as the
	// sign-in experience shows it. Default MFAPromptAtSignInAndSignUp: a
	// user may turn their second step off.
	Prompt MFAPrompt
	// PasskeySignIn lets users add passkeys for passwordless sign-in even
	// when WebAuthn is not an MFA factor.
	PasskeySignIn bool
	// Issuer names the app in authenticator apps (otpauth URIs). Default
	// "myaccount".
	Issuer string
	// AllowSignCountRollback accepts a passkey sign-in whose sign counter
	// did not move forward. Off by default: such a counter suggests a
	// cloned authenticator.
	AllowSignCountRollback bool
}

// enabled reports whether users may bind factor t.
func (p MFAPolicy) enabled(t mfa.FactorType) bool { return slices.Contains(p.Factors, t) }

// CodePolicy sets how codes behave. Zero fields take the defaults.
type CodePolicy struct {
	// TTL is how long a code may be used after it is sent. Default 600 s.
	TTL time.Duration
	// MaxTries is how many attempts a code allows. Default 10.
	MaxTries int
	// SendLimit is how many codes one recipient may get within SendWindow.
	// Default 10 per 600 s. The recipient is the address or number
	// delivered to, in its one form, however it was spelled.
	SendLimit  int
	SendWindow time.Duration
	// UserSendLimit is how many codes one user may have sent within
	// UserSendWindow, to any recipients, so that one account cannot pump
	// codes to many numbers (SMS toll fraud). Default 30 per 600 s: a
	// person proving a few addresses needs a handful.
	UserSendLimit  int
	UserSendWindow time.Duration
	// ClientSMSLimit and ClientEmailLimit are how many codes of each kind
	// one client address (Caller.ClientAddr; an IPv6 address counts by its
	// /64) may have sent within ClientSendWindow, whichever users ask, so
	// that one source cannot pump codes through many accounts. Defaults:
	// 30 text messages per 600 s, as for one user (a source with many
	// accounts gets no more SMS than one account would: SMS costs money
	// per message, and toll fraud aims at it), and 100 emails. Many people
	// behind one address (an office NAT) share them, so a host that serves
	// such a crowd raises them; a call without a client address is not
	// counted.
	ClientSMSLimit   int
	ClientEmailLimit int
	ClientSendWindow time.Duration
}

// LockoutPolicy sets the brute-force lockouts of password, code and
// second-factor checks. Zero fields take the defaults.
//
// An account's failures, from anywhere, lock the account. At
// sign-in (SignIn.Password, TOTP, BackupCode), where the caller is not yet
// anyone, the client's own failures are counted too (Caller.ClientAddr) and
// lock out the client first: with the defaults one source is refused after
// 20 failures on one account, long before the account's 100, and after 50
// on any accounts (password spraying). The checks of a signed-in user
// (POST /api/verifications/*) count on that user only.
type LockoutPolicy struct {
	// MaxAttempts failures within Window lock the account. Default 100.
	MaxAttempts int
	// Window is how far back failures count. Default one hour.
	Window time.Duration
	// Duration is how long a lockout lasts. Default 60 minutes.
	Duration time.Duration

	// ClientMaxAttempts failures of one client on one account within
	// ClientWindow lock that client out of that account. Default 20.
	ClientMaxAttempts int
	// ClientMaxFailures failures of one client on any accounts within
	// ClientWindow lock that client out of every sign-in check. Default 50.
	ClientMaxFailures int
	// ClientWindow is how far back a client's failures count. Default 15
	// minutes.
	ClientWindow time.Duration
	// ClientDuration is how long a client's lockout lasts. Default 15
	// minutes.
	ClientDuration time.Duration
}

func (c *Config) setDefaults() error {
	if err := c.refuseNils(); err != nil {
		return err
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	if c.Random == nil {
		c.Random = rand.Reader
	}
	if c.NewID == nil {
		c.NewID = idGenerator(c.Random)
	}
	if c.Hasher == nil {
		h, err := account.NewArgon2idHasher(account.Argon2idOptions{Rand: c.Random})
		if err != nil {
			return err
		}
		c.Hasher = h
	}
	if c.PasswordPolicy == nil {
		p := account.DefaultPasswordPolicy()
		c.PasswordPolicy = &p
	}
	if c.UsernamePolicy == nil {
		p := account.DefaultUsernamePolicy()
		c.UsernamePolicy = &p
	}
	if len(c.MFA.Factors) > 0 && c.Cipher == nil {
		return errors.New("myaccount: Config.Cipher is required when MFA factors are enabled (TOTP keys and backup codes are sealed at rest)")
	}
	if c.MFA.Prompt == "" {
		c.MFA.Prompt = MFAPromptAtSignInAndSignUp
	}
	if !c.MFA.Prompt.valid() {
		return fmt.Errorf("myaccount: unknown MFA prompt %q", c.MFA.Prompt)
	}
	if err := c.SignInExperience.setDefaults(); err != nil {
		return err
	}
	if c.MFA.Issuer == "" {
		c.MFA.Issuer = "myaccount"
	}
	c.Codes.setDefaults()
	c.Lockout.setDefaults()
	if c.AccountCenterTTL == 0 {
		c.AccountCenterTTL = DefaultAccountCenterTTL
	}
	if c.MaxAvatarBytes <= 0 {
		c.MaxAvatarBytes = DefaultMaxAvatarBytes
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return nil
}

func (p *CodePolicy) setDefaults() {
	if p.TTL <= 0 {
		p.TTL = 600 * time.Second
	}
	if p.MaxTries <= 0 {
		p.MaxTries = 10
	}
	if p.SendLimit <= 0 {
		p.SendLimit = 10
	}
	if p.SendWindow <= 0 {
		p.SendWindow = 600 * time.Second
	}
	if p.UserSendLimit <= 0 {
		p.UserSendLimit = 30
	}
	if p.UserSendWindow <= 0 {
		p.UserSendWindow = 600 * time.Second
	}
	if p.ClientSMSLimit <= 0 {
		p.ClientSMSLimit = 30
	}
	if p.ClientEmailLimit <= 0 {
		p.ClientEmailLimit = 100
	}
	if p.ClientSendWindow <= 0 {
		p.ClientSendWindow = 600 * time.Second
	}
}

func (p *LockoutPolicy) setDefaults() {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 100
	}
	if p.Window <= 0 {
		p.Window = time.Hour
	}
	if p.Duration <= 0 {
		p.Duration = 60 * time.Minute
	}
	if p.ClientMaxAttempts <= 0 {
		p.ClientMaxAttempts = 20
	}
	if p.ClientMaxFailures <= 0 {
		p.ClientMaxFailures = 50
	}
	if p.ClientWindow <= 0 {
		p.ClientWindow = 15 * time.Minute
	}
	if p.ClientDuration <= 0 {
		p.ClientDuration = 15 * time.Minute
	}
}
