// Package account holds the users of an account center and the rules that
// belong to them: the user record (profile, identifiers, social identities,
// per-user MFA settings), the account-center settings that switch each field
// Off, ReadOnly or Edit, and the Store contract that persists both.
//
// It is the bottom of the domain: package verification builds on it, package
// mfa builds on both, and nothing here imports net/http or a database driver.
// Stores live in storage/*; storage/storetest proves they keep this package's
// contract.
package account
