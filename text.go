package myaccount

import (
	"strings"
	"unicode/utf8"
)

// validText reports whether every string can be stored as text in every
// store: valid UTF-8 without NUL (Postgres refuses both in a text column).
func validText(values ...string) bool {
	for _, s := range values {
		if strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

// validTextPtr is validText for nullable strings.
func validTextPtr(values ...*string) bool {
	for _, s := range values {
		if s != nil && !validText(*s) {
			return false
		}
	}
	return true
}
