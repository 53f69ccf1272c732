package account

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// NormalizePhone returns the stored form of a phone number given as digits,
// country code first (Logto's packages/shared/src/utils/phone.ts):
// the country code and the national significant number, digits only, without
// "+" and without a trunk zero, so "64211234567" and "640211234567" are the
// same number. A leading "+" is tolerated.
//
// Like Logto, it asks only that the number parse (a known country code, a
// plausible length), not that it be assigned. Anything else is an error
// wrapping ErrInvalidPhone.
//
// A number whose stored form would read as another number (a national part
// of zeros that a second reading strips again, found by fuzzing) is refused
// too: the stored form must normalize to itself.
func NormalizePhone(digits string) (string, error) {
	n, err := parsePhone(digits)
	if err != nil {
		return "", err
	}
	norm := normalForm(n)
	again, err := parsePhone(norm)
	if err != nil || normalForm(again) != norm {
		return "", fmt.Errorf("%w: %q is not stable under normalization", ErrInvalidPhone, digits)
	}
	return norm, nil
}

func normalForm(n *phonenumbers.PhoneNumber) string {
	return strconv.Itoa(int(n.GetCountryCode())) + phonenumbers.GetNationalSignificantNumber(n)
}

// PhoneKeys returns the forms under which phone may already be stored: the
// normalized form and the country code + "0" + national number form that
// older Logto versions stored. A number that does not parse is its only
// key. The uniqueness check looks for all of them.
func PhoneKeys(phone string) []string {
	n, err := parsePhone(phone)
	if err != nil {
		return []string{phone}
	}
	cc := strconv.Itoa(int(n.GetCountryCode()))
	nsn := phonenumbers.GetNationalSignificantNumber(n)
	return []string{cc + nsn, cc + "0" + nsn}
}

// FormatPhone returns phone in international format for display
// ("64211234567" -> "+64 21 123 4567"), or phone unchanged when it does not
// parse.
func FormatPhone(phone string) string {
	n, err := parsePhone(phone)
	if err != nil {
		return phone
	}
	return phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
}

// parsePhone parses digits as an international number. Letters are refused
// before libphonenumber would read them as a vanity number ("1800FLOWERS").
func parsePhone(digits string) (*phonenumbers.PhoneNumber, error) {
	s := strings.TrimPrefix(digits, "+")
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		return nil, fmt.Errorf("%w: not digits", ErrInvalidPhone)
	}
	n, err := phonenumbers.Parse("+"+s, "")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidPhone, err)
	}
	return n, nil
}
