package account

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// UserQuery asks Store.ListUsers for one page of users.
type UserQuery struct {
	// Search selects the users; its zero value keeps every user. A store
	// checks it with Validate and answers an error wrapping
	// ErrInvalidSearch when it fails.
	Search UserSearch
	// Page is the page number, from 1; PageSize the users per page, at
	// least 1. A store refuses other values with an error.
	Page     int
	PageSize int
}

// Offset returns how many users come before the page. ok is false when Page
// or PageSize is below 1, or when the offset does not fit in an int (a page
// so far out that it is empty anyway).
func (q UserQuery) Offset() (offset int, ok bool) {
	if q.Page < 1 || q.PageSize < 1 {
		return 0, false
	}
	const maxInt = int(^uint(0) >> 1)
	if q.Page-1 > maxInt/q.PageSize {
		return 0, false
	}
	return (q.Page - 1) * q.PageSize, true
}

// ErrInvalidSearch is wrapped by the error of a UserSearch that Validate
// refuses, and by a store's error for a pattern its database refuses.
var ErrInvalidSearch = errors.New("invalid user search")

// UserSearch is Logto's user search (its utils/search.ts): matches joined
// by AND or OR, each on one field or on all of them.
//
// What scans: in the SQL stores, an exact, case-sensitive match on SearchID
// or SearchPhone is an index lookup (the primary key, the unique phone
// index), when it is the only match or is joined by AND; every other search
// reads the whole users table, since no index serves a pattern, a regular
// expression or a lowercased column. The memory store always scans.
type UserSearch struct {
	Matches []SearchMatch
	// All joins the matches with AND; false (Logto's default, joint=or)
	// with OR.
	All bool
	// CaseSensitive compares letters as written; false folds case (ASCII
	// letters at least; other letters as the store's database folds them).
	// SearchSimilarTo requires it, as Logto does.
	CaseSensitive bool
}

// SearchField is a users column a match can name.
type SearchField string

// The fields of a search, as Logto names their columns. SearchAny is every
// one of them, any of which may match.
const (
	SearchAny      SearchField = ""
	SearchID       SearchField = "id"
	SearchUsername SearchField = "username"
	SearchEmail    SearchField = "primary_email"
	SearchPhone    SearchField = "primary_phone"
	SearchName     SearchField = "name"
)

// SearchFields are the fields SearchAny stands for, in Logto's order.
var SearchFields = []SearchField{SearchID, SearchEmail, SearchPhone, SearchUsername, SearchName}

// SearchMode is how a match compares a field with its values.
type SearchMode string

// The modes of a match, as Logto names them.
const (
	// SearchExact is equality with any of the values: lower(column) =
	// lower(value) when the search folds case.
	SearchExact SearchMode = "exact"
	// SearchLike is SQL LIKE: % any run of characters, _ any one
	// character, \ makes the next character literal; the pattern matches
	// the whole value. Logto's default.
	SearchLike SearchMode = "like"
	// SearchSimilarTo is SQL SIMILAR TO (see SimilarToRegexp).
	SearchSimilarTo SearchMode = "similar_to"
	// SearchPosix is a POSIX regular expression that may match anywhere in
	// the value (Postgres's ~ and ~*); stores without one take it as a Go
	// regular expression (RE2), see Validate.
	SearchPosix SearchMode = "posix"
)

// SearchMatch is one condition of a search: Field (or any field, for
// SearchAny) compared with Values by Mode. Only SearchExact takes more than
// one value; no value may be empty.
type SearchMatch struct {
	Field  SearchField
	Mode   SearchMode
	Values []string
}

// Validate returns nil for a search every store can answer, else an error
// wrapping ErrInvalidSearch that says what is wrong: an unknown field or
// mode, no value or an empty one, more than one value outside SearchExact,
// SearchSimilarTo without CaseSensitive, text that is not UTF-8 or holds
// NUL, a LIKE pattern ending in its escape, or a similar_to or posix
// pattern that Go's regexp (RE2) does not compile. The last rule holds on
// Postgres too, so every store refuses the same patterns: RE2 has no
// backreferences and no lookaround, which Postgres's ~ would take.
func (s UserSearch) Validate() error {
	for _, m := range s.Matches {
		if err := s.validateMatch(m); err != nil {
			name := string(m.Field)
			if name == "" {
				name = "search"
			}
			return fmt.Errorf("%w: %s: %s", ErrInvalidSearch, name, err)
		}
	}
	return nil
}

