package main

import (
	"os"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// TestPostgresPoolIsSet: with -dsn the server bounds and keeps its
// Postgres connections (gormstore.PostgresPool unless the -db-max-* flags
// say otherwise) instead of database/sql's two idle connections.
func TestPostgresPoolIsSet(t *testing.T) {
	dsn := os.Getenv(testdb.PostgresDSNEnv)
	if dsn == "" {
		t.Skipf("%s is not set", testdb.PostgresDSNEnv)
	}
	for name, tc := range map[string]struct {
		flags gormstore.Pool
		want  int
	}{
		"defaults": {gormstore.Pool{}, gormstore.PostgresPool().MaxOpen},
		"flags":    {gormstore.Pool{MaxOpen: 3, MaxIdle: 3, MaxIdleTime: time.Minute}, 3},
	} {
		t.Run(name, func(t *testing.T) {
			db, err := openDB(serverConfig{dsn: dsn, pool: tc.flags})
			if err != nil {
				t.Fatal(err)
			}
			sqlDB, err := db.DB()
			if err != nil {
				t.Fatal(err)
			}
			defer sqlDB.Close()
			if got := sqlDB.Stats().MaxOpenConnections; got != tc.want {
				t.Errorf("MaxOpenConnections = %d, want %d", got, tc.want)
			}
		})
	}
}
