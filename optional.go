package myaccount

import (
	"bytes"
	"encoding/json"
)

// Optional is a request field that may be absent, null or set to a value:
// PATCH bodies leave absent keys unchanged and clear null ones. The zero
// Optional is absent; Set and Null make the other two. Decoded from JSON, a
// key that is present is Set to its value, or Null when it is null.
type Optional[T any] struct {
	present bool
	null    bool
	value   T
}

// Set returns an Optional holding v.
func Set[T any](v T) Optional[T] { return Optional[T]{present: true, value: v} }

// Null returns an Optional that clears the field.
func Null[T any]() Optional[T] { return Optional[T]{present: true, null: true} }

// Present reports whether the field was given, as a value or as null.
func (o Optional[T]) Present() bool { return o.present }

// IsNull reports whether the field was given as null.
func (o Optional[T]) IsNull() bool { return o.present && o.null }

// Get returns the value; the zero T when the field is absent or null.
func (o Optional[T]) Get() T { return o.value }

// Ptr returns a pointer to the value; nil when the field is absent or
// null.
func (o Optional[T]) Ptr() *T {
	if !o.present || o.null {
		return nil
	}
	v := o.value
	return &v
}

// UnmarshalJSON marks the field present and decodes it; null makes it
// Null.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	var zero T
	o.present, o.null, o.value = true, false, zero
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		o.null = true
		return nil
	}
	return json.Unmarshal(b, &o.value)
}
