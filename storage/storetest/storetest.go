package storetest

import (
	"testing"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// Store is what a complete myaccount store implements: the Store contracts of
// the three domain packages. It is the same method set as myaccount.Store,
// declared here so that a store's test needs only the domain packages, not
// the use cases.
type Store interface {
	account.Store
	verification.Store
	mfa.Store
}

// NewStoreFunc makes a fresh, empty store for one subtest. It may use t for
// t.TempDir and t.Cleanup, and is called from parallel subtests: each store
// it returns must be independent of every other (its own SQLite file, its own
// table prefix or schema on a shared Postgres).
type NewStoreFunc = func(t *testing.T) Store

// Run runs the conformance suite. newStore is called once per subtest and
// must return a fresh, empty store; see NewStoreFunc.
//
// Most subtests run in parallel with the others of their group; the
// concurrency group runs its subtests one at a time, each with many
// goroutines.
func Run(t *testing.T, newStore NewStoreFunc) {
	t.Run("users", func(t *testing.T) { testUsers(t, newStore) })
	t.Run("list users", func(t *testing.T) { testListUsers(t, newStore) })
	t.Run("search users", func(t *testing.T) { testSearchUsers(t, newStore) })
	t.Run("identifiers", func(t *testing.T) { testIdentifiers(t, newStore) })
	t.Run("center", func(t *testing.T) { testCenter(t, newStore) })
	t.Run("records", func(t *testing.T) { testRecords(t, newStore) })
	t.Run("hits", func(t *testing.T) { testHits(t, newStore) })
	t.Run("factors", func(t *testing.T) { testFactors(t, newStore) })
	t.Run("tokensets", func(t *testing.T) { testTokenSets(t, newStore) })
	t.Run("access tokens", func(t *testing.T) { testAccessTokens(t, newStore) })
	t.Run("sso identities", func(t *testing.T) { testSSOIdentities(t, newStore) })
	t.Run("concurrency", func(t *testing.T) { testConcurrency(t, newStore) })
}

// parallel runs f as a parallel subtest with a fresh store.
func parallel(t *testing.T, newStore NewStoreFunc, name string, f func(t *testing.T, s Store)) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		f(t, newStore(t))
	})
}

// serial runs f as a subtest with a fresh store, alone: the concurrency
// tests bring their own goroutines and would only slow each other down.
func serial(t *testing.T, newStore NewStoreFunc, name string, f func(t *testing.T, s Store)) {
	t.Helper()
	t.Run(name, func(t *testing.T) { f(t, newStore(t)) })
}
