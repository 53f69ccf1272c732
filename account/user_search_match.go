package account

import (
	"slices"
	"strings"
)

// FieldValue gives a user's value of a field, and false when the user has
// none (a NULL column: no match compares true with it).
type FieldValue func(SearchField) (string, bool)

// Matcher validates the search and returns its test of one user, for a
// store that evaluates searches itself: exact compares strings.ToLower of
// both sides when the search folds case, the other modes use Regexp.
func (search UserSearch) Matcher() (func(FieldValue) bool, error) {
	if err := search.Validate(); err != nil {
		return nil, err
	}
	var tests []func(FieldValue) bool
	for _, m := range search.Matches {
		test, err := compileMatch(search, m)
		if err != nil {
			return nil, err
		}
		tests = append(tests, test)
	}
	return func(u FieldValue) bool {
		if len(tests) == 0 {
			return true
		}
		for _, test := range tests {
			if test(u) != search.All {
				return !search.All
			}
		}
		return search.All
	}, nil
}

// compileMatch returns the test of one match: true when any of its fields
// that the user has compares true.
func compileMatch(search UserSearch, m SearchMatch) (func(FieldValue) bool, error) {
	var compare func(string) bool
	if m.Mode == SearchExact {
		values := m.Values
		if !search.CaseSensitive {
			values = make([]string, len(m.Values))
			for i, v := range m.Values {
				values[i] = strings.ToLower(v)
			}
		}
		compare = func(field string) bool {
			if !search.CaseSensitive {
				field = strings.ToLower(field)
			}
			return slices.Contains(values, field)
		}
	} else {
		re, err := search.Regexp(m)
		if err != nil {
			return nil, err
		}
		compare = re.MatchString
	}
	fields := m.Fields()
	return func(u FieldValue) bool {
		for _, f := range fields {
			if v, ok := u(f); ok && compare(v) {
				return true
			}
		}
		return false
	}, nil
}
