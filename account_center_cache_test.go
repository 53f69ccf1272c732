package myaccount_test

import (
	"context"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// TestAccountCenterCache: a Service keeps the settings it read for
// Config.AccountCenterTTL, sees its own writes at once, and with a negative
// TTL reads the store every time.
func TestAccountCenterCache(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	cached, err := myaccount.New(myaccount.Config{Store: store, AccountCenterTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	uncached, err := myaccount.New(myaccount.Config{Store: store, AccountCenterTTL: -1})
	if err != nil {
		t.Fatal(err)
	}
	enabled := func(svc *myaccount.Service) bool {
		t.Helper()
		c, err := svc.Account.CenterSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c.Enabled
	}
	if enabled(cached) || enabled(uncached) {
		t.Fatal("a new store's account center is enabled")
	}

	// A write straight to the store (another instance's): the cached
	// Service keeps what it read, the uncached one sees it.
	if _, err := store.UpdateAccountCenter(ctx, func(c *account.AccountCenter) error { c.Enabled = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if enabled(cached) {
		t.Error("the cached Service read the store within its TTL")
	}
	if !enabled(uncached) {
		t.Error("a negative TTL did not read the store")
	}

	// A write through the cached Service is seen by it at once.
	on := true
	if _, err := cached.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(on)}); err != nil {
		t.Fatal(err)
	}
	if !enabled(cached) {
		t.Error("the Service did not see its own write")
	}
	off := false
	if _, err := uncached.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(off)}); err != nil {
		t.Fatal(err)
	}
	if !enabled(cached) || enabled(uncached) {
		t.Error("the caches of two Services are not their own")
	}
}
