package gormstore

import (
	"sync"

	"github.com/myaccount-go/myaccount/account"
)

// The user cache's bounds: the bytes of the users it holds (as
// storedUser.size counts them), and the largest user it takes.
const (
	userCacheBytes   = 4 << 20
	userCacheMaxUser = 16 << 10
)

// A userCache keeps the users a Store read or wrote last, each as stored,
// its version included, so that UpdateUser can change a user without
// reading it first (a PATCH /api/my-account after a GET, or after another
// PATCH, then runs one statement instead of two), and GetUser can answer
// after reading one column instead of the user's row and identities.
//
// An entry may be stale: another instance (or another process on the
// SQLite file) may have written the user since. UpdateUser's conditional
// UPDATE finds that out, since every write of a user counts its version up,
// and it then reads the user and runs the change again; a change that
// refuses a cached user runs again on a read one. So no answer of
// UpdateUser is decided on a stale user. GetUser answers from the cache
// only after reading the row's version and finding the cached one: a read
// sees what every instance wrote.
//
// A user deleted and created again under the same id starts at a new
// random version (CreateUser), so an entry of the old one never matches.
type userCache struct {
	mu    sync.Mutex
	users map[string]*cachedUser
	bytes int
}

// A cachedUser is a user as stored and decoded; neither changes once
// cached: UpdateUser changes a clone of user.
type cachedUser struct {
	stored *storedUser
	user   *account.User
	size   int
}

// get returns the cached user with this id, or nil.
func (c *userCache) get(id string) *cachedUser {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.users[id]
}

// putRead caches a user GetUser read, stored and decoded as u, unless the
// cache holds that version already; it keeps a clone of u.
func (c *userCache) putRead(stored *storedUser, u *account.User) {
	c.mu.Lock()
	cur := c.users[stored.row.ID]
	c.mu.Unlock()
	if cur != nil && cur.stored.row.Version == stored.row.Version {
		return
	}
	c.put(stored, u.Clone())
}

// put caches stored, decoded as u, in place of the entry of its id,
// making room by dropping entries at random; a user larger than
// userCacheMaxUser only drops the entry. Neither may change after.
func (c *userCache) put(stored *storedUser, u *account.User) {
	e := &cachedUser{stored: stored, user: u, size: stored.size()}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(stored.row.ID)
	if e.size > userCacheMaxUser {
		return
	}
	if c.users == nil {
		c.users = map[string]*cachedUser{}
	}
	for id := range c.users {
		if c.bytes+e.size <= userCacheBytes {
			break
		}
		c.dropLocked(id) // map order is random
	}
	c.users[stored.row.ID] = e
	c.bytes += e.size
}

// drop forgets the user with this id.
func (c *userCache) drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(id)
}

func (c *userCache) dropLocked(id string) {
	if old, ok := c.users[id]; ok {
		c.bytes -= old.size
		delete(c.users, id)
	}
}

// size is about the bytes a cached user holds: its strings and a word per
// field, twice (the row, and the user decoded from it).
func (u *storedUser) size() int {
	r := &u.row
	n := 256 + len(r.ID) + len(r.Profile) + len(r.LogtoConfig)
	for _, p := range []*string{r.Username, r.UsernameKey, r.PrimaryEmail, r.EmailKey, r.PrimaryPhone,
		r.Name, r.Avatar, r.CustomData, r.PasswordHash, r.ApplicationID} {
		if p != nil {
			n += len(*p)
		}
	}
	for _, i := range u.identities {
		n += 64 + len(i.UserID) + len(i.Target)
		if i.SocialUserID != nil {
			n += len(*i.SocialUserID)
		}
		if i.Details != nil {
			n += len(*i.Details)
		}
	}
	return 2 * n
}
