package gormstore

import (
	"database/sql"
	"fmt"
	"strings"
)

// userColumns are the users table's columns, each with the userRow field
// that holds it: the one list by which the store reads, inserts and
// updates a user (schema creates the table). The id comes first and the
// version last: changedColumns compares the others.
var userColumns = [...]userColumn{
	{"id", func(r *userRow) any { return &r.ID }},
	{"username", func(r *userRow) any { return &r.Username }},
	{"username_key", func(r *userRow) any { return &r.UsernameKey }},
	{"primary_email", func(r *userRow) any { return &r.PrimaryEmail }},
	{"email_key", func(r *userRow) any { return &r.EmailKey }},
	{"primary_phone", func(r *userRow) any { return &r.PrimaryPhone }},
	{"name", func(r *userRow) any { return &r.Name }},
	{"avatar", func(r *userRow) any { return &r.Avatar }},
	{"profile", func(r *userRow) any { return &r.Profile }},
	{"custom_data", func(r *userRow) any { return &r.CustomData }},
	{"password_hash", func(r *userRow) any { return &r.PasswordHash }},
	{"password_updated_at", func(r *userRow) any { return &r.PasswordUpdatedAt }},
	{"logto_config", func(r *userRow) any { return &r.LogtoConfig }},
	{"is_suspended", func(r *userRow) any { return &r.IsSuspended }},
	{"application_id", func(r *userRow) any { return &r.ApplicationID }},
	{"last_sign_in_at", func(r *userRow) any { return &r.LastSignInAt }},
	{"created_at", func(r *userRow) any { return &r.Created }},
	{"updated_at", func(r *userRow) any { return &r.Updated }},
	{"version", func(r *userRow) any { return &r.Version }},
}

// A userColumn is a column of the users table and the field that holds it.
type userColumn struct {
	name string
	// field points at the column's field of r.
	field func(r *userRow) any
}

// identityColumns are the columns of the identity row a user's row is
// joined with (NULL when the user has none), after userColumns.
const identityColumns = "i.target, i.social_user_id, i.details"

// appendFields appends pointers to r's fields, in userColumns' order, to
// dst. Callers on the hot path pass a buffer on their stack.
func (r *userRow) appendFields(dst []any) []any {
	for _, c := range userColumns {
		dst = append(dst, c.field(r))
	}
	return dst
}

// values are r's columns' values in userColumns' order, to bind.
func (r *userRow) values() []any {
	f := r.appendFields(make([]any, 0, len(userColumns)))
	for i, p := range f {
		f[i] = derefField(p)
	}
	return f
}

// derefField turns a pointer from userRow.appendFields into the value to bind.
func derefField(f any) any {
	switch p := f.(type) {
	case *string:
		return *p
	case **string:
		return *p
	case **int64:
		return *p
	case *int64:
		return *p
	case *bool:
		return *p
	}
	panic(fmt.Sprintf("gormstore: user field of type %T", f))
}

// userSQL holds the statements on a store's users table, with ?
// placeholders (numbered makes them Postgres's own for the hot path).
type userSQL struct {
	users string // the quoted table name
	// selectFrom is the SELECT of users (as u) each joined with each of
	// its identity rows or with none, up to and with its WHERE: the one
	// query every read of a user runs, its condition on columns of u.
	selectFrom string
	// selectVersion reads the version of the user with an id.
	selectVersion string
	// insert is the INSERT of a row, its arguments userRow.values.
	insert string
}

func newUserSQL(users, identities string) userSQL {
	names := make([]string, len(userColumns))
	for i, c := range userColumns {
		names[i] = c.name
	}
	return userSQL{
		users: users,
		selectFrom: "SELECT u." + strings.Join(names, ", u.") + ", " + identityColumns +
			" FROM " + users + " u LEFT JOIN " + identities + " i ON i.user_id = u.id WHERE ",
		selectVersion: "SELECT version FROM " + users + " WHERE id = ?",
		insert: "INSERT INTO " + users + " (" + strings.Join(names, ", ") + ") VALUES (" +
			strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + ")",
	}
}

// update is the UPDATE of the columns in mask (bit i: userColumns[i]) and
// the version, of the row with an id and a version: its arguments are the
// masked columns' values in order, the new version, the id and the version
// read (see changedColumns).
func (q userSQL) update(mask uint32) string {
	var b strings.Builder
	b.WriteString("UPDATE " + q.users + " SET ")
	for i, c := range userColumns {
		if mask&(1<<i) != 0 {
			b.WriteString(c.name + " = ?, ")
		}
	}
	b.WriteString("version = ? WHERE id = ? AND version = ?")
	return b.String()
}

// numbered turns the ? placeholders of query into $1, $2, ... for a
// Postgres statement sent past GORM, which would do it otherwise. The
// store's statements hold no other ?.
func numbered(query string) string {
	var b strings.Builder
	n := 0
	for _, part := range strings.Split(query, "?") {
		if n > 0 {
			fmt.Fprintf(&b, "$%d", n)
		}
		b.WriteString(part)
		n++
	}
	return b.String()
}

// storedUser is a user's row and identity rows, as read.
type storedUser struct {
	row        userRow
	identities []identityRow
}

// scanUsers reads the rows of a userSQL.selectFrom query: the users, each
// with its identity rows, in the order they first appear. It closes rows.
func scanUsers(rows *sql.Rows) ([]storedUser, error) {
	defer rows.Close()
	var (
		users  []storedUser
		at     map[string]int // users' positions, from the second user on
		r      userRow
		idn    identityRow
		target *string
		buf    [len(userColumns) + 3]any
	)
	scanned := append(r.appendFields(buf[:0]), &target, &idn.SocialUserID, &idn.Details)
	for rows.Next() {
		if err := rows.Scan(scanned...); err != nil {
			return nil, err
		}
		i, ok := len(users)-1, len(users) > 0 && users[len(users)-1].row.ID == r.ID
		if !ok && len(users) > 0 {
			// A user's rows need not be adjacent.
			if at == nil {
				at = make(map[string]int, len(users))
				for j, u := range users {
					at[u.row.ID] = j
				}
			}
			i, ok = at[r.ID]
		}
		if !ok {
			i = len(users)
			users = append(users, storedUser{row: r})
			if at != nil {
				at[r.ID] = i
			}
		}
		if target != nil {
			idn.UserID, idn.Target = r.ID, *target
			users[i].identities = append(users[i].identities, idn)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return users, nil
}
