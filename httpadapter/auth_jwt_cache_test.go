package httpadapter

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// cacheVerifier is a verifier whose key lookups are counted (one per
// signature check) on a clock the test moves.
type cacheVerifier struct {
	v      *JWTVerifier
	now    time.Time
	checks int
}

func newCacheVerifier(t *testing.T, ttl time.Duration, size int) *cacheVerifier {
	t.Helper()
	keys := testKeys()
	c := &cacheVerifier{now: testNow}
	v, err := NewJWTVerifier(context.Background(), JWTConfig{
		Keyfunc: func(*jwt.Token) (any, error) {
			c.checks++
			return keys.rsa1.priv.Public(), nil
		},
		Issuer:    testIssuer,
		Audience:  []string{testAudience},
		Now:       func() time.Time { return c.now },
		CacheTTL:  ttl,
		CacheSize: size,
	})
	if err != nil {
		t.Fatal(err)
	}
	c.v = v
	return c
}

func (c *cacheVerifier) verify(t *testing.T, token string) error {
	t.Helper()
	_, err := c.v.VerifyToken(context.Background(), token)
	return err
}

func TestJWTVerifierCache(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	token := keys.rsa1.sign(t, validClaims()) // expires at testNow + 1h

	t.Run("no cache by default", func(t *testing.T) {
		c := newCacheVerifier(t, 0, 0)
		for range 3 {
			if err := c.verify(t, token); err != nil {
				t.Fatal(err)
			}
		}
		if c.checks != 3 {
			t.Errorf("%d signature checks, want 3", c.checks)
		}
	})

	t.Run("a verified token is checked once within the TTL", func(t *testing.T) {
		c := newCacheVerifier(t, time.Minute, 0)
		for range 3 {
			if err := c.verify(t, token); err != nil {
				t.Fatal(err)
			}
			c.now = c.now.Add(10 * time.Second)
		}
		if c.checks != 1 {
			t.Errorf("%d signature checks, want 1", c.checks)
		}
		c.now = testNow.Add(time.Minute) // the TTL is over: checked again
		if err := c.verify(t, token); err != nil {
			t.Fatal(err)
		}
		if c.checks != 2 {
			t.Errorf("%d signature checks after the TTL, want 2", c.checks)
		}
	})

	t.Run("never past the token's expiry", func(t *testing.T) {
		c := newCacheVerifier(t, time.Hour, 0)
		short := keys.rsa1.sign(t, with(validClaims(), "exp", testNow.Add(30*time.Second).Unix()))
		if err := c.verify(t, short); err != nil {
			t.Fatal(err)
		}
		c.now = testNow.Add(30 * time.Second)
		if err := c.verify(t, short); err == nil {
			t.Error("an expired token passed from the cache")
		}
	})

	t.Run("refused tokens are not cached", func(t *testing.T) {
		c := newCacheVerifier(t, time.Minute, 0)
		stranger := keys.stranger.sign(t, validClaims()) // same kid, another key
		for range 2 {
			if err := c.verify(t, stranger); err == nil {
				t.Fatal("a token signed by another key passed")
			}
		}
		if c.checks != 2 {
			t.Errorf("%d signature checks, want 2", c.checks)
		}
	})

	t.Run("answers do not alias the cache", func(t *testing.T) {
		c := newCacheVerifier(t, time.Minute, 0)
		p, err := c.v.VerifyToken(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		p.Scopes[0] = "changed"
		p2, err := c.v.VerifyToken(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		if p2.Scopes[0] != "openid" || p2.UserID != "user-1" {
			t.Errorf("cached principal = %+v", p2)
		}
	})

	t.Run("bounded", func(t *testing.T) {
		c := newCacheVerifier(t, time.Minute, 2)
		for i := range 5 {
			if err := c.verify(t, keys.rsa1.sign(t, with(validClaims(), "jti", fmt.Sprint(i)))); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(c.v.cache.m); n > 2 {
			t.Errorf("the cache holds %d tokens, want at most 2", n)
		}
	})
}
