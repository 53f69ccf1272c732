package gormstore

// HotSQL returns the SQL of the store's hot statements (users_fast.go),
// which GORM's callbacks do not see: the read of a user, the read of its
// version alone, and the UPDATE of every column.
func HotSQL(s *Store) (getUser, getVersion, updateUser string) {
	return s.hot.getUser.sql, s.hot.getVersion.sql, s.hot.updateSQL(1<<(len(userColumns)-1) - 2)
}

// UserColumns returns the users columns the store reads and writes a user
// by (user_columns.go).
func UserColumns() []string {
	names := make([]string, len(userColumns))
	for i, c := range userColumns {
		names[i] = c.name
	}
	return names
}

// TableNames returns the tables of s, as Migrate creates them.
func TableNames(s *Store) []string { return s.t.all() }

// CopiedTableNames returns the tables Copy copies, without the prefix.
func CopiedTableNames(s *Store) ([]string, error) {
	list, err := s.copiedTables()
	var names []string
	for _, t := range list {
		names = append(names, t.suffix)
	}
	return names, err
}

// UserTurnWaiters returns how many UpdateUser calls of s lead or wait in
// the user's queue.
func UserTurnWaiters(s *Store, id string) int { return s.userBatches.queued(id) }
