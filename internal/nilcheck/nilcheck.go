// Package nilcheck tells the constructors of this module whether a value
// they were given is nil in a way that would only show later, as a panic on
// first use: an interface holding a nil pointer, map, slice, func, channel
// or interface (a "typed nil") passes a plain v == nil check.
package nilcheck

import "reflect"

// IsNil reports whether v is nil or holds a nil pointer, map, slice, func,
// channel or interface. Values of other kinds (structs, strings, numbers)
// are never nil.
func IsNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
		return rv.IsNil()
	default:
		return false
	}
}
