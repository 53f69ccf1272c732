package myaccount

import "github.com/myaccount-go/myaccount/internal/adapter"

// The facts only the module's HTTP adapters need: given to them through
// internal/adapter, so they are not part of the public API.
func init() {
	adapter.MaxAvatarBytes = func(a any) int64 { return a.(*Account).cfg.MaxAvatarBytes }
	adapter.HasSessionProvider = func(a any) bool { return a.(*Account).cfg.Sessions != nil }
}
