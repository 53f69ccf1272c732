package myaccount_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// mfaEnv is the in-process env of the MFA routes and the sign-in checks:
// every factor enabled, callers with a WebAuthn origin, and the hook's
// events kept.
type mfaEnv struct {
	*svcEnv
	mu     sync.Mutex
	events []myaccount.Event
}

const mfaPassword = "pass-word-1"

// mfaOrigin and mfaHost are the request's origin and host a caller
// carries: the relying party of the passkey ceremonies.
const (
	mfaOrigin = "http://localhost:8080"
	mfaHost   = "localhost"
)

func newMFAEnv(t testing.TB, change ...func(*myaccount.Config)) *mfaEnv {
	t.Helper()
	e := &mfaEnv{}
	hook := func(c *myaccount.Config) {
		c.Hook = func(_ context.Context, ev myaccount.Event) {
			e.mu.Lock()
			e.events = append(e.events, ev)
			e.mu.Unlock()
		}
	}
	e.svcEnv = newSvcEnv(t, memory.New(), append([]func(*myaccount.Config){withTestMFA(t), hook}, change...)...)
	return e
}

// mfaUser creates a user with a password and returns a first-party caller
// for it with every scope, on the WebAuthn origin.
func (e *mfaEnv) mfaUser(username string) myaccount.Caller {
	e.t.Helper()
	c := e.caller(e.user(myaccount.CreateUserInput{Username: username, Password: mfaPassword}))
	c.Origin, c.Host, c.UserAgent = mfaOrigin, mfaHost, "test-agent/1.0"
	return c
}

// mfaVerified is c with a fresh password record as its verification
// header.
func (e *mfaEnv) mfaVerified(c myaccount.Caller) myaccount.Caller {
	e.t.Helper()
	r, err := e.svc.Account.VerifyPassword(context.Background(), c, myaccount.PasswordInput{Password: mfaPassword})
	if err != nil {
		e.t.Fatalf("verify password: %v", err)
	}
	c.VerificationID = r.VerificationRecordID
	return c
}

// mfaFields replaces the account center's fields.
func (e *mfaEnv) mfaFields(fields map[account.Field]account.FieldMode) {
	e.t.Helper()
	if _, err := e.svc.Admin.SetAccountCenter(context.Background(), myaccount.UpdateAccountCenterInput{Fields: myaccount.Set(fields)}); err != nil {
		e.t.Fatalf("set fields: %v", err)
	}
}

// mfaNewSecret asks for a new TOTP secret.
func (e *mfaEnv) mfaNewSecret(c myaccount.Caller) string {
	e.t.Helper()
	s, err := e.svc.Account.NewTOTPSecret(context.Background(), c)
	if err != nil {
		e.t.Fatalf("new TOTP secret: %v", err)
	}
	return s.Secret
}

// mfaBindTOTP binds a new authenticator app to c's user and returns its
// secret.
func (e *mfaEnv) mfaBindTOTP(c myaccount.Caller) string {
	e.t.Helper()
	secret := e.mfaNewSecret(c)
	if err := e.svc.Account.AddMFAFactor(context.Background(), e.mfaVerified(c), myaccount.AddMFAInput{Type: mfa.TypeTOTP, Secret: &secret}); err != nil {
		e.t.Fatalf("bind TOTP: %v", err)
	}
	return secret
}

// mfaBindBackupCodes binds a new set of backup codes and returns them.
func (e *mfaEnv) mfaBindBackupCodes(c myaccount.Caller) []string {
	e.t.Helper()
	codes := e.mfaNewCodes(c)
	if err := e.svc.Account.AddMFAFactor(context.Background(), e.mfaVerified(c), myaccount.AddMFAInput{Type: mfa.TypeBackupCode, Codes: codes}); err != nil {
		e.t.Fatalf("bind backup codes: %v", err)
	}
	return codes
}

func (e *mfaEnv) mfaNewCodes(c myaccount.Caller) []string {
	e.t.Helper()
	b, err := e.svc.Account.NewBackupCodes(context.Background(), c)
	if err != nil {
		e.t.Fatalf("new backup codes: %v", err)
	}
	return b.Codes
}

