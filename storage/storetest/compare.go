package storetest

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var timeType = reflect.TypeFor[time.Time]()

// diff lists how got differs from want, one line per difference, walking
// every exported field so that a field added to a domain type later is
// compared without touching the suite. Times compare as instants; pointers
// and interfaces must agree on nil; a nil map or slice equals an empty one.
func diff(want, got any) []string {
	var d []string
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	if w.Type() != g.Type() {
		return []string{fmt.Sprintf("type %s, want %s", g.Type(), w.Type())}
	}
	compare(&d, w.Type().String(), w, g)
	return d
}

func compare(d *[]string, path string, want, got reflect.Value) {
	differ := func(w, g any) { *d = append(*d, fmt.Sprintf("%s = %s, want %s", path, show(g), show(w))) }
	if want.Type() == timeType {
		w, g := want.Interface().(time.Time), got.Interface().(time.Time)
		if !w.Equal(g) {
			differ(w, g)
		}
		return
	}
	switch want.Kind() {
	case reflect.Pointer, reflect.Interface:
		if want.IsNil() || got.IsNil() {
			if want.IsNil() != got.IsNil() {
				differ(want.Interface(), got.Interface())
			}
			return
		}
		if want.Kind() == reflect.Interface && want.Elem().Type() != got.Elem().Type() {
			*d = append(*d, fmt.Sprintf("%s has type %s, want %s", path, got.Elem().Type(), want.Elem().Type()))
			return
		}
		compare(d, path, want.Elem(), got.Elem())
	case reflect.Struct:
		for i := range want.NumField() {
			if f := want.Type().Field(i); f.IsExported() {
				compare(d, path+"."+f.Name, want.Field(i), got.Field(i))
			}
		}
	case reflect.Map:
		keys := append(want.MapKeys(), got.MapKeys()...)
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		keys = slices.CompactFunc(keys, func(a, b reflect.Value) bool { return a.Equal(b) })
		for _, k := range keys {
			p := fmt.Sprintf("%s[%q]", path, fmt.Sprint(k))
			w, g := want.MapIndex(k), got.MapIndex(k)
			switch {
			case !g.IsValid():
				*d = append(*d, p+" is missing")
			case !w.IsValid():
				*d = append(*d, fmt.Sprintf("%s = %s is unexpected", p, show(g.Interface())))
			default:
				compare(d, p, w, g)
			}
		}
	case reflect.Slice:
		if want.Type().Elem().Kind() == reflect.Uint8 {
			if !bytes.Equal(want.Bytes(), got.Bytes()) {
				differ(want.Interface(), got.Interface())
			}
			return
		}
		if want.Len() != got.Len() {
			differ(want.Interface(), got.Interface())
			return
		}
		for i := range want.Len() {
			compare(d, fmt.Sprintf("%s[%d]", path, i), want.Index(i), got.Index(i))
		}
	default:
		if !want.Equal(got) {
			differ(want.Interface(), got.Interface())
		}
	}
}

// show formats a value for a failure message.
func show(v any) string {
	switch v := v.(type) {
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case []byte:
		if v == nil {
			return "nil"
		}
		return fmt.Sprintf("%x", v)
	case string:
		return fmt.Sprintf("%q", v)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		return "&" + show(rv.Elem().Interface())
	}
	return fmt.Sprintf("%#v", v)
}

// wantSame fails t when got differs from want.
func wantSame(t *testing.T, what string, want, got any) {
	t.Helper()
	for _, line := range diff(want, got) {
		t.Errorf("%s: %s", what, line)
	}
}

// checkFixture fails t when a fixture leaves a field at its zero value, so
// that a round trip proves every field is stored: a field added to a domain
// type fails here until the fixture sets it. skip names fields that are
// zero on purpose, as paths like "Factor.TOTP".
func checkFixture(t *testing.T, v any, skip ...string) {
	t.Helper()
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	var zero []string
	unset(&zero, rv.Type().Name(), rv, skip)
	for _, p := range zero {
		t.Errorf("the suite's fixture leaves %s zero: set it, so that the round trip covers it", p)
	}
}

func unset(zero *[]string, path string, v reflect.Value, skip []string) {
	if slices.Contains(skip, path) {
		return
	}
	if v.IsZero() {
		*zero = append(*zero, path)
		return
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct:
		unset(zero, path, v.Elem(), skip)
	case v.Kind() == reflect.Struct && v.Type() != timeType:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				unset(zero, path+"."+f.Name, v.Field(i), skip)
			}
		}
	}
}
