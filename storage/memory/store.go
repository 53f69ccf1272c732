// Package memory is an in-memory store for myaccount: all three domain Store
// contracts (account, verification, mfa) in maps behind one mutex, for tests,
// examples and prototypes. Nothing survives the process, and nothing is shared
// between processes, so it serves exactly one app instance.
//
// It keeps the semantics of the SQL stores, as storage/storetest proves for
// both:
//   - Values are copied on the way in and on the way out, deeply (pointers,
//     maps, slices, byte slices, nested JSON), so a caller never aliases a
//     stored value and may change what it holds.
//   - CustomData and SocialIdentity.Details are stored as their JSON round
//     trip, as a database stores them: numbers come back as float64, structs
//     as maps, and a value encoding/json refuses is refused.
//   - Times are stored truncated to the microsecond, the precision Postgres
//     keeps, so that code tested here does not depend on nanoseconds.
//   - Unique keys (username key, email key, phone, social identity,
//     credential id) live in index maps: each lookup is one map access, and
//     a claim checks the index under the same lock that writes it.
//
// Every method holds the lock for its whole run and nothing in it blocks, so
// the context is not consulted. UpdateUser, UpdateAccountCenter and
// BindFactor call change with the lock held: a change that calls the store deadlocks, which
// the contract forbids anyway.
package memory

import (
	"sync"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// Store is an in-memory account.Store, verification.Store and mfa.Store.
// Make one with New; it is safe for concurrent use.
type Store struct {
	mu sync.RWMutex

	users     map[string]*account.User
	usernames map[string]string    // UsernameKey -> user id
	emails    map[string]string    // EmailKey -> user id
	phones    map[string]string    // PrimaryPhone -> user id
	socials   map[socialKey]string // social identity -> user id

	center *account.AccountCenter // nil until saved

	records map[string]*verification.Record
	hits    map[string][]time.Time // key -> times of the hits still in some window
	blocks  map[string]time.Time

	factors     map[string]*mfa.Factor
	userFactors map[string][]string // user id -> factor ids, in the order added
	credentials map[string]string   // WebAuthn credential id -> factor id

	tokenSets map[string]map[string]*account.TokenSet // user id -> target -> set

	accessTokens map[accessTokenKey]*account.PersonalAccessToken
	tokenHashes  map[string]accessTokenKey // string(Hash) -> token

	ssoIdentities map[ssoPlace]*account.SSOIdentity
	ssoKeys       map[ssoKey]ssoPlace // (issuer, identity id) -> its record
	ssoIDs        map[string]ssoPlace // record id -> its record
}

// socialKey is a social identity: the connector target and the user's id there.
type socialKey struct{ target, userID string }

// The store must keep all three contracts.
var (
	_ account.Store      = (*Store)(nil)
	_ verification.Store = (*Store)(nil)
	_ mfa.Store          = (*Store)(nil)
)

// New returns an empty store.
func New() *Store {
	return &Store{
		users:       map[string]*account.User{},
		usernames:   map[string]string{},
		emails:      map[string]string{},
		phones:      map[string]string{},
		socials:     map[socialKey]string{},
		records:     map[string]*verification.Record{},
		hits:        map[string][]time.Time{},
		blocks:      map[string]time.Time{},
		factors:     map[string]*mfa.Factor{},
		userFactors: map[string][]string{},
		credentials: map[string]string{},
		tokenSets:   map[string]map[string]*account.TokenSet{},

		accessTokens: map[accessTokenKey]*account.PersonalAccessToken{},
		tokenHashes:  map[string]accessTokenKey{},

		ssoIdentities: map[ssoPlace]*account.SSOIdentity{},
		ssoKeys:       map[ssoKey]ssoPlace{},
		ssoIDs:        map[string]ssoPlace{},
	}
}
