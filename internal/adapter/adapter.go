// Package adapter is how the module's own HTTP adapters read the few facts
// of a Service that only an adapter needs (the avatar upload limit, whether
// sessions are served), without making them part of the Service's public
// API. The root package fills in the functions when it is loaded.
package adapter

// MaxAvatarBytes returns the avatar upload limit of the Service's Account
// audience.
var MaxAvatarBytes func(account any) int64

// HasSessionProvider reports whether the Service's Account audience serves
// the sessions and grants routes.
var HasSessionProvider func(account any) bool
