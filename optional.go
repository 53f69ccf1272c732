package myaccount

import (
	"bytes"
	"encoding/json"
)

// Optional is a request field that may be absent, null or set: PATCH bodies
// leave absent keys unchanged and clear null ones. Decoded from JSON, Set is
// true when the key was present (null included); a null leaves Value zero.
type Optional[T any] struct {
	Set   bool
	Value T
}

// Some returns a present Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{Set: true, Value: v} }

// UnmarshalJSON marks the field present and decodes it; null keeps Value
// zero.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		var zero T
		o.Value = zero
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}
