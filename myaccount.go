// Package myaccount gives a Go application a complete, secure self-service
// account center: the end-user Account API of the Logto identity server
// (profile, identifiers, password, verification records, MFA) as Go domain
// services behind storage interfaces, usable in-process or mounted over HTTP
// with package httpadapter.
//
// The domain lives in packages account, verification and mfa; stores live in
// storage/memory and storage/gormstore (SQLite, Postgres), and
// storage/storetest is the conformance suite every store passes.
package myaccount

import (
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// Store is everything the account center keeps: users and settings, verification
// records and counters, MFA factors. storage/memory and storage/gormstore
// implement it; storage/storetest proves an implementation right.
type Store interface {
	account.Store
	verification.Store
	mfa.Store
}
