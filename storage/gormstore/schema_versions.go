package gormstore

import (
	"context"

	"gorm.io/gorm"
)

// A schemaStep is one numbered change of the schema. Migrate applies step
// n to a database at version n-1, once, inside the transaction that records
// version n. A later change of the schema is a new step appended to
// schemaSteps (never an edit of an old one: databases out there have had
// it), with a fixture of the schema before it in testdata.
type schemaStep func(s *Store, tx *gorm.DB) error

// schemaSteps are the schema's steps by version; index 0 is unused
// (version 0 is a database that has none of the store's tables, or the
// tables of a release that recorded no version).
var schemaSteps = []schemaStep{
	1: baselineSchema,
}

// LatestSchemaVersion is the schema version Migrate brings a store to.
func LatestSchemaVersion() int { return len(schemaSteps) - 1 }

// SchemaVersion returns the schema version of the store's tables: 0 when
// Migrate never recorded one (no tables yet, or tables made by a release
// before schema versions), else the last step Migrate applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	db := s.conn(ctx)
	if !db.Migrator().HasTable(s.t.schemaVersions) {
		return 0, nil
	}
	v, err := s.readSchemaVersion(db)
	return v, wrap("schema version", err)
}

// readSchemaVersion reads the newest version recorded in the versions
// table.
func (s *Store) readSchemaVersion(db *gorm.DB) (int, error) {
	var v int64
	err := db.Raw("SELECT COALESCE(MAX(version), 0) FROM " + s.q(s.t.schemaVersions)).Scan(&v).Error
	return int(v), err
}

// versionsTableSQL creates the table of applied schema steps, one row per
// step with the time it was applied (microseconds since the Unix epoch).
func (s *Store) versionsTableSQL() string {
	return "CREATE TABLE IF NOT EXISTS " + s.q(s.t.schemaVersions) + " (version BIGINT NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)"
}
