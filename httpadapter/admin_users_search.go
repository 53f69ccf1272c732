package httpadapter

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// searchFieldNames maps the field names a search key may carry, Logto's
// camelCase keys and their snake_case columns alike, to the fields.
var searchFieldNames = map[string]account.SearchField{
	"id":            account.SearchID,
	"username":      account.SearchUsername,
	"name":          account.SearchName,
	"primaryEmail":  account.SearchEmail,
	"primary_email": account.SearchEmail,
	"primaryPhone":  account.SearchPhone,
	"primary_phone": account.SearchPhone,
}

// yesWords are the values of isCaseSensitive that mean true (Logto's yes());
// any other value means false.
var yesWords = []string{"1", "true", "y", "yes", "yep", "yeah"}

// parseUserSearch reads Logto's user search from the query of GET
// /api/users (its parseSearchParamsForSearch):
//
//   - search=v is a match on every field, search.<field>=v on one; a key
//     may repeat, and its values are the match's values;
//   - mode=m is the mode of every match, mode.<field>=m of one field's
//     (exact, like, similar_to or posix; like by default);
//   - joint=and|or (or jointMode=) joins the matches, or by default;
//   - isCaseSensitive=true (or 1, y, yes) compares as written.
//
// It refuses, as errors wrapping account.ErrInvalidSearch, what Logto
// refuses (a nested key such as search.a.b, an unknown mode or joint) and,
// unlike Logto, any other key that starts with search or mode (Logto takes
// searchX as search) and a mode for an unknown field. Each value is then
// checked by account.UserSearch.Validate in the use case.
func parseUserSearch(query url.Values) (account.UserSearch, error) {
	var s account.UserSearch
	invalid := func(format string, args ...any) (account.UserSearch, error) {
		return account.UserSearch{}, fmt.Errorf("%w: %s", account.ErrInvalidSearch, fmt.Sprintf(format, args...))
	}
	joint := query.Get("joint")
	if _, ok := query["joint"]; !ok {
		joint = query.Get("jointMode")
	}
	switch joint {
	case "", "or":
	case "and":
		s.All = true
	default:
		return invalid("joint %q is not and or or", joint)
	}
	if v, ok := query["isCaseSensitive"]; ok {
		s.CaseSensitive = slices.Contains(yesWords, strings.ToLower(v[0]))
	}

	modes := map[account.SearchField]account.SearchMode{}
	values := map[account.SearchField][]string{}
	var order []account.SearchField
	keys := make([]string, 0, len(query))
	for key := range query {
		keys = append(keys, key)
	}
	slices.Sort(keys) // the matches in a stable order
	for _, key := range keys {
		prefix, isMode := "", false
		switch {
		case strings.HasPrefix(key, "mode"):
			prefix, isMode = "mode", true
		case strings.HasPrefix(key, "search"):
			prefix = "search"
		default:
			continue
		}
		field := account.SearchAny
		if rest := key[len(prefix):]; rest != "" {
			name, ok := strings.CutPrefix(rest, ".")
			if !ok {
				return invalid("unknown parameter %q", key)
			}
			if strings.Contains(name, ".") {
				return invalid("nested field %q: only a first-level field is searched", name)
			}
			if field, ok = searchFieldNames[name]; !ok {
				return invalid("field %q is not one of id, primaryEmail, primaryPhone, username, name", name)
			}
		}
		if isMode {
			mode := account.SearchMode(query[key][len(query[key])-1])
			switch mode {
			case account.SearchExact, account.SearchLike, account.SearchSimilarTo, account.SearchPosix:
			default:
				return invalid("mode %q is not exact, like, similar_to or posix", string(mode))
			}
			modes[field] = mode
			continue
		}
		if _, seen := values[field]; !seen {
			order = append(order, field)
		}
		values[field] = append(values[field], query[key]...)
	}
	for _, field := range order {
		mode, ok := modes[field]
		if !ok {
			if mode, ok = modes[account.SearchAny]; !ok {
				mode = account.SearchLike
			}
		}
		s.Matches = append(s.Matches, account.SearchMatch{Field: field, Mode: mode, Values: values[field]})
	}
	return s, nil
}

// invalidSearch is myaccount.ErrInvalidSearch saying what parseUserSearch
// found wrong.
func invalidSearch(err error) error {
	details := strings.TrimPrefix(err.Error(), account.ErrInvalidSearch.Error()+": ")
	return myaccount.ErrInvalidSearch.WithData(map[string]any{"details": "Invalid search: " + details + "."}).WithCause(err)
}