// mfaFactors lists c's factors as JSON objects, as a client sees them.
func (e *mfaEnv) mfaFactors(c myaccount.Caller) []map[string]any {
	e.t.Helper()
	views, err := e.svc.Account.MFAFactors(context.Background(), c)
	if err != nil {
		e.t.Fatalf("list factors: %v", err)
	}
	raw, err := json.Marshal(views)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// mfaTypes is the types of the factors, in order.
func mfaTypes(factors []map[string]any) []string {
	var types []string
	for _, f := range factors {
		types = append(types, f["type"].(string))
	}
	return types
}

// mfaLogtoConfig is c's user's stored MFA state.
func (e *mfaEnv) mfaLogtoConfig(c myaccount.Caller) account.LogtoConfig {
	e.t.Helper()
	u, err := e.store.GetUser(context.Background(), c.UserID)
	if err != nil {
		e.t.Fatal(err)
	}
	return u.LogtoConfig
}

// mfaChanges is the changes of the User.Data.Updated events so far, and
// forgets them.
func (e *mfaEnv) mfaChanges() []myaccount.Change {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []myaccount.Change
	for _, ev := range e.events {
		out = append(out, ev.Changes...)
	}
	e.events = nil
	return out
}

// mfaCode is the TOTP code an authenticator app shows at t.
func mfaCode(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func mfaPtr[T any](v T) *T { return &v }

// mfaBreak is one check a route makes, to fail on purpose.
type mfaBreak int

const (
	mfaBreakCenter       mfaBreak = iota // the account center is off
	mfaBreakSuspended                    // the user is suspended
	mfaBreakInput                        // the body is invalid
	mfaBreakVerification                 // no verification header
	mfaBreakField                        // the governing field is ReadOnly
	mfaBreakFieldOff                     // the governing field is Off
	mfaBreakScope                        // no identities scope
	mfaBreakFirstParty                   // a third-party app
	mfaBreakFactor                       // the factor is not enabled
	mfaBreakTarget                       // the factor named does not exist
)

// mfaCheck is a route's check: how to fail it and what it answers then.
type mfaCheck struct {
	rule   string
	broken mfaBreak
	status int
	code   account.Code
}

// mfaRoute is a route under test: prepare makes what it needs on a fresh
// env (called before anything is broken), run calls it; broken tells
// which checks fail.
type mfaRoute struct {
	prepare func(e *mfaEnv, c myaccount.Caller) string
	run     func(e *mfaEnv, c myaccount.Caller, target string, broken func(mfaBreak) bool) error
	// fields are the fields that govern the route, broken together.
	fields []account.Field
}

// mfaCheckOrder runs the route once per check, with that check and every
// later one failing: the first failing check decides the answer.
func mfaCheckOrder(t *testing.T, route mfaRoute, checks []mfaCheck) {
	t.Helper()
	for i, check := range checks {
		t.Run(check.rule, func(t *testing.T) {
			later := map[mfaBreak]bool{}
			for _, c := range checks[i:] {
				later[c.broken] = true
			}
			broken := func(b mfaBreak) bool { return later[b] }
			e := newMFAEnv(t, func(cfg *myaccount.Config) {
				if broken(mfaBreakFactor) {
					cfg.MFA.Factors = nil
				}
			})
			ctx := context.Background()
			c := e.mfaUser("order")
			target := ""
			if route.prepare != nil {
				target = route.prepare(e, c)
			}
			c = e.mfaVerified(c)
			if broken(mfaBreakVerification) {
				c.VerificationID = ""
			}
			if broken(mfaBreakField) || broken(mfaBreakFieldOff) {
				mode := account.ReadOnly
				if broken(mfaBreakFieldOff) {
					mode = account.Off
				}
				fields := map[account.Field]account.FieldMode{}
				for _, f := range account.Fields {
					if f != account.FieldPasskey && f != account.FieldTrustedDevice {
						fields[f] = account.Edit
					}
				}
				for _, f := range route.fields {
					fields[f] = mode
				}
				e.mfaFields(fields)
			}
			if broken(mfaBreakScope) {
				c.Scopes = slices.DeleteFunc(slices.Clone(c.Scopes), func(s string) bool { return s == myaccount.ScopeIdentities })
			}
			if broken(mfaBreakFirstParty) {
				c.FirstParty = false
			}
			if broken(mfaBreakSuspended) {
				if _, err := e.svc.Admin.SetSuspended(ctx, c.UserID, myaccount.SetSuspendedInput{IsSuspended: mfaPtr(true)}); err != nil {
					t.Fatal(err)
				}
			}
			if broken(mfaBreakCenter) {
				if _, err := e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(false)}); err != nil {
					t.Fatal(err)
				}
			}
			wantCode(t, check.rule, route.run(e, c, target, broken), check.status, check.code)
		})
	}
}