func (s UserSearch) validateMatch(m SearchMatch) error {
	if m.Field != SearchAny && !m.Field.known() {
		return fmt.Errorf("unknown field %q", string(m.Field))
	}
	switch m.Mode {
	case SearchExact, SearchLike, SearchSimilarTo, SearchPosix:
	default:
		return fmt.Errorf("unknown mode %q", string(m.Mode))
	}
	if len(m.Values) == 0 {
		return errors.New("no value")
	}
	if m.Mode != SearchExact && len(m.Values) > 1 {
		return fmt.Errorf("mode %s takes one value", m.Mode)
	}
	if m.Mode == SearchSimilarTo && !s.CaseSensitive {
		return errors.New("similar_to is case-sensitive only")
	}
	for _, v := range m.Values {
		if v == "" {
			return errors.New("empty value")
		}
		if strings.IndexByte(v, 0) >= 0 || !utf8.ValidString(v) {
			return errors.New("value is not text")
		}
		if _, err := s.Regexp(SearchMatch{Mode: m.Mode, Values: []string{v}}); err != nil {
			return err
		}
	}
	return nil
}

func (f SearchField) known() bool {
	for _, k := range SearchFields {
		if f == k {
			return true
		}
	}
	return false
}

// Fields returns the columns m compares: its own, or SearchFields for
// SearchAny.
func (m SearchMatch) Fields() []SearchField {
	if m.Field == SearchAny {
		return SearchFields
	}
	return []SearchField{m.Field}
}

// Regexp returns the Go regular expression that stands for the first value
// of m in a store that evaluates it itself (the memory store, SQLite for
// similar_to and posix): whole-value for SearchExact, SearchLike and
// SearchSimilarTo, anywhere for SearchPosix; (?i) when the search folds
// case. SearchExact compares lowercased text instead; its expression is only
// for callers that want one.
func (s UserSearch) Regexp(m SearchMatch) (*regexp.Regexp, error) {
	if len(m.Values) == 0 {
		return nil, errors.New("no value")
	}
	v := m.Values[0]
	var expr string
	switch m.Mode {
	case SearchExact:
		expr = "^" + regexp.QuoteMeta(v) + "$"
	case SearchLike:
		e, err := LikeRegexp(v)
		if err != nil {
			return nil, err
		}
		expr = e
	case SearchSimilarTo:
		e, err := SimilarToRegexp(v)
		if err != nil {
			return nil, err
		}
		expr = e
	case SearchPosix:
		expr = v
	default:
		return nil, fmt.Errorf("unknown mode %q", string(m.Mode))
	}
	flags := "(?s)"
	if !s.CaseSensitive {
		flags = "(?si)"
	}
	re, err := regexp.Compile(flags + "(?:" + expr + ")")
	if err != nil {
		// The code, not the expression: that is ours, not the caller's.
		var se *syntax.Error
		if errors.As(err, &se) {
			return nil, fmt.Errorf("pattern %q: %s", v, se.Code)
		}
		return nil, fmt.Errorf("pattern %q: %w", v, err)
	}
	return re, nil
}

// LikePart is one piece of a LIKE pattern: a literal run of text, or a
// wildcard (AnyOne for _, AnyRun for %).
type LikePart struct {
	Literal string
	AnyOne  bool
	AnyRun  bool
}

