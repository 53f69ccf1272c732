package gormstore

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/mfa"
)

// Migrate brings the store's tables to the newest schema version: it
// creates them when they do not exist, and applies each numbered schema
// step the database has not had yet, in order, each in a transaction of its
// own together with the record of its version (schema_versions.go). It is
// idempotent, and safe to run from several app instances at once: on
// Postgres they take turns under an advisory lock (per prefix), on SQLite
// under the write lock. It refuses a database whose schema is newer than
// this release knows.
//
// Indexes are created by name with explicit SQL, not from GORM tags: their
// names carry the prefix, because Postgres index names are unique per
// schema, not per table.
func (s *Store) Migrate(ctx context.Context) error {
	for {
		done, err := s.migrateOneStep(ctx)
		if err != nil {
			return wrap("migrate", err)
		}
		if done {
			return nil
		}
	}
}

// migrateOneStep applies the next schema step the database lacks, with the
// record of its version, in one transaction; done reports that there was
// none left.
func (s *Store) migrateOneStep(ctx context.Context) (done bool, err error) {
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if s.dialect == dialectPostgres {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", s.migrateLockKey()).Error; err != nil {
				return err
			}
		}
		if err := tx.Exec(s.versionsTableSQL()).Error; err != nil {
			return err
		}
		version, err := s.readSchemaVersion(tx)
		if err != nil {
			return err
		}
		latest := LatestSchemaVersion()
		switch {
		case version > latest:
			return fmt.Errorf("the database's schema version is %d, newer than this release's %d: upgrade the app", version, latest)
		case version == latest:
			done = true
			return nil
		}
		next := version + 1
		if err := schemaSteps[next](s, tx); err != nil {
			return fmt.Errorf("schema step %d: %w", next, err)
		}
		return tx.Exec("INSERT INTO "+s.q(s.t.schemaVersions)+" (version, applied_at) VALUES (?, ?)", next, time.Now().UnixMicro()).Error
	})
	return done, err
}

