package myaccount_test

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestReplaceTOTPCheckOrder(t *testing.T) {
	mfaCheckOrder(t, mfaRoute{
		fields: []account.Field{account.FieldMFA},
		run: func(e *mfaEnv, c myaccount.Caller, _ string, broken func(mfaBreak) bool) error {
			in := myaccount.ReplaceTOTPInput{Secret: mfaPtr("invalid"), Code: mfaPtr("000000")}
			if broken(mfaBreakInput) {
				in.Code = nil
			}
			return e.svc.Account.ReplaceTOTP(context.Background(), c, in)
		},
	}, append(slices.Clone(mfaGateChecks),
		mfaCheck{"the body needs a secret and a code", mfaBreakInput, 400, account.CodeGuardInvalidInput},
		mfaCheck{"the verification header must prove identity", mfaBreakVerification, 401, account.CodeRecordPermissionDenied},
		mfaCheck{"the mfa field must be editable", mfaBreakField, 400, account.CodeFieldNotEditable},
		mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
		mfaCheck{"a third-party app is refused", mfaBreakFirstParty, 403, account.CodeThirdPartyApplicationForbidden},
		mfaCheck{"TOTP must be enabled", mfaBreakFactor, 400, account.CodeMFAFactorNotEnabled},
		// Then the secret: "invalid" fails it.
		mfaCheck{"the secret must be valid", -1, 400, account.CodeTOTPSecretInvalid},
	))
}

func TestReplaceTOTP(t *testing.T) {
	ctx := context.Background()
	replace := func(e *mfaEnv, c myaccount.Caller, secret, code string) error {
		return e.svc.Account.ReplaceTOTP(ctx, e.mfaVerified(c), myaccount.ReplaceTOTPInput{Secret: &secret, Code: &code})
	}
	t.Run("without an app it binds one and turns MFA on", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("first")
		secret := e.mfaNewSecret(c)
		if err := replace(e, c, secret, mfaCode(t, secret, e.clock.Now())); err != nil {
			t.Fatal(err)
		}
		if got := mfaTypes(e.mfaFactors(c)); !slices.Equal(got, []string{"Totp"}) {
			t.Fatalf("factors: %v", got)
		}
		if lc := e.mfaLogtoConfig(c); lc.MFA.Enabled == nil || !*lc.MFA.Enabled {
			t.Fatalf("mfa.enabled: %+v", lc.MFA)
		}
	})
	t.Run("a new app replaces the old in place", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("inplace")
		old := e.mfaBindTOTP(c)
		e.mfaBindBackupCodes(c)
		if err := e.svc.SignIn.TOTP(ctx, myaccount.Caller{}, c.UserID, mfaCode(t, old, e.clock.Now())); err != nil {
			t.Fatal(err)
		}
		before := e.mfaFactors(c)
		e.clock.Advance(time.Minute)
		secret := e.mfaNewSecret(c)
		if err := replace(e, c, secret, mfaCode(t, secret, e.clock.Now())); err != nil {
			t.Fatal(err)
		}
		after := e.mfaFactors(c)
		if !slices.Equal(mfaTypes(after), []string{"Totp", "BackupCode"}) || after[0]["id"] == before[0]["id"] || after[0]["createdAt"] != "2026-01-02T03:05:05.000Z" || after[1]["id"] != before[1]["id"] {
			t.Fatalf("factors: %v -> %v", before, after)
		}
		wantCode(t, "the old app", e.svc.SignIn.TOTP(ctx, myaccount.Caller{}, c.UserID, mfaCode(t, old, e.clock.Now())), 400, account.CodeInvalidTOTPCode)
		// The new app starts afresh: the step the old one used is not
		// carried over.
		if err := e.svc.SignIn.TOTP(ctx, myaccount.Caller{}, c.UserID, mfaCode(t, secret, e.clock.Now())); err != nil {
			t.Fatalf("the new app: %v", err)
		}
	})
	t.Run("a bad secret or code leaves the app in place", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("unchanged")
		e.mfaBindTOTP(c)
		before := e.mfaFactors(c)
		secret := e.mfaNewSecret(c)
		wantCode(t, "lower-case secret", replace(e, c, strings.ToLower(secret), mfaCode(t, secret, e.clock.Now())), 400, account.CodeTOTPSecretInvalid)
		wantCode(t, "wrong code", replace(e, c, secret, "123456"), 400, account.CodeInvalidTOTPCode)
		wantCode(t, "empty code", replace(e, c, secret, ""), 400, account.CodeInvalidTOTPCode)
		wantCode(t, "a code two steps old", replace(e, c, secret, mfaCode(t, secret, e.clock.Now().Add(-time.Minute))), 400, account.CodeInvalidTOTPCode)
		if after := e.mfaFactors(c); !reflect.DeepEqual(after, before) {
			t.Fatalf("factors: %v -> %v", before, after)
		}
	})
	t.Run("a code one step off is accepted", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("skew")
		secret := e.mfaNewSecret(c)
		if err := replace(e, c, secret, mfaCode(t, secret, e.clock.Now().Add(-30*time.Second))); err != nil {
			t.Fatal(err)
		}
		secret = e.mfaNewSecret(c)
		if err := replace(e, c, secret, mfaCode(t, secret, e.clock.Now().Add(30*time.Second))); err != nil {
			t.Fatal(err)
		}
	})
}

