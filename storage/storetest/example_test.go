package storetest_test

import (
	"testing"

	"github.com/myaccount-go/myaccount/storage/memory"
	"github.com/myaccount-go/myaccount/storage/storetest"
)

// A store of your own passes the conformance suite that the memory and GORM
// stores pass: put this in a _test.go file of your store's package, with a
// constructor that returns a fresh, empty store for each subtest (a new
// schema or table prefix, say), and run go test -race. The suite checks
// every method's errors and its atomicity under concurrency.
func ExampleRun() {
	_ = func(t *testing.T) { // func TestConformance(t *testing.T)
		storetest.Run(t, func(t *testing.T) storetest.Store {
			return memory.New() // your store, empty
		})
	}
}