// The gate's checks, first on every route.
var mfaGateChecks = []mfaCheck{
	{"the account center must be on", mfaBreakCenter, 400, account.CodeAccountCenterNotEnabled},
	{"a suspended user is refused", mfaBreakSuspended, 401, account.CodeSuspended},
}

func TestAddMFAFactorCheckOrder(t *testing.T) {
	for _, typ := range []mfa.FactorType{mfa.TypeTOTP, mfa.TypeBackupCode, mfa.TypeWebAuthn} {
		t.Run(string(typ), func(t *testing.T) {
			fields := []account.Field{account.FieldMFA}
			if typ == mfa.TypeWebAuthn {
				fields = append(fields, account.FieldPasskey)
			}
			mfaCheckOrder(t, mfaRoute{
				fields: fields,
				run: func(e *mfaEnv, c myaccount.Caller, _ string, broken func(mfaBreak) bool) error {
					in := myaccount.AddMFAInput{Type: typ, Secret: mfaPtr("JBSWY3DPEHPK3PXP"), Codes: []string{}, NewIdentifierVerificationRecordID: mfaPtr("none")}
					if broken(mfaBreakInput) {
						in = myaccount.AddMFAInput{Type: typ}
					}
					return e.svc.Account.AddMFAFactor(context.Background(), c, in)
				},
			}, append(slices.Clone(mfaGateChecks),
				mfaCheck{"the body must be valid", mfaBreakInput, 400, account.CodeGuardInvalidInput},
				mfaCheck{"the verification header must prove identity", mfaBreakVerification, 401, account.CodeRecordPermissionDenied},
				mfaCheck{"the field must be editable", mfaBreakField, 400, account.CodeFieldNotEditable},
				mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
				mfaCheck{"a third-party app is refused", mfaBreakFirstParty, 403, account.CodeThirdPartyApplicationForbidden},
				mfaCheck{"the factor must be enabled", mfaBreakFactor, 400, account.CodeMFAFactorNotEnabled},
			))
		})
	}
}

func TestAddMFAFactorInput(t *testing.T) {
	e := newMFAEnv(t)
	c := e.mfaVerified(e.mfaUser("input"))
	for _, tc := range []struct {
		rule string
		in   myaccount.AddMFAInput
	}{
		{"an unknown type is refused", myaccount.AddMFAInput{Type: "EmailVerificationCode", Secret: mfaPtr("JBSWY3DPEHPK3PXP")}},
		{"a TOTP needs a secret", myaccount.AddMFAInput{Type: mfa.TypeTOTP}},
		{"backup codes need codes", myaccount.AddMFAInput{Type: mfa.TypeBackupCode}},
		{"more than 100 backup codes are refused", myaccount.AddMFAInput{Type: mfa.TypeBackupCode, Codes: make([]string, 101)}},
		{"a passkey needs its record", myaccount.AddMFAInput{Type: mfa.TypeWebAuthn, Name: mfaPtr("Laptop")}},
		{"a passkey's name is at most 256 bytes", myaccount.AddMFAInput{Type: mfa.TypeWebAuthn, NewIdentifierVerificationRecordID: mfaPtr("r"), Name: mfaPtr(string(slices.Repeat([]byte("a"), 257)))}},
		{"a passkey's name is text", myaccount.AddMFAInput{Type: mfa.TypeWebAuthn, NewIdentifierVerificationRecordID: mfaPtr("r"), Name: mfaPtr("a\x00b")}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			wantCode(t, tc.rule, e.svc.Account.AddMFAFactor(context.Background(), c, tc.in), 400, account.CodeGuardInvalidInput)
		})
	}
	if got := e.mfaFactors(c); len(got) != 0 {
		t.Fatalf("factors after refused binds: %v", got)
	}
}

