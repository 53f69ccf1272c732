package gormstore

import (
	"fmt"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

func TestUserCacheBounds(t *testing.T) {
	var c userCache
	big := strings.Repeat("x", userCacheMaxUser)
	c.put(&storedUser{row: userRow{ID: "big", CustomData: &big}}, &account.User{})
	if c.get("big") != nil {
		t.Error("a user larger than userCacheMaxUser was cached")
	}
	data := strings.Repeat("y", 4<<10)
	for i := range 2 * userCacheBytes / len(data) {
		c.put(&storedUser{row: userRow{ID: fmt.Sprint(i), CustomData: &data}}, &account.User{})
		if c.bytes > userCacheBytes {
			t.Fatalf("after %d users the cache holds %d bytes, over %d", i+1, c.bytes, userCacheBytes)
		}
	}
	sum := 0
	for _, u := range c.users {
		sum += u.size
	}
	if sum != c.bytes || len(c.users) == 0 {
		t.Errorf("%d users of %d bytes, counted %d", len(c.users), sum, c.bytes)
	}
	c.put(&storedUser{row: userRow{ID: "0", CustomData: &big}}, &account.User{})
	if c.get("0") != nil {
		t.Error("a user grown past userCacheMaxUser kept its old entry")
	}
}
