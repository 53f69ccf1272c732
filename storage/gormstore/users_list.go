package gormstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
)

// ListUsers returns a page of the users q selects and their number; see
// account.Store. Values reach the database only as parameters; a column
// name comes from a fixed table, never from the search.
//
// How each match is written: exact is column = value, or lower(column) =
// lower(value) folding case (SQLite's lower folds ASCII letters only);
// like is LIKE with the pattern re-escaped behind ESCAPE '\' (Postgres:
// ILIKE folding case; SQLite: LIKE, which folds ASCII letters, and GLOB
// with the same wildcards translated when case-sensitive); similar_to and
// posix are SIMILAR TO and ~ / ~* on Postgres. SQLite has neither, so a
// search with one is evaluated in Go (account.UserSearch.Matcher) over the
// searched columns of every row, in order: folding there is Go's.
//
// What uses an index: an exact, case-sensitive match on the id (the primary
// key) or the primary phone (its unique index), alone or joined by AND
// (TestSearchIndexes). Everything else is a scan of the users table, which
// is what an administrator's search may cost: no index serves a pattern, a
// regular expression or a lowercased column (username and email are indexed
// by their keys, which are not the columns searched). The count and the
// page are two statements.
func (s *Store) ListUsers(ctx context.Context, q account.UserQuery) ([]*account.User, int, error) {
	if q.Page < 1 || q.PageSize < 1 {
		return nil, 0, fmt.Errorf("gormstore: list users: page %d, page size %d: both must be at least 1", q.Page, q.PageSize)
	}
	if err := q.Search.Validate(); err != nil {
		return nil, 0, fmt.Errorf("gormstore: list users: %w", err)
	}
	db := s.conn(ctx)
	var ids []string
	var total int
	var err error
	if s.dialect == dialectSQLite && needsGo(q.Search) {
		ids, total, err = s.listUsersInGo(db, q)
	} else {
		ids, total, err = s.listUsersInSQL(db, q)
	}
	if err != nil {
		return nil, 0, err
	}
	users := []*account.User{}
	if len(ids) == 0 {
		return users, total, nil
	}
	stored, err := s.readUsers(db, "u.id IN ?", ids)
	if err != nil {
		return nil, 0, wrap("list users", err)
	}
	byID := make(map[string]*storedUser, len(stored))
	for i := range stored {
		byID[stored[i].row.ID] = &stored[i]
	}
	for _, id := range ids {
		// A user deleted since the page was read is left out.
		if st, ok := byID[id]; ok {
			u, err := st.row.toUser(st.identities)
			if err != nil {
				return nil, 0, err
			}
			users = append(users, u)
		}
	}
	return users, total, nil
}

// escapeLike escapes the LIKE wildcards of s (and the escape character
// itself), so s matches only as written.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// newestOrder orders users newest first. A zero CreatedAt is NULL: last, as
// the oldest, on both databases (they disagree on where NULLs sort by
// default).
const newestOrder = "u.created_at IS NULL, u.created_at DESC, u.id"

// listUsersInSQL returns the ids of the page and the total, the search
// written as SQL.
func (s *Store) listUsersInSQL(db *gorm.DB, q account.UserQuery) ([]string, int, error) {
	where, args := s.searchSQL(q.Search)
	selected := func() *gorm.DB {
		query := db.Table(s.q(s.t.users) + " u")
		if where != "" {
			query = query.Where(where, args...)
		}
		return query
	}
	var total int64
	if err := selected().Count(&total).Error; err != nil {
		return nil, 0, s.searchError("count users", err)
	}
	offset, ok := q.Offset()
	if !ok || int64(offset) >= total {
		return nil, int(total), nil
	}
	var ids []string
	err := selected().Order(newestOrder).Offset(offset).Limit(q.PageSize).Pluck("u.id", &ids).Error
	if err != nil {
		return nil, 0, s.searchError("list users", err)
	}
	return ids, int(total), nil
}

// listUsersInGo returns the ids of the page and the total, reading the
// searched columns of every user in order and testing each in Go.
func (s *Store) listUsersInGo(db *gorm.DB, q account.UserQuery) ([]string, int, error) {
	match, err := q.Search.Matcher()
	if err != nil {
		return nil, 0, fmt.Errorf("gormstore: list users: %w", err)
	}
	rows, err := db.Table(s.q(s.t.users) + " u").
		Select("u.id, u.username, u.primary_email, u.primary_phone, u.name").
		Order(newestOrder).Rows()
	if err != nil {
		return nil, 0, wrap("list users", err)
	}
	defer rows.Close()
	offset, inRange := q.Offset()
	var ids []string
	total := 0
	for rows.Next() {
		var id string
		var username, email, phone, name *string
		if err := rows.Scan(&id, &username, &email, &phone, &name); err != nil {
			return nil, 0, wrap("list users", err)
		}
		values := map[account.SearchField]*string{
			account.SearchID: &id, account.SearchUsername: username,
			account.SearchEmail: email, account.SearchPhone: phone, account.SearchName: name,
		}
		if !match(func(f account.SearchField) (string, bool) {
			if v := values[f]; v != nil {
				return *v, true
			}
			return "", false
		}) {
			continue
		}
		if inRange && total >= offset && len(ids) < q.PageSize {
			ids = append(ids, id)
		}
		total++
	}
	if err := rows.Err(); err != nil {
		return nil, 0, wrap("list users", err)
	}
	return ids, total, nil
}

