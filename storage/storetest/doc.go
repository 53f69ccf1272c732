// Package storetest is the conformance suite for myaccount stores, in the
// spirit of testing/fstest.TestFS: a store (storage/memory, storage/gormstore
// on SQLite or Postgres, or a third party's own) passes Run, and so keeps the
// contracts of account.Store, verification.Store and mfa.Store.
//
// A store's test calls Run with a function that makes a fresh, empty store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) storetest.Store { return memory.New() })
//	}
//
// Subtests are named like the rules they prove ("identifiers/email is unique
// case-insensitively", "concurrency/backup code is used once"), so
// `go test -run 'TestStore/records/'` runs one group. The concurrency group
// hits one store from many goroutines at once; any error other than the one
// the contract allows (a "database is locked", a serialization failure) fails.
//
// What the suite holds a store to, beyond the interfaces' doc comments:
//   - Times come back as the same instant (time.Time.Equal), whatever the
//     location they were written in; the suite writes times truncated to the
//     microsecond.
//   - Pointers come back nil or not as written (a nil Name is not a pointer
//     to ""), and so does AccountCenter.ProfileFields (nil is null, empty is
//     []). Other nil maps and slices may come back empty and the reverse:
//     a SQL table cannot tell them apart.
//   - JSON values (CustomData, SocialIdentity.Details) come back as
//     encoding/json decodes them into an any: float64, string, bool, nil,
//     []any and map[string]any. The suite writes only those.
//   - An empty identifier (username key, email key, phone) is "not set": any
//     number of users may have none, and FindUser never finds it.
//   - Stored values do not alias the caller's: changing a value after it was
//     written or read changes nothing in the store.
package storetest
