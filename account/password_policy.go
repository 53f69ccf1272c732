package account

import (
	"context"
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

// The codes of a rejected password's issues, as Logto's
// packages/toolkit/core-kit/src/password-policy.ts names them.
const (
	PasswordTooShort              = "password_rejected.too_short"
	PasswordTooLong               = "password_rejected.too_long"
	PasswordCharacterTypes        = "password_rejected.character_types"
	PasswordUnsupportedCharacters = "password_rejected.unsupported_characters"
	PasswordPwned                 = "password_rejected.pwned"
	PasswordRestrictedRepetition  = "password_rejected.restricted.repetition"
	PasswordRestrictedSequence    = "password_rejected.restricted.sequence"
	PasswordRestrictedUserInfo    = "password_rejected.restricted.user_info"
	PasswordRestrictedWords       = "password_rejected.restricted.words"
)

// PasswordIssue is one reason a password is rejected: the elements of the
// data of a 422 password.rejected error.
type PasswordIssue struct {
	Code          string         `json:"code"`
	Interpolation map[string]any `json:"interpolation,omitempty"`
}

// BreachedChecker tells whether a password is known from a data breach, for
// example through the Have I Been Pwned range API. It is how an app opts in
// to a network check: the library itself never makes one.
type BreachedChecker interface {
	Breached(ctx context.Context, password string) (bool, error)
}

// PasswordPolicy is the password policy, Logto's sign-in
// experience passwordPolicy. DefaultPasswordPolicy gives Logto's defaults;
// the zero value checks nothing but character support.
type PasswordPolicy struct {
	// MinLength and MaxLength count characters (runes). Zero or less means no
	// bound.
	MinLength int
	MaxLength int

	// MinCharTypes is how many of the four character types (lower-case
	// letter, upper-case letter, digit, symbol) a password must mix.
	MinCharTypes int

	// RejectCommon rejects, as password_rejected.pwned, a password that is
	// (case-insensitively) one of the 10,000 most common passwords of the
	// built-in list. Logto asks Have I Been Pwned here; the built-in list
	// stands in for that call so that nothing leaves the process by default.
	RejectCommon bool

	// RejectRepetitionAndSequence rejects passwords made mostly of runs of
	// one character ("aaa") or of sequences ("123", "cba", "qwerty", "1qaz")
	// of at least 3 characters.
	RejectRepetitionAndSequence bool

	// RejectUserInfo rejects passwords made mostly of the user's name (or its
	// words), username, email (local part or whole address) or phone number.
	RejectUserInfo bool

	// BannedWords rejects passwords made mostly of these words, compared
	// without regard to case.
	BannedWords []string

	// Breached, when set, is asked about every password (whatever
	// RejectCommon says) and a true answer is password_rejected.pwned. An
	// error counts as "not breached" so that an outage of the service does
	// not block every password change; a checker that prefers to fail closed
	// answers true with its error.
	Breached BreachedChecker
}

// DefaultPasswordPolicy returns Logto's default policy: 8 to 256 characters,
// one character type, and rejection of common passwords, repetitions and
// sequences, and the user's own information.
func DefaultPasswordPolicy() PasswordPolicy {
	return PasswordPolicy{
		MinLength:                   8,
		MaxLength:                   256,
		MinCharTypes:                1,
		RejectCommon:                true,
		RejectRepetitionAndSequence: true,
		RejectUserInfo:              true,
	}
}

// PasswordRejectedError returns the 422 password.rejected error carrying
// issues as its data. Call it only with a non-empty list.
func PasswordRejectedError(issues []PasswordIssue) *Error {
	return NewError(422, CodePasswordRejected).WithData(issues)
}

// passwordSymbols are the symbols Logto counts as a character type; with
// ASCII letters and digits they are the only supported characters (the
// printable ASCII range, space included).
const passwordSymbols = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "

// repetitionAndSequenceThreshold is the shortest run or sequence that counts.
const repetitionAndSequenceThreshold = 3

// restrictedPhrasesTolerance: a password is rejected for restricted phrases
// (repetition, sequence, user info, words) only when they cover more than
// len-3 of its characters, so "Silverhand!2024x" with a banned "silverhand"
// passes while "silverhand1" does not.
const restrictedPhrasesTolerance = 3

// passwordSequences are the strings whose substrings (forwards or
// backwards, all lower or all upper case) count as sequences.
var passwordSequences = func() []string {
	base := []string{
		"0123456789", "abcdefghijklmnopqrstuvwxyz",
		"qwertyuiop", "asdfghjkl", "zxcvbnm",
		"1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik", "9ol",
	}
	var all []string
	for _, s := range base {
		r := []rune(s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		rev := string(r)
		all = append(all, s, rev, strings.ToUpper(s), strings.ToUpper(rev))
	}
	return all
}()

// Check returns the issues of password under p for user u (nil: no user
// information to compare), in Logto's order: length, character types,
// pwned, then the restricted phrases in the order they were first found.
// An empty result means the password is accepted.
func (p PasswordPolicy) Check(ctx context.Context, password string, u *User) []PasswordIssue {
	pw := []rune(password)
	var issues []PasswordIssue

	switch {
	case p.MinLength > 0 && len(pw) < p.MinLength:
		issues = append(issues, PasswordIssue{Code: PasswordTooShort, Interpolation: map[string]any{"min": p.MinLength}})
	case p.MaxLength > 0 && len(pw) > p.MaxLength:
		issues = append(issues, PasswordIssue{Code: PasswordTooLong, Interpolation: map[string]any{"max": p.MaxLength}})
	}

	if types, ok := passwordCharTypes(pw); !ok {
		issues = append(issues, PasswordIssue{Code: PasswordUnsupportedCharacters})
	} else if types < p.MinCharTypes {
		issues = append(issues, PasswordIssue{Code: PasswordCharacterTypes, Interpolation: map[string]any{"min": p.MinCharTypes}})
	}

	if p.pwned(ctx, password) {
		issues = append(issues, PasswordIssue{Code: PasswordPwned})
	}

	return append(issues, p.restricted(pw, u)...)
}

func (p PasswordPolicy) pwned(ctx context.Context, password string) bool {
	if p.RejectCommon && isCommonPassword(password) {
		return true
	}
	if p.Breached != nil {
		// The error is dropped on purpose (see Breached): only the answer counts.
		breached, _ := p.Breached.Breached(ctx, password)
		return breached
	}
	return false
}

// passwordCharTypes counts the character types of pw; ok is false when pw
// holds a character outside the four types.
func passwordCharTypes(pw []rune) (types int, ok bool) {
	var lower, upper, digit, symbol bool
	for _, c := range pw {
		switch {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= '0' && c <= '9':
			digit = true
		case c < 0x80 && strings.ContainsRune(passwordSymbols, c):
			symbol = true
		default:
			return 0, false
		}
	}
	for _, b := range []bool{lower, upper, digit, symbol} {
		if b {
			types++
		}
	}
	return types, true
}

// restricted finds, at each position, the longest repetition, sequence,
// banned word and piece of user information starting there, marks the
// characters they cover, and reports the kinds found when the covered
// characters exceed the tolerance. Every step is linear in the password
// (times the word lengths), so a long password costs no quadratic time.
func (p PasswordPolicy) restricted(pw []rune, u *User) []PasswordIssue {
	n := len(pw)
	if n == 0 {
		return nil
	}
	lower := make([]rune, n)
	for i, c := range pw {
		lower[i] = unicode.ToLower(c)
	}
	words := lowerRunes(p.BannedWords)
	var info [][]rune
	if p.RejectUserInfo && u != nil {
		info = userInfoPhrases(u)
	}

	// run[i] is the length of the run of equal characters starting at i.
	var run []int
	if p.RejectRepetitionAndSequence {
		run = make([]int, n)
		for i := n - 1; i >= 0; i-- {
			run[i] = 1
			if i+1 < n && pw[i+1] == pw[i] {
				run[i] = run[i+1] + 1
			}
		}
	}

	var found []string
	add := func(code string) {
		for _, f := range found {
			if f == code {
				return
			}
		}
		found = append(found, code)
	}
	// Every phrase found at i covers i..i+length-1, so the covered
	// characters are those left of the farthest end reached so far.
	covered, reach, i := 0, 0, 0
	mark := func(length int, code string) {
		if length > 0 {
			reach = max(reach, i+length)
			add(code)
		}
	}
	for ; i < n; i++ {
		if p.RejectRepetitionAndSequence {
			if run[i] >= repetitionAndSequenceThreshold {
				mark(run[i], PasswordRestrictedRepetition)
			}
			mark(sequenceLength(pw[i:]), PasswordRestrictedSequence)
		}
		if len(words) > 0 {
			mark(longestPrefix(lower[i:], words), PasswordRestrictedWords)
		}
		if len(info) > 0 {
			mark(longestPrefix(lower[i:], info), PasswordRestrictedUserInfo)
		}
		if i < reach {
			covered++
		}
	}

	if covered <= max(1, n-restrictedPhrasesTolerance) {
		return nil
	}
	issues := make([]PasswordIssue, len(found))
	for i, code := range found {
		issues[i] = PasswordIssue{Code: code}
	}
	return issues
}

// sequenceLength is the length of the sequence pw starts with, or 0 when it
// is shorter than the threshold. No sequence is longer than 26 characters,
// so this is constant time.
func sequenceLength(pw []rune) int {
	length := 0
	for length < len(pw) {
		if length > 0 && !isSequential(string(pw[:length+1])) {
			break
		}
		length++
	}
	if length < repetitionAndSequenceThreshold {
		return 0
	}
	return length
}

func isSequential(s string) bool {
	for _, seq := range passwordSequences {
		if strings.Contains(seq, s) {
			return true
		}
	}
	return false
}

// userInfoPhrases lists, lower-cased, the pieces of u a password must not be
// made of: the name, the name without white space and each space-separated
// word of it; the username; the email's local part and the whole address
// (the whole address is this library's addition); the phone number.
func userInfoPhrases(u *User) [][]rune {
	var list []string
	if u.Name != nil && *u.Name != "" {
		name := *u.Name
		list = append(list, name, strings.Join(strings.Fields(name), ""))
		list = append(list, strings.Split(name, " ")...)
	}
	list = append(list, u.Username)
	if u.PrimaryEmail != "" {
		local, _, _ := strings.Cut(u.PrimaryEmail, "@")
		list = append(list, local, u.PrimaryEmail)
	}
	list = append(list, u.PrimaryPhone)
	return lowerRunes(list)
}

// lowerRunes lower-cases each non-empty string rune by rune, so that lengths
// stay the lengths of the originals.
func lowerRunes(list []string) [][]rune {
	var out [][]rune
	for _, s := range list {
		if s == "" {
			continue
		}
		r := []rune(s)
		for i, c := range r {
			r[i] = unicode.ToLower(c)
		}
		out = append(out, r)
	}
	return out
}

// longestPrefix is the length of the longest of phrases that s starts with.
func longestPrefix(s []rune, phrases [][]rune) int {
	best := 0
	for _, ph := range phrases {
		if len(ph) <= best || len(ph) > len(s) {
			continue
		}
		if string(s[:len(ph)]) == string(ph) {
			best = len(ph)
		}
	}
	return best
}

// commonPasswordsText is the top 10,000 of the ranked common-password list
// dictionary["passwords-common"] of the npm package
// @zxcvbn-ts/language-common 4.1.3 (MIT; data/LICENSE-zxcvbn-ts.txt), read
// with node and written one per line, lower case as given, most common
// first. It ships in the binary so that RejectCommon needs no network.
//
//go:embed data/common-passwords.txt
var commonPasswordsText string

// commonPasswords is built on first use: programs that never check a
// password never pay for the set.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 10000)
	for line := range strings.SplitSeq(commonPasswordsText, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			set[line] = struct{}{}
		}
	}
	return set
})

// isCommonPassword matches the whole password, without regard to case.
func isCommonPassword(password string) bool {
	_, ok := commonPasswords()[strings.ToLower(password)]
	return ok
}
