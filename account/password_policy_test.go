package account

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func strPtr(s string) *string { return &s }

func issue(code string) PasswordIssue { return PasswordIssue{Code: code} }

func issueN(code, key string, n int) PasswordIssue {
	return PasswordIssue{Code: code, Interpolation: map[string]any{key: n}}
}

type fakeBreached struct {
	breached map[string]bool
	err      error
	calls    int
}

func (f *fakeBreached) Breached(_ context.Context, password string) (bool, error) {
	f.calls++
	return f.breached[password], f.err
}

func TestPasswordPolicyCheck(t *testing.T) {
	t.Parallel()
	// logtoTest is the policy of Logto's password-policy.test.ts; its
	// expectations are the facts these cases check.
	logtoTest := PasswordPolicy{
		MinLength: 7, MaxLength: 15, MinCharTypes: 3,
		RejectCommon: true, RejectRepetitionAndSequence: true, RejectUserInfo: true,
		BannedWords: []string{"aaaaaate", "aaaaaaaa", "silverhand"},
	}
	user := &User{
		Name:         strPtr("Jane   Q Doe"),
		Username:     "janedoe77",
		PrimaryEmail: "Jane.Doe@Example.com",
		PrimaryPhone: "64211234567",
	}
	tests := []struct {
		name     string
		policy   PasswordPolicy
		password string
		user     *User
		want     []PasswordIssue
	}{
		{"defaults/123456", DefaultPasswordPolicy(), "123456", user, []PasswordIssue{
			issueN(PasswordTooShort, "min", 8), issue(PasswordPwned), issue(PasswordRestrictedSequence),
		}},
		{"defaults/common password in upper case", DefaultPasswordPolicy(), "PASSWORD", nil, []PasswordIssue{issue(PasswordPwned)}},
		{"defaults/common password, 10,000th entry", DefaultPasswordPolicy(), "24081990", nil, []PasswordIssue{issue(PasswordPwned)}},
		{"defaults/accepted", DefaultPasswordPolicy(), "Tr0ub4dor&3x", user, nil},
		{"defaults/empty", DefaultPasswordPolicy(), "", nil, []PasswordIssue{
			issueN(PasswordTooShort, "min", 8), issueN(PasswordCharacterTypes, "min", 1),
		}},
		{"defaults/too long", DefaultPasswordPolicy(), strings.Repeat("xY1!", 65), nil, []PasswordIssue{
			issueN(PasswordTooLong, "max", 256),
		}},
		{"defaults/256 characters is fine", DefaultPasswordPolicy(), strings.Repeat("xY1!", 64), nil, nil},
		{"defaults/length counts characters, not bytes", PasswordPolicy{MinLength: 8}, "ééééééé", nil, []PasswordIssue{
			issueN(PasswordTooShort, "min", 8), issue(PasswordUnsupportedCharacters),
		}},
		{"defaults/space is a symbol", PasswordPolicy{MinCharTypes: 2}, "hello world", nil, nil},
		{"defaults/unsupported character", DefaultPasswordPolicy(), "Tr0ub4dor&3x€", nil, []PasswordIssue{issue(PasswordUnsupportedCharacters)}},
		{"defaults/tab is unsupported", DefaultPasswordPolicy(), "Tr0ub4dor\t3x", nil, []PasswordIssue{issue(PasswordUnsupportedCharacters)}},

		{"logto/accepted aL1!aL1!", logtoTest, "aL1!aL1!", nil, nil},
		{"logto/accepted silverHAnd213 (within tolerance)", logtoTest, "silverHAnd213", nil, nil},
		{"logto/accepted lo9KI8mJu112", logtoTest, "lo9KI8mJu112", nil, nil},
		{"logto/name", logtoTest, "aL1!aL1!", &User{Name: strPtr("aL1!")}, []PasswordIssue{issue(PasswordRestrictedUserInfo)}},
		{"logto/sequence", logtoTest, "lo9KI8mju78911", nil, []PasswordIssue{issue(PasswordRestrictedSequence)}},
		{"logto/sequence then repetition", logtoTest, "lo9KI8MJU789111", nil, []PasswordIssue{
			issue(PasswordRestrictedSequence), issue(PasswordRestrictedRepetition),
		}},
		{"logto/emoji", logtoTest, "aaa😀", nil, []PasswordIssue{
			issueN(PasswordTooShort, "min", 7), issue(PasswordUnsupportedCharacters), issue(PasswordRestrictedRepetition),
		}},
		{"logto/123456 with phone 12345", logtoTest, "123456", &User{PrimaryPhone: "12345"}, []PasswordIssue{
			issueN(PasswordTooShort, "min", 7), issueN(PasswordCharacterTypes, "min", 3), issue(PasswordPwned),
			issue(PasswordRestrictedSequence), issue(PasswordRestrictedUserInfo),
		}},
		{"logto/all restricted kinds in order found", logtoTest, "aaaaaaaaAAAAAAAAbcdCOK", &User{Name: strPtr("CO")}, []PasswordIssue{
			issueN(PasswordTooLong, "max", 15), issueN(PasswordCharacterTypes, "min", 3),
			issue(PasswordRestrictedRepetition), issue(PasswordRestrictedWords),
			issue(PasswordRestrictedSequence), issue(PasswordRestrictedUserInfo),
		}},

		{"types/two required, one given", PasswordPolicy{MinCharTypes: 2}, "abcdefgh", nil, []PasswordIssue{issueN(PasswordCharacterTypes, "min", 2)}},
		{"types/four given", PasswordPolicy{MinCharTypes: 4}, "aA1!", nil, nil},
		{"types/four required, three given", PasswordPolicy{MinCharTypes: 4}, "aA1a", nil, []PasswordIssue{issueN(PasswordCharacterTypes, "min", 4)}},

		{"repetition/mostly one character", PasswordPolicy{RejectRepetitionAndSequence: true}, "zzzzzzz1", nil, []PasswordIssue{issue(PasswordRestrictedRepetition)}},
		{"repetition/two is not a run", PasswordPolicy{RejectRepetitionAndSequence: true}, "aabbccdd", nil, nil},
		{"repetition/off", PasswordPolicy{}, "zzzzzzzz", nil, nil},
		{"sequence/descending letters", PasswordPolicy{RejectRepetitionAndSequence: true}, "zyxwvuts", nil, []PasswordIssue{issue(PasswordRestrictedSequence)}},
		{"sequence/keyboard row upper case", PasswordPolicy{RejectRepetitionAndSequence: true}, "QWERTYUI", nil, []PasswordIssue{issue(PasswordRestrictedSequence)}},
		{"sequence/keyboard columns", PasswordPolicy{RejectRepetitionAndSequence: true}, "1qaz2wsx", nil, []PasswordIssue{issue(PasswordRestrictedSequence)}},
		{"sequence/mixed case breaks it", PasswordPolicy{RejectRepetitionAndSequence: true}, "aBcDeFgH", nil, nil},
		{"sequence/runs covering len-3 pass", PasswordPolicy{RejectRepetitionAndSequence: true}, "abcde!x9", nil, nil},
		{"sequence/runs covering len-2 fail", PasswordPolicy{RejectRepetitionAndSequence: true}, "abcdef!x", nil, []PasswordIssue{issue(PasswordRestrictedSequence)}},

		{"user info/username any case", PasswordPolicy{RejectUserInfo: true}, "JANEDOE77!", user, []PasswordIssue{issue(PasswordRestrictedUserInfo)}},
		{"user info/email local part", PasswordPolicy{RejectUserInfo: true}, "jane.doe#1", user, []PasswordIssue{issue(PasswordRestrictedUserInfo)}},
		{"user info/whole email", PasswordPolicy{RejectUserInfo: true}, "jane.doe@example.com!", user, []PasswordIssue{issue(PasswordRestrictedUserInfo)}},
		{"user info/phone", PasswordPolicy{RejectUserInfo: true}, "x64211234567", user, []PasswordIssue{issue(PasswordRestrictedUserInfo)}},
		{"user info/name joined", PasswordPolicy{RejectUserInfo: true}, "janeqdoe!", user, []PasswordIssue{issue(PasswordRestrictedUserInfo)}},
		{"user info/name words", PasswordPolicy{RejectUserInfo: true}, "DoeJaneQ", user, []PasswordIssue{issue(PasswordRestrictedUserInfo)}},
		{"user info/short match within tolerance", PasswordPolicy{RejectUserInfo: true}, "jane-likes-cats", user, nil},
		{"user info/off", PasswordPolicy{}, "janedoe77", user, nil},
		{"user info/no user", PasswordPolicy{RejectUserInfo: true}, "janedoe77", nil, nil},

		{"words/banned any case", PasswordPolicy{BannedWords: []string{"Acme"}}, "acmeACME", nil, []PasswordIssue{issue(PasswordRestrictedWords)}},
		{"words/empty word ignored", PasswordPolicy{BannedWords: []string{""}}, "anything", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.policy.Check(context.Background(), tt.password, tt.user)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Check(%q) =\n  %v\nwant\n  %v", tt.password, got, tt.want)
			}
		})
	}
}