func TestNewTOTPSecret(t *testing.T) {
	ctx := context.Background()
	t.Run("a fresh base32 secret, its URI and QR code, nothing stored", func(t *testing.T) {
		e := newMFAEnv(t, func(c *myaccount.Config) { c.MFA.Issuer = "Acme App" })
		id := e.user(myaccount.CreateUserInput{PrimaryEmail: "ada@example.com", Username: "ada"})
		c := e.caller(id)
		s, err := e.svc.Account.NewTOTPSecret(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Secret) != 32 || strings.Trim(s.Secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
			t.Fatalf("secret %q", s.Secret)
		}
		u, err := url.Parse(s.OTPAuthURI)
		if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || u.Query().Get("secret") != s.Secret || u.Query().Get("issuer") != "Acme App" || !strings.Contains(u.Path, "ada@example.com") {
			t.Fatalf("URI %q: %v", s.OTPAuthURI, err)
		}
		if !strings.HasPrefix(s.QRCode, "data:image/png;base64,") {
			t.Fatalf("QR code %.40s", s.QRCode)
		}
		again, err := e.svc.Account.NewTOTPSecret(ctx, c)
		if err != nil || again.Secret == s.Secret {
			t.Fatalf("second secret: %v %v", again, err)
		}
		if got := e.mfaFactors(c); len(got) != 0 {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("the account is named by email, phone, username or id", func(t *testing.T) {
		e := newMFAEnv(t)
		for _, tc := range []struct {
			in   myaccount.CreateUserInput
			want string
		}{
			{myaccount.CreateUserInput{PrimaryPhone: "16505550100", Username: "pat"}, "16505550100"},
			{myaccount.CreateUserInput{Username: "sam"}, "sam"},
		} {
			s, err := e.svc.Account.NewTOTPSecret(ctx, e.caller(e.user(tc.in)))
			if err != nil || !strings.Contains(s.OTPAuthURI, tc.want) {
				t.Fatalf("%v: %v %v", tc.in, s, err)
			}
		}
		bare := e.user(myaccount.CreateUserInput{})
		if s, err := e.svc.Account.NewTOTPSecret(ctx, e.caller(bare)); err != nil || !strings.Contains(s.OTPAuthURI, bare) {
			t.Fatalf("a user with no identifier: %v %v", s, err)
		}
		// The default issuer.
		s, err := e.svc.Account.NewTOTPSecret(ctx, e.caller(e.user(myaccount.CreateUserInput{Username: "def"})))
		if err != nil || !strings.Contains(s.OTPAuthURI, "issuer=myaccount") {
			t.Fatalf("%v %v", s, err)
		}
	})
	t.Run("only the gate applies", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("gate")
		c.FirstParty, c.Scopes = false, []string{"openid"}
		e.mfaFields(map[account.Field]account.FieldMode{})
		if _, err := e.svc.Account.NewTOTPSecret(ctx, c); err != nil {
			t.Fatalf("with no field, scope or first party: %v", err)
		}
		if _, err := e.svc.Admin.SetSuspended(ctx, c.UserID, myaccount.SetSuspendedInput{IsSuspended: mfaPtr(true)}); err != nil {
			t.Fatal(err)
		}
		_, err := e.svc.Account.NewTOTPSecret(ctx, c)
		wantCode(t, "suspended", err, 401, account.CodeSuspended)
		_, err = e.svc.Account.NewTOTPSecret(ctx, e.caller("nobody"))
		wantCode(t, "a user that is gone", err, 401, account.CodeUnauthorized)
	})
}
