package myaccount_test

import (
	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/storage/storetest"
)

// myaccount.Store and storetest.Store are declared apart, so that a store's
// test needs only the domain packages, but they are one method set: each
// converts to the other here, so a method added to one and not the other
// fails to compile, and any store satisfies both.
var (
	_ storetest.Store = myaccount.Store(nil)
	_ myaccount.Store = storetest.Store(nil)
)