func TestPasswordPolicyBreached(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name     string
		common   bool
		checker  *fakeBreached
		password string
		want     []PasswordIssue
		calls    int
	}{
		{"checker says breached", false, &fakeBreached{breached: map[string]bool{"Xk9!mq2#Lp": true}}, "Xk9!mq2#Lp", []PasswordIssue{issue(PasswordPwned)}, 1},
		{"checker says fine", false, &fakeBreached{}, "Xk9!mq2#Lp", nil, 1},
		{"checker fails open", false, &fakeBreached{err: errors.New("down")}, "Xk9!mq2#Lp", nil, 1},
		{"checker fails closed when it answers true", false, &fakeBreached{breached: map[string]bool{"Xk9!mq2#Lp": true}, err: errors.New("down")}, "Xk9!mq2#Lp", []PasswordIssue{issue(PasswordPwned)}, 1},
		{"common list answers first, no call", true, &fakeBreached{}, "iloveyou", []PasswordIssue{issue(PasswordPwned)}, 0},
		{"common list off", false, nil, "iloveyou", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := PasswordPolicy{RejectCommon: tt.common}
			if tt.checker != nil {
				p.Breached = tt.checker
			}
			got := p.Check(ctx, tt.password, nil)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Check = %v, want %v", got, tt.want)
			}
			if tt.checker != nil && tt.checker.calls != tt.calls {
				t.Fatalf("checker called %d times, want %d", tt.checker.calls, tt.calls)
			}
		})
	}
}

