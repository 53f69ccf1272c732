package myaccount

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/myaccount-go/myaccount/account"
)

// The bounds of what a user or an administrator may store, checked by the
// use cases (so the in-process API enforces them as the HTTP routes do)
// and answered 400 guard.invalid_input. LIMITS.md lists every limit with
// the test that proves it.
const (
	// MaxNameLength bounds a name, in characters (Logto's users.name is
	// varchar(128)).
	MaxNameLength = 128
	// MaxAvatarURLLength bounds an avatar URL, in bytes (Logto:
	// varchar(2048)).
	MaxAvatarURLLength = 2048
	// MaxProfileClaimLength bounds each profile claim, in characters.
	MaxProfileClaimLength = 1024
	// MaxCustomDataBytes bounds custom data, as JSON.
	MaxCustomDataBytes = 64 << 10
	// MaxCustomDataDepth bounds how deeply custom data nests (an object or
	// array in the top-level object is depth 2).
	MaxCustomDataDepth = 16
	// MaxPhoneDigits bounds the phone number a code is sent to. E.164
	// numbers have at most 15 digits; the rest is room for prefixes.
	MaxPhoneDigits = 32
	// MaxEmailLength bounds an email address, in bytes of its normal form,
	// with a local part of at most account.MaxEmailLocalLength (RFC 5321:
	// a mail system delivers no longer one).
	MaxEmailLength = account.MaxEmailLength
	// MaxIdentityFieldLength bounds a social identity's target and the
	// user's id at the provider, in characters, on the administrator's
	// identity routes. Their details are bounded as custom data is.
	MaxIdentityFieldLength = 256
)

// withinLength reports whether every set string has at most max
// characters.
func withinLength(max int, values ...*string) bool {
	for _, v := range values {
		if v != nil && utf8.RuneCountInString(*v) > max {
			return false
		}
	}
	return true
}

// validCustomData reports whether m is within MaxCustomDataDepth and
// MaxCustomDataBytes.
func validCustomData(m map[string]any) bool {
	if m == nil {
		return true
	}
	if depthOf(m, 1) > MaxCustomDataDepth {
		return false
	}
	b, err := json.Marshal(m)
	return err == nil && len(b) <= MaxCustomDataBytes
}

// depthOf is the nesting depth of v, which sits at depth d; it stops
// counting past MaxCustomDataDepth.
func depthOf(v any, d int) int {
	if d > MaxCustomDataDepth {
		return d
	}
	deepest := d
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			deepest = max(deepest, depthOf(e, d+1))
		}
	case []any:
		for _, e := range x {
			deepest = max(deepest, depthOf(e, d+1))
		}
	default:
		return d - 1 // a scalar adds no level
	}
	return deepest
}