// ParseLike splits a LIKE pattern into its parts: % any run, _ any one
// character, and \ before any character makes it literal (Postgres's
// default escape). A pattern ending in a lone \ is an error, as on
// Postgres.
func ParseLike(pattern string) ([]LikePart, error) {
	var parts []LikePart
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, LikePart{Literal: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '\\':
			if i+1 == len(pattern) {
				return nil, errors.New(`LIKE pattern ends with its escape \`)
			}
			_, size := utf8.DecodeRuneInString(pattern[i+1:])
			lit.WriteString(pattern[i+1 : i+1+size])
			i += size
		case '%':
			flush()
			parts = append(parts, LikePart{AnyRun: true})
		case '_':
			flush()
			parts = append(parts, LikePart{AnyOne: true})
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return parts, nil
}

// LikeRegexp translates a LIKE pattern into an anchored Go regular
// expression (without flags).
func LikeRegexp(pattern string) (string, error) {
	parts, err := ParseLike(pattern)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("^")
	for _, p := range parts {
		switch {
		case p.AnyRun:
			b.WriteString(".*")
		case p.AnyOne:
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(p.Literal))
		}
	}
	b.WriteString("$")
	return b.String(), nil
}

// SimilarToRegexp translates a SQL SIMILAR TO pattern into an anchored Go
// regular expression (without flags), as Postgres's similar_escape does: %
// is .*, _ is ., | * + ? {m,n} ( ) and bracket expressions keep their
// regular-expression meaning, \ before a punctuation character makes it
// literal, \ before a letter or digit is that regular-expression escape
// (\d, \w, \s and their negations, as Postgres hands them to its regular
// expressions), and every other character (. ^ $ among them) is literal.
// Differences from Postgres: escapes RE2 lacks (\m, \y, back references)
// fail to compile and are refused; a bracket expression is passed to RE2
// with its POSIX classes ([[:alpha:]]), but collating elements [[.x.]] and
// equivalence classes [[=x=]] are not; the substring markers \" are
// refused.
func SimilarToRegexp(pattern string) (string, error) {
	var b strings.Builder
	b.WriteString("^(?:")
	inBracket := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if inBracket {
			switch c {
			case '\\':
				if i+1 == len(pattern) {
					return "", errors.New(`SIMILAR TO pattern ends with its escape \`)
				}
				i += writeSimilarEscape(&b, pattern[i+1:])
			case '[':
				if strings.HasPrefix(pattern[i:], "[:") {
					end := strings.Index(pattern[i+2:], ":]")
					if end < 0 {
						return "", errors.New("unclosed character class")
					}
					b.WriteString(pattern[i : i+2+end+2])
					i += 2 + end + 1
				} else {
					b.WriteString(`\[`)
				}
			case ']':
				b.WriteByte(']')
				inBracket = false
			default:
				b.WriteByte(c)
			}
			continue
		}
		switch c {
		case '\\':
			if i+1 == len(pattern) {
				return "", errors.New(`SIMILAR TO pattern ends with its escape \`)
			}
			if pattern[i+1] == '"' {
				return "", errors.New(`substring markers \" are not supported`)
			}
			i += writeSimilarEscape(&b, pattern[i+1:])
		case '%':
			b.WriteString(".*")
		case '_':
			b.WriteString(".")
		case '|', '*', '+', '?', '{', '}', '(', ')':
			b.WriteByte(c)
		case '[':
			b.WriteByte('[')
			inBracket = true
			// A leading ^ negates and a leading ] is literal, as in POSIX.
			if i+1 < len(pattern) && pattern[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(pattern) && pattern[i+1] == ']' {
				b.WriteString(`\]`)
				i++
			}
		default:
			_, size := utf8.DecodeRuneInString(pattern[i:])
			b.WriteString(regexp.QuoteMeta(pattern[i : i+size]))
			i += size - 1
		}
	}
	if inBracket {
		return "", errors.New("unclosed bracket expression")
	}
	b.WriteString(")$")
	return b.String(), nil
}

// writeSimilarEscape writes the regular expression of an escaped character,
// the first of rest, and returns its length in bytes. An ASCII character
// keeps its backslash: before a letter or digit that is a class escape such
// as \d, before anything else RE2 takes it literally, in a bracket or out.
// Other characters are literal as they are.
func writeSimilarEscape(b *strings.Builder, rest string) int {
	r, size := utf8.DecodeRuneInString(rest)
	if r < utf8.RuneSelf {
		b.WriteByte('\\')
	}
	b.WriteString(rest[:size])
	return size
}