func TestAddMFAFactorTOTP(t *testing.T) {
	ctx := context.Background()
	bind := func(e *mfaEnv, c myaccount.Caller, secret string, code *string) error {
		return e.svc.Account.AddMFAFactor(ctx, e.mfaVerified(c), myaccount.AddMFAInput{Type: mfa.TypeTOTP, Secret: &secret, Code: code})
	}
	t.Run("a secret that is not upper-case base32 of 16 to 32 characters is refused", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("badsecret")
		secret := e.mfaNewSecret(c)
		for _, bad := range []string{"invalid-totp-secret", strings.ToLower(secret), "JBSWY3DP", secret + "AAAAAAAA", "JBSWY3DPEHPK3PX1"} {
			wantCode(t, bad, bind(e, c, bad, nil), 400, account.CodeTOTPSecretInvalid)
		}
		if got := e.mfaFactors(c); len(got) != 0 {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("a code, when given, must be the secret's", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("withcode")
		secret := e.mfaNewSecret(c)
		wantCode(t, "wrong code", bind(e, c, secret, mfaPtr("000000")), 400, account.CodeInvalidTOTPCode)
		wantCode(t, "not digits", bind(e, c, secret, mfaPtr("abcdef")), 400, account.CodeInvalidTOTPCode)
		if err := bind(e, c, secret, mfaPtr(mfaCode(t, secret, e.clock.Now()))); err != nil {
			t.Fatalf("right code: %v", err)
		}
	})
	t.Run("an empty code skips the check", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("emptycode")
		if err := bind(e, c, e.mfaNewSecret(c), mfaPtr("")); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("binding turns MFA on and tells the hook", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("turnon")
		if lc := e.mfaLogtoConfig(c); lc.MFA.Enabled != nil {
			t.Fatalf("a fresh user's mfa.enabled: %v", *lc.MFA.Enabled)
		}
		e.mfaChanges()
		e.mfaBindTOTP(c)
		if lc := e.mfaLogtoConfig(c); lc.MFA.Enabled == nil || !*lc.MFA.Enabled {
			t.Fatalf("mfa.enabled after a bind: %+v", lc.MFA)
		}
		if got := e.mfaChanges(); !slices.Contains(got, myaccount.ChangeMFA) {
			t.Fatalf("changes: %v", got)
		}
		got := e.mfaFactors(c)
		if len(got) != 1 || got[0]["type"] != "Totp" || got[0]["createdAt"] != "2026-01-02T03:04:05.000Z" || len(got[0]) != 3 {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("a user has one authenticator app", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("onlyone")
		e.mfaBindTOTP(c)
		// The check of the app in use comes before the secret's.
		wantCode(t, "second app", bind(e, c, "invalid", nil), 422, account.CodeTOTPAlreadyInUse)
		wantCode(t, "second app", bind(e, c, e.mfaNewSecret(c), nil), 422, account.CodeTOTPAlreadyInUse)
		if got := e.mfaFactors(c); len(got) != 1 {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("of concurrent binds one wins", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaVerified(e.mfaUser("race"))
		secret := e.mfaNewSecret(c)
		errs := make(chan error, 8)
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				errs <- e.svc.Account.AddMFAFactor(ctx, c, myaccount.AddMFAInput{Type: mfa.TypeTOTP, Secret: &secret})
			})
		}
		wg.Wait()
		close(errs)
		won := 0
		for err := range errs {
			if err == nil {
				won++
				continue
			}
			wantCode(t, "loser", err, 422, account.CodeTOTPAlreadyInUse)
		}
		if got := e.mfaFactors(c); won != 1 || len(got) != 1 {
			t.Fatalf("%d binds won, factors %v", won, got)
		}
	})
}

func TestAddMFAFactorBackupCodes(t *testing.T) {
	ctx := context.Background()
	bind := func(e *mfaEnv, c myaccount.Caller, codes []string) error {
		return e.svc.Account.AddMFAFactor(ctx, e.mfaVerified(c), myaccount.AddMFAInput{Type: mfa.TypeBackupCode, Codes: codes})
	}
	t.Run("backup codes cannot be the only factor", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("alone")
		// Alone comes before the format.
		wantCode(t, "alone", bind(e, c, []string{"x"}), 422, account.CodeBackupCodeCanNotBeAlone)
		wantCode(t, "alone", bind(e, c, e.mfaNewCodes(c)), 422, account.CodeBackupCodeCanNotBeAlone)
	})
	t.Run("the set is ten distinct codes of ten hex digits", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("format")
		e.mfaBindTOTP(c)
		codes := e.mfaNewCodes(c)
		twin := slices.Clone(codes)
		twin[9] = strings.ToUpper(codes[0])
		for _, tc := range []struct {
			rule  string
			codes []string
		}{
			{"nine codes", codes[:9]},
			{"eleven codes", append(slices.Clone(codes), "0123456789")},
			{"a code not hex", append(slices.Clone(codes[:9]), "zzzzzzzzzz")},
			{"a code too short", append(slices.Clone(codes[:9]), "012345678")},
			{"two codes alike but for case", twin},
			{"ten copies of one code", slices.Repeat(codes[:1], 10)},
		} {
			wantCode(t, tc.rule, bind(e, c, tc.codes), 422, account.CodeWrongBackupCodeFormat)
		}
		upper := make([]string, len(codes))
		for i, code := range codes {
			upper[i] = strings.ToUpper(code)
		}
		if err := bind(e, c, upper); err != nil {
			t.Fatalf("upper-case codes: %v", err)
		}
		// The codes are kept in their normal form.
		b, err := e.svc.Account.BackupCodes(ctx, e.mfaVerified(c))
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range b.Codes {
			if v.Code != codes[i] {
				t.Fatalf("code %d: %q, want %q", i, v.Code, codes[i])
			}
		}
	})
	t.Run("one active set at a time", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("active")
		e.mfaBindTOTP(c)
		e.mfaBindBackupCodes(c)
		// In use comes before alone and format.
		wantCode(t, "second set", bind(e, c, nil), 400, account.CodeGuardInvalidInput)
		wantCode(t, "second set", bind(e, c, []string{"x"}), 422, account.CodeBackupCodeAlreadyInUse)
		got := e.mfaFactors(c)
		if !slices.Equal(mfaTypes(got), []string{"Totp", "BackupCode"}) || got[1]["remainCodes"] != float64(10) {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("a used-up set is replaced by a new bind", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("usedup")
		e.mfaBindTOTP(c)
		codes := e.mfaBindBackupCodes(c)
		for _, code := range codes {
			if err := e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, c.UserID, code); err != nil {
				t.Fatal(err)
			}
		}
		before := e.mfaFactors(c)
		if before[1]["remainCodes"] != float64(0) {
			t.Fatalf("factors: %v", before)
		}
		fresh := e.mfaNewCodes(c)
		if err := bind(e, c, fresh); err != nil {
			t.Fatal(err)
		}
		after := e.mfaFactors(c)
		if len(after) != 2 || after[1]["remainCodes"] != float64(10) || after[1]["id"] == before[1]["id"] {
			t.Fatalf("factors: %v -> %v", before, after)
		}
		if err := e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, c.UserID, fresh[0]); err != nil {
			t.Fatalf("a code of the new set: %v", err)
		}
	})
	t.Run("a passkey is another factor too", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("withpasskey")
		e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
		if err := bind(e, c, e.mfaNewCodes(c)); err != nil {
			t.Fatal(err)
		}
	})
}

