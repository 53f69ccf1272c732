package account_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// fill sets every field v reaches to a non-zero value, so that a field
// added to User later is covered by TestUserClone without editing it.
func fill(t *testing.T, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(7)
	case reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(1700000000, 0)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(t, v.Field(i), depth+1)
			}
		}
	case reflect.Map:
		if v.Type() == reflect.TypeFor[map[string]any]() {
			v.Set(reflect.ValueOf(map[string]any{"a": map[string]any{"b": []any{map[string]any{"c": 1.0}, "s"}}}))
			return
		}
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		fill(t, e, depth+1)
		m.SetMapIndex(reflect.ValueOf("k"), e)
		v.Set(m)
	default:
		t.Fatalf("fill: a field of kind %s (%s): teach fill and Clone about it", v.Kind(), v.Type())
	}
}

// shared reports a path where a and b share memory (a pointer, map or
// slice), or "".
func shared(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice:
		if !a.IsNil() && a.UnsafePointer() == b.UnsafePointer() {
			return path
		}
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return ""
		}
		return shared(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() {
				if p := shared(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); p != "" {
					return p
				}
			}
		}
	case reflect.Map:
		for _, k := range a.MapKeys() {
			if p := shared(a.MapIndex(k), b.MapIndex(k), path+"["+k.String()+"]"); p != "" {
				return p
			}
		}
	case reflect.Slice:
		for i := range a.Len() {
			if p := shared(a.Index(i), b.Index(i), path+"[]"); p != "" {
				return p
			}
		}
	}
	return ""
}

func TestUserClone(t *testing.T) {
	var u account.User
	fill(t, reflect.ValueOf(&u).Elem(), 0)
	c := u.Clone()
	if !reflect.DeepEqual(&u, c) {
		t.Fatalf("clone differs:\n%+v\n%+v", u, *c)
	}
	if p := shared(reflect.ValueOf(&u).Elem(), reflect.ValueOf(c).Elem(), "User"); p != "" {
		t.Errorf("the clone shares %s with the user", p)
	}
	var empty account.User
	if c := empty.Clone(); !reflect.DeepEqual(&empty, c) {
		t.Errorf("clone of the zero user = %+v", c)
	}
	if (*account.User)(nil).Clone() != nil {
		t.Error("clone of nil is not nil")
	}
	// Empty stays empty, not nil.
	e := account.User{CustomData: map[string]any{}, Identities: map[string]account.SocialIdentity{}}
	if c := e.Clone(); c.CustomData == nil || c.Identities == nil {
		t.Error("clone turned empty maps into nil")
	}
}
