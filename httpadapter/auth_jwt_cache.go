package httpadapter

import (
	"crypto/sha256"
	"slices"
	"sync"
	"time"

	"github.com/myaccount-go/myaccount"
)

// DefaultJWTCacheSize bounds the tokens a JWTVerifier with a CacheTTL
// remembers, unless JWTConfig.CacheSize says otherwise.
const DefaultJWTCacheSize = 10000

// tokenCache remembers the principals of verified tokens for a while (the
// JWT and introspection verifiers share it), keyed
// by the token's SHA-256 so that it holds no credential. Only tokens that
// passed every check are stored; an entry lives until the TTL ends or the
// token expires, whichever comes first.
type tokenCache struct {
	ttl  time.Duration
	size int
	now  func() time.Time

	mu sync.Mutex
	m  map[[sha256.Size]byte]cachedPrincipal
}

type cachedPrincipal struct {
	p       myaccount.Principal
	expires time.Time
}

func newTokenCache(ttl time.Duration, size int, now func() time.Time) *tokenCache {
	if size <= 0 {
		size = DefaultJWTCacheSize
	}
	if now == nil {
		now = time.Now
	}
	return &tokenCache{ttl: ttl, size: size, now: now, m: map[[sha256.Size]byte]cachedPrincipal{}}
}

// get returns the live principal cached for key, its scopes copied so
// callers never alias the cache.
func (c *tokenCache) get(key [sha256.Size]byte) (myaccount.Principal, bool) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok {
		return myaccount.Principal{}, false
	}
	if !now.Before(e.expires) {
		delete(c.m, key)
		return myaccount.Principal{}, false
	}
	p := e.p
	p.Scopes = slices.Clone(p.Scopes)
	return p, true
}

// put caches p until the TTL ends or exp (zero: the token does not say),
// whichever comes first. A full cache drops expired entries, then the one
// expiring first.
func (c *tokenCache) put(key [sha256.Size]byte, p myaccount.Principal, exp time.Time) {
	now := c.now()
	expires := now.Add(c.ttl)
	if !exp.IsZero() && exp.Before(expires) {
		expires = exp
	}
	if !now.Before(expires) {
		return
	}
	p.Scopes = slices.Clone(p.Scopes)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; !ok && len(c.m) >= c.size {
		c.evict(now)
	}
	c.m[key] = cachedPrincipal{p: p, expires: expires}
}

// evict makes room for one entry. Linear, but only when the cache is full.
func (c *tokenCache) evict(now time.Time) {
	var first [sha256.Size]byte
	var firstExp time.Time
	for k, e := range c.m {
		if !now.Before(e.expires) {
			delete(c.m, k)
			continue
		}
		if firstExp.IsZero() || e.expires.Before(firstExp) {
			first, firstExp = k, e.expires
		}
	}
	if len(c.m) >= c.size {
		delete(c.m, first)
	}
}