func TestAddMFAFactorWebAuthn(t *testing.T) {
	ctx := context.Background()
	bind := func(e *mfaEnv, c myaccount.Caller, record string, name *string) error {
		return e.svc.Account.AddMFAFactor(ctx, e.mfaVerified(c), myaccount.AddMFAInput{Type: mfa.TypeWebAuthn, NewIdentifierVerificationRecordID: &record, Name: name})
	}
	t.Run("a verified registration binds once, with its name and agent", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("passkey")
		record := e.mfaRegister(c, newMFAPasskey(c.UserID, mfaOrigin))
		e.mfaChanges()
		if err := bind(e, c, record, mfaPtr("Laptop")); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "second bind", bind(e, c, record, nil), 400, account.CodeRecordNotFound)
		got := e.mfaFactors(c)
		if len(got) != 1 || got[0]["type"] != "WebAuthn" || got[0]["name"] != "Laptop" || got[0]["agent"] != "test-agent/1.0" || got[0]["lastUsedAt"] != nil {
			t.Fatalf("factors: %v", got)
		}
		if lc := e.mfaLogtoConfig(c); lc.MFA.Enabled == nil || !*lc.MFA.Enabled {
			t.Fatalf("mfa.enabled: %+v", lc.MFA)
		}
		if got := e.mfaChanges(); !slices.Contains(got, myaccount.ChangeMFA) {
			t.Fatalf("changes: %v", got)
		}
	})
	t.Run("a passkey is bound once, whatever the record", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("twice")
		p := newMFAPasskey(c.UserID, mfaOrigin)
		first, second := e.mfaRegister(c, p), e.mfaRegister(c, p)
		if err := bind(e, c, first, nil); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "the same credential again", bind(e, c, second, nil), 400, account.CodeRecordNotFound)
		other := e.mfaUser("other")
		wantCode(t, "the same credential for another user", bind(e, other, e.mfaRegister(other, p), nil), 400, account.CodeRecordNotFound)
		if got := e.mfaFactors(c); len(got) != 1 {
			t.Fatalf("factors: %v", got)
		}
		if got := e.mfaFactors(other); len(got) != 0 {
			t.Fatalf("the other user's factors: %v", got)
		}
	})
	t.Run("a passkey without a name is listed without one", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("noname")
		e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
		got := e.mfaFactors(c)
		if _, ok := got[0]["name"]; ok {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("the record must be the caller's, verified, of a registration", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("records")
		other := e.mfaUser("other")
		othersRecord := e.mfaRegister(other, newMFAPasskey(other.UserID, mfaOrigin))
		started, err := e.svc.Account.StartWebAuthnRegistration(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		password := e.mfaVerified(c).VerificationID
		expired := e.mfaRegister(c, newMFAPasskey(c.UserID, mfaOrigin))
		for _, tc := range []struct{ rule, record string }{
			{"a missing record", "nope"},
			{"an empty record id", ""},
			{"another user's record", othersRecord},
			{"a registration not verified", started.VerificationRecordID},
			{"a record of another type", password},
		} {
			wantCode(t, tc.rule, bind(e, c, tc.record, nil), 400, account.CodeRecordNotFound)
		}
		if err := bind(e, other, othersRecord, nil); err != nil {
			t.Fatalf("the owner's bind: %v", err)
		}
		e.clock.Advance(11 * time.Minute)
		wantCode(t, "an expired record", bind(e, c, expired, nil), 400, account.CodeRecordNotFound)
		if got := e.mfaFactors(c); len(got) != 0 {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("a password change voids the registration", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("pwchange")
		record := e.mfaRegister(c, newMFAPasskey(c.UserID, mfaOrigin))
		e.clock.Advance(time.Second)
		if _, err := e.svc.Admin.SetPassword(ctx, c.UserID, myaccount.PasswordInput{Password: "another-pass-1"}); err != nil {
			t.Fatal(err)
		}
		c.VerificationID = ""
		r, err := e.svc.Account.VerifyPassword(ctx, c, myaccount.PasswordInput{Password: "another-pass-1"})
		if err != nil {
			t.Fatal(err)
		}
		c.VerificationID = r.VerificationRecordID
		err = e.svc.Account.AddMFAFactor(ctx, c, myaccount.AddMFAInput{Type: mfa.TypeWebAuthn, NewIdentifierVerificationRecordID: &record})
		wantCode(t, "old registration", err, 400, account.CodeRecordNotFound)
	})
	t.Run("for passkey sign-in alone, MFA stays as it was", func(t *testing.T) {
		e := newMFAEnv(t, func(cfg *myaccount.Config) {
			cfg.MFA.Factors = []mfa.FactorType{mfa.TypeTOTP}
			cfg.MFA.PasskeySignIn = true
		})
		c := e.mfaUser("signinonly")
		e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
		if lc := e.mfaLogtoConfig(c); lc.MFA.Enabled != nil {
			t.Fatalf("mfa.enabled: %v", *lc.MFA.Enabled)
		}
	})
	t.Run("the passkey field governs, the mfa field when it is unset", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("fields")
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Off, account.FieldPasskey: account.Edit})
		e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
		secret := e.mfaNewSecret(c)
		wantCode(t, "TOTP under mfa Off", e.svc.Account.AddMFAFactor(ctx, e.mfaVerified(c), myaccount.AddMFAInput{Type: mfa.TypeTOTP, Secret: &secret}), 400, account.CodeFieldNotEditable)
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Edit, account.FieldPasskey: account.ReadOnly})
		record := e.mfaRegister(c, newMFAPasskey(c.UserID, mfaOrigin))
		wantCode(t, "passkey ReadOnly", bind(e, c, record, nil), 400, account.CodeFieldNotEditable)
		if err := e.svc.Account.AddMFAFactor(ctx, e.mfaVerified(c), myaccount.AddMFAInput{Type: mfa.TypeTOTP, Secret: &secret}); err != nil {
			t.Fatalf("TOTP under mfa Edit: %v", err)
		}
	})
}
