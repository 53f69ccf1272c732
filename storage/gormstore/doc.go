// Package gormstore keeps users, social token sets, account-center settings,
// verification records, rate-limit counters and MFA factors in a SQL database
// through GORM. One Store implements account.Store, verification.Store and
// mfa.Store, on SQLite and on Postgres.
//
// The package imports no SQL driver: the app opens the *gorm.DB with the
// dialector it chooses (gorm.io/driver/sqlite, gorm.io/driver/postgres, or a
// compatible one) and hands it to New. Every table and index name carries a
// prefix (WithTablePrefix, "myaccount_" by default), so the tables can live
// in the app's own database beside its own tables, and the app's GORM
// NamingStrategy plays no part. Migrate creates them and records the
// schema version (schema_versions.go); Copy moves a store's rows to
// another database or prefix (copy.go). On Postgres, Copy writes through
// pgx's COPY when the pool's connections are pgx's (the package imports
// pgx itself, which registers no database/sql driver).
//
// The schema is plain SQL that both databases share: times are BIGINT
// microseconds since the Unix epoch (NULL for the zero time), so they compare
// correctly in SQL on SQLite too; JSON values (profile, custom data, identity
// details, settings) are TEXT holding JSON; byte strings are BLOB on SQLite
// and BYTEA on Postgres; empty identifiers are NULL, so unique indexes ignore
// them.
//
// Every operation is atomic across any number of app instances sharing one
// database. A read-modify-write (UpdateAccountCenter, AddHit, BindFactor,
// which writes a factor and its user together, the other multi-row factor
// writes, and UpdateUser when it changes identifiers) runs in one
// transaction that first locks the row it is about: SELECT ... FOR UPDATE
// on Postgres (at READ COMMITTED), and on SQLite an immediate transaction,
// which takes the database's one write lock when it begins (SQLiteDSN sets
// this up). UpdateUser's other changes read the user and write it back
// with one UPDATE conditional on the version read, retried when another
// writer moved it; within one Store they take turns per user first (on
// SQLite in the store's write turn, in one immediate transaction), so the
// requests of one instance never lose that race to each other. The one-shot steps (count a code
// attempt, consume a code, take a session, use a backup code, advance a TOTP
// step or a sign counter) each come down to one conditional UPDATE ("only
// if still unused", "only if newer") whose affected row count decides the
// one winner; Postgres re-checks such a condition on the row a concurrent
// winner wrote. Uniqueness is kept by unique indexes, whatever the app does
// concurrently.
//
// The app owns the connection pool. database/sql's defaults (2 idle
// connections, no bound on open ones) make it open and close Postgres
// connections all the time under load: apply PostgresPool (or a Pool of
// your own) to the *sql.DB under the *gorm.DB.
package gormstore
