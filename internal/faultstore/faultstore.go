// Package faultstore wraps a store so that tests can make its Nth call
// fail, to prove that no use case half-writes when the store fails midway.
package faultstore

import (
	"errors"
	"sync"

	"github.com/myaccount-go/myaccount"
)

// ErrInjected is the error of the failing call.
var ErrInjected = errors.New("faultstore: injected failure")

// Store forwards every call to an inner store and counts them; when the
// count reaches the armed number, that call fails with ErrInjected without
// reaching the inner store (nothing of it is written), or, armed with
// ArmInChange, inside the inner store.
type Store struct {
	inner myaccount.Store

	mu      sync.Mutex
	calls   int
	failAt  int // 0: never
	failErr error
	// inChange: the failing call, if it takes a change function, reaches
	// the inner store and its change fails there.
	inChange bool
	failed   string
}

var _ myaccount.Store = (*Store)(nil)

// New wraps inner.
func New(inner myaccount.Store) *Store { return &Store{inner: inner} }

// Arm resets the count and makes call n (from 1) fail with ErrInjected;
// 0 disarms.
func (s *Store) Arm(n int) { s.ArmWith(n, ErrInjected) }

// ArmWith is Arm with the error the failing call returns.
func (s *Store) ArmWith(n int, err error) { s.arm(n, err, false) }

// ArmInChange is Arm, except when call n takes a change function
// (UpdateUser, UpdateAccountCenter, BindFactor): then the call reaches the
// inner store and its change fails there with ErrInjected, so the inner
// store must write nothing of the call, the rest of its step included.
func (s *Store) ArmInChange(n int) { s.arm(n, ErrInjected, true) }

func (s *Store) arm(n int, err error, inChange bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls, s.failAt, s.failErr, s.inChange, s.failed = 0, n, err, inChange, ""
}

// Calls returns how many calls were made since Arm, and the method that
// failed ("" if none).
func (s *Store) Calls() (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls, s.failed
}

func (s *Store) before(method string) error {
	_, err := s.beforeChange(method)
	return err
}

// beforeChange is before for a method that takes a change function:
// inChange is true when the call is the one to fail and must go through
// with a change that fails with err (see failing).
func (s *Store) beforeChange(method string) (inChange bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.failAt != 0 && s.calls == s.failAt {
		s.failed = method
		return s.inChange, s.failErr
	}
	return false, nil
}

// failing returns change, or, when err is not nil, a change that fails
// with err.
func failing[T any](change func(*T) error, err error) func(*T) error {
	if err == nil {
		return change
	}
	return func(*T) error { return err }
}
