package myaccount

import (
	"sync"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// DefaultAccountCenterTTL is how long a Service keeps the account-center
// settings by default (Config.AccountCenterTTL).
const DefaultAccountCenterTTL = time.Second

// centerCache keeps the last account-center settings read, for every
// request of the next ttl: they gate every route, and change rarely. The
// cached value is shared and never modified. A write through the Service
// replaces it; a read that started before a write never overwrites what
// the write stored (gen tells them apart). Expiry uses the monotonic wall
// clock, not Config.Clock: it is a cache, not a rule.
type centerCache struct {
	ttl     time.Duration
	mu      sync.Mutex
	center  *account.AccountCenter
	expires time.Time
	gen     uint64
}

// get returns the cached settings while they are fresh, and the generation
// a load must pass to put.
func (c *centerCache) get() (*account.AccountCenter, uint64) {
	if c.ttl <= 0 {
		return nil, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.center != nil && time.Now().Before(c.expires) {
		return c.center, c.gen
	}
	return nil, c.gen
}

// put keeps center, read at generation gen, unless a write came since.
func (c *centerCache) put(center *account.AccountCenter, gen uint64) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		c.center, c.expires = center, time.Now().Add(c.ttl)
	}
}

// wrote drops what is cached; called once a write has returned, so the
// next read loads the stored settings.
func (c *centerCache) wrote() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.center = nil
}
