package gormstore

import (
	"encoding/json"
	"fmt"
	"reflect"
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

// The JSON columns' shortcuts (toUser, userToRows) give what encoding/json
// gives.
func TestJSONColumnShortcuts(t *testing.T) {
	empty := "{}"
	zero := &account.User{ID: "u", CustomData: map[string]any{}}
	row, _, err := userToRows(zero)
	if err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2]string{
		"profile":      {row.Profile, mustJSON(t, account.Profile{})},
		"custom data":  {*row.CustomData, mustJSON(t, map[string]any{})},
		"logto config": {row.LogtoConfig, mustJSON(t, account.LogtoConfig{})},
	} {
		if pair[0] != pair[1] {
			t.Errorf("%s written as %q, encoding/json gives %q", name, pair[0], pair[1])
		}
	}
	got, err := (&userRow{ID: "u", Profile: "{}", CustomData: &empty, LogtoConfig: zeroLogtoConfig}).toUser(nil)
	if err != nil {
		t.Fatal(err)
	}
	var want account.User
	want.ID = "u"
	if err := json.Unmarshal([]byte(empty), &want.Profile); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(empty), &want.CustomData); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(zeroLogtoConfig), &want.LogtoConfig); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("toUser = %+v, encoding/json gives %+v", got, want)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
