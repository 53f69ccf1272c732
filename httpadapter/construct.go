package httpadapter

import (
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/internal/nilcheck"
)

// handlerArgs refuses what a handler constructor (name) was given that would
// fail on the first request instead: no Service, no Authenticator or one
// holding a nil pointer or func (a typed nil), a nil Option. Each is
// named, all at once.
func handlerArgs(name string, svc *myaccount.Service, auth Authenticator, opts []Option) error {
	errs := serviceArgs(name, svc, opts)
	if auth == nil {
		errs = append(errs, fmt.Errorf("httpadapter: %s: nil Authenticator", name))
	} else if nilcheck.IsNil(auth) {
		errs = append(errs, fmt.Errorf("httpadapter: %s: the Authenticator is a nil %T", name, auth))
	}
	return errors.Join(errs...)
}

// serviceArgs are the refusals every handler constructor shares: no
// Service, a nil Option.
func serviceArgs(name string, svc *myaccount.Service, opts []Option) []error {
	var errs []error
	if svc == nil {
		errs = append(errs, fmt.Errorf("httpadapter: %s: nil *myaccount.Service (make it with myaccount.New)", name))
	}
	for i, opt := range opts {
		if opt == nil {
			errs = append(errs, fmt.Errorf("httpadapter: %s: option %d is nil", name, i))
		}
	}
	return errs
}
