package gormstore

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
)

// ListUsers returns a page of the users q selects and their number; see
// account.Store. A search is LOWER(column) LIKE '%search%' on the four
// columns, with the search's own % and _ escaped: a scan of the users table,
// which is what an administrator's search may cost (no index serves a
// substring). The count and the page are two statements.
func (s *Store) ListUsers(ctx context.Context, q account.UserQuery) ([]*account.User, int, error) {
	if q.Page < 1 || q.PageSize < 1 {
		return nil, 0, fmt.Errorf("gormstore: list users: page %d, page size %d: both must be at least 1", q.Page, q.PageSize)
	}
	db := s.conn(ctx)
	selected := func() *gorm.DB {
		query := db.Table(s.q(s.t.users) + " u")
		if q.Search != "" {
			pattern := "%" + escapeLike(q.Search) + "%"
			var conds []string
			var args []any
			for _, col := range []string{"u.username", "u.primary_email", "u.primary_phone", "u.name"} {
				conds = append(conds, "LOWER("+col+`) LIKE LOWER(?) ESCAPE '\'`)
				args = append(args, pattern)
			}
			query = query.Where(strings.Join(conds, " OR "), args...)
		}
		return query
	}
	var total int64
	if err := selected().Count(&total).Error; err != nil {
		return nil, 0, wrap("count users", err)
	}
	users := []*account.User{}
	offset, ok := q.Offset()
	if !ok || int64(offset) >= total {
		return users, int(total), nil
	}
	// A zero CreatedAt is NULL: last, as the oldest, on both databases
	// (they disagree on where NULLs sort by default).
	var ids []string
	err := selected().Order("u.created_at IS NULL, u.created_at DESC, u.id").
		Offset(offset).Limit(q.PageSize).Pluck("u.id", &ids).Error
	if err != nil {
		return nil, 0, wrap("list users", err)
	}
	if len(ids) == 0 {
		return users, int(total), nil
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
	return users, int(total), nil
}

// escapeLike escapes the LIKE wildcards of s (and the escape character
// itself), so s matches only as written.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