func TestDefaultPasswordPolicyMakesNoNetworkCall(t *testing.T) {
	t.Parallel()
	if DefaultPasswordPolicy().Breached != nil {
		t.Fatal("the default policy has a breach checker")
	}
}

func TestCommonPasswordList(t *testing.T) {
	t.Parallel()
	set := commonPasswords()
	if len(set) != 10000 {
		t.Fatalf("%d common passwords loaded, want 10000", len(set))
	}
	for _, pw := range []string{"123456", "password", "qwerty", "dragon", "Password", "QWERTY"} {
		if !isCommonPassword(pw) {
			t.Errorf("%q is not common", pw)
		}
	}
	for _, pw := range []string{"", "Tr0ub4dor&3x", "correct horse battery staple"} {
		if isCommonPassword(pw) {
			t.Errorf("%q is common", pw)
		}
	}
}

func TestPasswordRejectedError(t *testing.T) {
	t.Parallel()
	issues := DefaultPasswordPolicy().Check(context.Background(), "123456", nil)
	err := PasswordRejectedError(issues)
	if err.Status != 422 || err.Code != CodePasswordRejected {
		t.Fatalf("PasswordRejectedError = %d %s, want 422 password.rejected", err.Status, err.Code)
	}
	b, jerr := json.Marshal(err.Data)
	if jerr != nil {
		t.Fatal(jerr)
	}
	const want = `[{"code":"password_rejected.too_short","interpolation":{"min":8}},` +
		`{"code":"password_rejected.pwned"},{"code":"password_rejected.restricted.sequence"}]`
	if string(b) != want {
		t.Fatalf("data JSON = %s\nwant        %s", b, want)
	}
}

// TestPasswordPolicyLongInput guards against quadratic work on a password
// far over any sane maximum: a policy without MaxLength still answers fast.
func TestPasswordPolicyLongInput(t *testing.T) {
	t.Parallel()
	p := DefaultPasswordPolicy()
	p.MaxLength = 0
	p.BannedWords = []string{"abc"}
	got := p.Check(context.Background(), strings.Repeat("a", 1<<20), &User{Username: "aaaa"})
	want := []PasswordIssue{issue(PasswordRestrictedRepetition), issue(PasswordRestrictedUserInfo)}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Check = %v, want %v", got, want)
	}
}
