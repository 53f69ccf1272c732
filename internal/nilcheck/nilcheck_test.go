package nilcheck

import (
	"io"
	"strings"
	"testing"
)

type reader func([]byte) (int, error)

func (f reader) Read(p []byte) (int, error) { return f(p) }

func TestIsNilSeesTypedNils(t *testing.T) {
	var (
		ptr    *strings.Reader
		fn     reader
		iface  io.Reader = ptr
		m      map[string]int
		s      []int
		ch     chan int
		nested any = &iface
	)
	for name, v := range map[string]any{
		"untyped nil":                 nil,
		"nil pointer":                 ptr,
		"nil pointer in an interface": iface,
		"nil func type":               io.Reader(fn),
		"nil map":                     m,
		"nil slice":                   s,
		"nil channel":                 ch,
	} {
		if !IsNil(v) {
			t.Errorf("%s: IsNil = false, want true", name)
		}
	}
	for name, v := range map[string]any{
		"a reader":                     strings.NewReader("x"),
		"a func":                       reader(func([]byte) (int, error) { return 0, io.EOF }),
		"an empty map":                 map[string]int{},
		"an empty slice":               []int{},
		"a struct":                     struct{}{},
		"a zero string":                "",
		"a zero number":                0,
		"a pointer to a nil interface": nested,
	} {
		if IsNil(v) {
			t.Errorf("%s: IsNil = true, want false", name)
		}
	}
}