// baselineSchema is schema step 1: the tables and indexes of the first
// releases, which kept no schema version. On a database those releases
// made it adds the columns they lacked.
func baselineSchema(s *Store, tx *gorm.DB) error {
	for _, stmt := range s.schema() {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	if !tx.Migrator().HasColumn(s.t.users, "version") {
		if err := tx.Exec("ALTER TABLE " + s.q(s.t.users) + " ADD COLUMN version BIGINT NOT NULL DEFAULT 0").Error; err != nil {
			return err
		}
	}
	// Records made before it have none: they no longer prove anything,
	// which is safe (a record lives ten minutes).
	if !tx.Migrator().HasColumn(s.t.records, "password_stamp") {
		if err := tx.Exec("ALTER TABLE " + s.q(s.t.records) + " ADD COLUMN password_stamp " + s.bytesType()).Error; err != nil {
			return err
		}
	}
	return nil
}

// DropTables drops the store's tables and their indexes, with everything in
// them. It is meant for tests and tear-down: nothing else calls it.
func (s *Store) DropTables(ctx context.Context) error {
	return wrap("drop tables", s.transaction(ctx, func(tx *gorm.DB) error {
		all := s.t.all()
		for i := len(all) - 1; i >= 0; i-- {
			if err := tx.Exec("DROP TABLE IF EXISTS " + s.q(all[i])).Error; err != nil {
				return err
			}
		}
		return nil
	}))
}

// migrateLockKey is the Postgres advisory lock key of this prefix's
// migration.
func (s *Store) migrateLockKey() int64 {
	h := fnv.New64a()
	h.Write([]byte("myaccount/gormstore migrate " + s.prefix))
	return int64(h.Sum64())
}

// bytesType is the column type of byte strings.
func (s *Store) bytesType() string {
	if s.dialect == dialectPostgres {
		return "BYTEA"
	}
	return "BLOB"
}

// schema returns the statements that create the tables and indexes.
//
// Column types are the ones both databases understand, but for byte
// strings: BLOB on SQLite, BYTEA on Postgres. Times are BIGINT microseconds
// since the Unix epoch, NULL for the zero time.
func (s *Store) schema() []string {
	t := s.t
	r := strings.NewReplacer(
		"{bytes}", s.bytesType(),
		"{users}", s.q(t.users),
		"{identities}", s.q(t.identities),
		"{centers}", s.q(t.centers),
		"{records}", s.q(t.records),
		"{counters}", s.q(t.counters),
		"{hits}", s.q(t.hits),
		"{factors}", s.q(t.factors),
		"{codes}", s.q(t.codes),
		"{token_sets}", s.q(t.tokenSets),
		"{access_tokens}", s.q(t.accessTokens),
		"{sso_identities}", s.q(t.ssoIdentities),
	)
	index := func(unique bool, name, rest string) string {
		kw := "CREATE INDEX IF NOT EXISTS "
		if unique {
			kw = "CREATE UNIQUE INDEX IF NOT EXISTS "
		}
		return kw + s.q(s.prefix+name) + " ON " + rest
	}
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS {users} (
			id TEXT NOT NULL PRIMARY KEY,
			username TEXT,
			username_key TEXT,
			primary_email TEXT,
			email_key TEXT,
			primary_phone TEXT,
			name TEXT,
			avatar TEXT,
			profile TEXT NOT NULL,
			custom_data TEXT,
			password_hash TEXT,
			password_updated_at BIGINT,
			logto_config TEXT NOT NULL,
			is_suspended BOOLEAN NOT NULL,
			application_id TEXT,
			last_sign_in_at BIGINT,
			created_at BIGINT,
			updated_at BIGINT,
			version BIGINT NOT NULL DEFAULT 0
		)`,
		`CREATE TABLE IF NOT EXISTS {identities} (
			user_id TEXT NOT NULL,
			target TEXT NOT NULL,
			social_user_id TEXT,
			details TEXT,
			PRIMARY KEY (user_id, target)
		)`,
		`CREATE TABLE IF NOT EXISTS {centers} (
			id TEXT NOT NULL PRIMARY KEY,
			enabled BOOLEAN NOT NULL,
			fields TEXT,
			webauthn_related_origins TEXT,
			delete_account_url TEXT,
			custom_css TEXT,
			profile_fields TEXT,
			updated_at BIGINT
		)`,
		`CREATE TABLE IF NOT EXISTS {records} (
			id TEXT NOT NULL PRIMARY KEY,
			type TEXT NOT NULL,
			user_id TEXT,
			created_at BIGINT,
			expires_at BIGINT,
			verified BOOLEAN NOT NULL,
			identifier_type TEXT,
			identifier_value TEXT,
			template_type TEXT,
			code_hash {bytes},
			code_sent_at BIGINT,
			code_tries BIGINT,
			connector_id TEXT,
			session {bytes},
			result {bytes},
			password_stamp {bytes}
		)`,
		`CREATE TABLE IF NOT EXISTS {counters} (
			name TEXT NOT NULL PRIMARY KEY,
			blocked_until BIGINT
		)`,
		`CREATE TABLE IF NOT EXISTS {hits} (
			name TEXT NOT NULL,
			hit_at BIGINT NOT NULL,
			n BIGINT NOT NULL,
			PRIMARY KEY (name, hit_at)
		)`,
		`CREATE TABLE IF NOT EXISTS {factors} (
			id TEXT NOT NULL PRIMARY KEY,
			user_id TEXT NOT NULL,
			type TEXT NOT NULL,
			position BIGINT NOT NULL,
			created_at BIGINT,
			last_used_at BIGINT,
			totp_sealed_secret {bytes},
			totp_last_used_step BIGINT,
			credential_id {bytes},
			public_key {bytes},
			attestation_type TEXT,
			attestation_format TEXT,
			transports TEXT,
			user_present BOOLEAN,
			user_verified BOOLEAN,
			backup_eligible BOOLEAN,
			backup_state BOOLEAN,
			aaguid {bytes},
			sign_count BIGINT,
			clone_warning BOOLEAN,
			attachment TEXT,
			attestation_client_data_json {bytes},
			attestation_client_data_hash {bytes},
			attestation_authenticator_data {bytes},
			attestation_public_key_alg BIGINT,
			attestation_object {bytes},
			extensions {bytes},
			rp_id TEXT,
			agent TEXT,
			name TEXT
		)`,
		`CREATE TABLE IF NOT EXISTS {codes} (
			factor_id TEXT NOT NULL,
			idx BIGINT NOT NULL,
			hash {bytes},
			sealed {bytes},
			used_at BIGINT,
			PRIMARY KEY (factor_id, idx)
		)`,
		// Social token sets, one per user and target; the primary key
		// serves every lookup.
		`CREATE TABLE IF NOT EXISTS {token_sets} (
			user_id TEXT NOT NULL,
			target TEXT NOT NULL,
			connector_id TEXT,
			sealed {bytes},
			scope TEXT,
			expires_at BIGINT,
			updated_at BIGINT,
			PRIMARY KEY (user_id, target)
		)`,
		// Personal access tokens: the primary key serves the lookups by
		// user, the hash index the check of each request.
		`CREATE TABLE IF NOT EXISTS {access_tokens} (
			user_id TEXT NOT NULL,
			name TEXT NOT NULL,
			hash {bytes} NOT NULL,
			scopes TEXT NOT NULL,
			created_at BIGINT,
			expires_at BIGINT,
			PRIMARY KEY (user_id, name)
		)`,
		// Enterprise SSO identities: one per user and connector (that
		// index serves the lookups by user), one user per identity.
		`CREATE TABLE IF NOT EXISTS {sso_identities} (
			id TEXT NOT NULL PRIMARY KEY,
			user_id TEXT NOT NULL,
			sso_connector_id TEXT NOT NULL,
			issuer TEXT NOT NULL,
			identity_id TEXT NOT NULL,
			detail TEXT NOT NULL,
			created_at BIGINT,
			updated_at BIGINT
		)`,
		// Identifiers: unique where set (NULLs never clash).
		index(true, "users_username_key", "{users} (username_key)"),
		index(true, "users_email_key", "{users} (email_key)"),
		index(true, "users_primary_phone", "{users} (primary_phone)"),
		// Social identities: unique per connector target; the primary
		// key (user_id, target) serves the lookups by user.
		index(true, "identities_social", "{identities} (target, social_user_id)"),
		index(true, "personal_access_tokens_hash", "{access_tokens} (hash)"),
		index(true, "user_sso_identities_user_connector", "{sso_identities} (user_id, sso_connector_id)"),
		index(true, "user_sso_identities_issuer_identity", "{sso_identities} (issuer, identity_id)"),
		index(false, "records_user_id", "{records} (user_id)"),
		index(false, "records_expires_at", "{records} (expires_at)"),
		index(false, "mfa_factors_user_position", "{factors} (user_id, position)"),
		index(true, "mfa_factors_credential_id", "{factors} (credential_id)"),
		// At most one TOTP and one backup-code set per user.
		index(true, "mfa_factors_single_type", "{factors} (user_id, type) WHERE type IN ('"+string(mfa.TypeTOTP)+"', '"+string(mfa.TypeBackupCode)+"')"),
	}
	for i, stmt := range stmts {
		stmts[i] = r.Replace(stmt)
	}
	return stmts
}
