package gormstore

// SQLiteDSN returns the data source name to open the SQLite file at path
// with gorm.io/driver/sqlite (mattn/go-sqlite3) for a Store:
//
//	file:PATH?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_txlock=immediate
//
// Each setting is there because concurrent writers fail with "database is
// locked" without it. WAL lets readers run while one connection writes. The
// busy timeout makes a writer wait up to 5 s for the write lock instead of
// failing at once. Immediate transactions take the write lock when they
// begin, so two read-then-write transactions queue up instead of both
// reading and then deadlocking on the upgrade to a write (which SQLite
// resolves by failing one of them, busy timeout or not); this is also what
// makes the store's transactions serialize on SQLite. Foreign keys are
// switched on for the app's own tables; the store's tables declare none.
//
// path is used as it is: it should not hold '?' or '#'.
func SQLiteDSN(path string) string {
	return "file:" + path + "?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_txlock=immediate"
}

// ModerncSQLiteDSN is SQLiteDSN for the pure-Go SQLite driver,
// modernc.org/sqlite, as opened with the GORM dialector
// github.com/glebarez/sqlite (no cgo, no C compiler):
//
//	file:PATH?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_txlock=immediate
//
// The settings are SQLiteDSN's, for the same reasons, in that driver's
// spelling, and one more: synchronous NORMAL, which mattn/go-sqlite3 is
// compiled with for WAL databases (SQLITE_DEFAULT_WAL_SYNCHRONOUS=1), so
// both drivers make the same durability promise (a commit survives a crash
// of the process; the last commits before a power loss may not). path is
// used as it is: it should not hold '?' or '#'.
func ModerncSQLiteDSN(path string) string {
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_txlock=immediate"
}
