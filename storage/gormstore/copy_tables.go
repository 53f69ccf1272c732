package gormstore

import (
	"fmt"
	"strings"
)

// copyKeys is, for each table Migrate creates (tables.all, by its name
// without the prefix), the primary key Copy pages through it by. The
// schema versions table maps to nil: each side's Migrate writes its own.
// Copy refuses to run when a table of tables.all is missing here, so a new
// table cannot be left out of a copy unnoticed.
var copyKeys = map[string][]string{
	"schema_versions":        nil,
	"users":                  {"id"},
	"identities":             {"user_id", "target"},
	"account_centers":        {"id"},
	"verification_records":   {"id"},
	"counters":               {"name"},
	"hits":                   {"name", "hit_at"},
	"mfa_factors":            {"id"},
	"mfa_backup_codes":       {"factor_id", "idx"},
	"token_sets":             {"user_id", "target"},
	"personal_access_tokens": {"user_id", "name"},
	"user_sso_identities":    {"id"},
}

// copiedTable is one table Copy copies: its name without the prefix and its
// primary key.
type copiedTable struct {
	suffix string
	key    []string
}

// copiedTables lists the tables Copy copies, in the order of tables.all.
func (s *Store) copiedTables() ([]copiedTable, error) {
	var out []copiedTable
	for _, name := range s.t.all() {
		suffix := strings.TrimPrefix(name, s.prefix)
		key, known := copyKeys[suffix]
		if !known {
			return nil, fmt.Errorf("gormstore: copy: no primary key known for table %s", name)
		}
		if key != nil {
			out = append(out, copiedTable{suffix: suffix, key: key})
		}
	}
	return out, nil
}
