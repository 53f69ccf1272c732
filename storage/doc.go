// Package storage is the home of the store implementations: storage/memory
// for tests and prototypes, storage/gormstore for SQLite and Postgres, and
// storage/storetest, the conformance suite every store must pass.
package storage