// needsGo reports whether the search has a mode SQLite cannot write.
func needsGo(search account.UserSearch) bool {
	for _, m := range search.Matches {
		if m.Mode == account.SearchSimilarTo || m.Mode == account.SearchPosix {
			return true
		}
	}
	return false
}

// searchColumns are the users columns a search may name.
var searchColumns = map[account.SearchField]string{
	account.SearchID:       "u.id",
	account.SearchUsername: "u.username",
	account.SearchEmail:    "u.primary_email",
	account.SearchPhone:    "u.primary_phone",
	account.SearchName:     "u.name",
}

// searchSQL writes a validated search as a WHERE condition and its
// arguments; "" when it keeps every user.
func (s *Store) searchSQL(search account.UserSearch) (string, []any) {
	joint := " OR "
	if search.All {
		joint = " AND "
	}
	var conds []string
	var args []any
	for _, m := range search.Matches {
		var ors []string
		for _, f := range m.Fields() {
			cond, condArgs := s.matchSQL(search.CaseSensitive, m, searchColumns[f])
			ors = append(ors, cond)
			args = append(args, condArgs...)
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	return strings.Join(conds, joint), args
}

// matchSQL writes one match on one column.
func (s *Store) matchSQL(caseSensitive bool, m account.SearchMatch, col string) (string, []any) {
	postgres := s.dialect == dialectPostgres
	switch m.Mode {
	case account.SearchExact:
		values := make([]any, len(m.Values))
		marks := make([]string, len(m.Values))
		for i, v := range m.Values {
			values[i] = v
			marks[i] = "?"
			if !caseSensitive {
				marks[i] = "LOWER(?)"
			}
		}
		if !caseSensitive {
			col = "LOWER(" + col + ")"
		}
		if len(values) == 1 {
			return col + " = " + marks[0], values
		}
		return col + " IN (" + strings.Join(marks, ", ") + ")", values
	case account.SearchLike:
		parts, _ := account.ParseLike(m.Values[0]) // validated
		switch {
		case postgres && caseSensitive:
			return col + ` LIKE ? ESCAPE '\'`, []any{likeText(parts)}
		case postgres:
			return col + ` ILIKE ? ESCAPE '\'`, []any{likeText(parts)}
		case caseSensitive:
			return col + " GLOB ?", []any{globText(parts)}
		default:
			return col + ` LIKE ? ESCAPE '\'`, []any{likeText(parts)}
		}
	case account.SearchSimilarTo:
		return col + " SIMILAR TO ?", []any{m.Values[0]}
	default: // account.SearchPosix
		if caseSensitive {
			return col + " ~ ?", []any{m.Values[0]}
		}
		return col + " ~* ?", []any{m.Values[0]}
	}
}

// likeText writes a parsed LIKE pattern for LIKE ... ESCAPE '\'.
func likeText(parts []account.LikePart) string {
	var b strings.Builder
	for _, p := range parts {
		switch {
		case p.AnyRun:
			b.WriteByte('%')
		case p.AnyOne:
			b.WriteByte('_')
		default:
			b.WriteString(escapeLike(p.Literal))
		}
	}
	return b.String()
}

// globText writes a parsed LIKE pattern for SQLite's GLOB, which is
// case-sensitive: * and ? are the wildcards, and a bracket holds a literal
// *, ? or [.
func globText(parts []account.LikePart) string {
	quote := strings.NewReplacer("*", "[*]", "?", "[?]", "[", "[[]")
	var b strings.Builder
	for _, p := range parts {
		switch {
		case p.AnyRun:
			b.WriteByte('*')
		case p.AnyOne:
			b.WriteByte('?')
		default:
			b.WriteString(quote.Replace(p.Literal))
		}
	}
	return b.String()
}

// searchError is wrap, except that Postgres refusing a regular expression
// (SQLSTATE 2201B, invalid_regular_expression, for a pattern RE2 takes and
// Postgres does not) is account.ErrInvalidSearch.
func (s *Store) searchError(op string, err error) error {
	var coded interface{ SQLState() string }
	if errors.As(err, &coded) && coded.SQLState() == "2201B" {
		return fmt.Errorf("gormstore: %s: %w: %w", op, account.ErrInvalidSearch, err)
	}
	return wrap(op, err)
}
