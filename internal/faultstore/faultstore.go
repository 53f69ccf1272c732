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
// count reaches FailAt, that call fails with ErrInjected without reaching
// the inner store (nothing of it is written).
type Store struct {
	inner myaccount.Store

	mu      sync.Mutex
	calls   int
	failAt  int // 0: never
	failErr error
	failed  string
}

var _ myaccount.Store = (*Store)(nil)

// New wraps inner.
func New(inner myaccount.Store) *Store { return &Store{inner: inner} }

// Arm resets the count and makes call n (from 1) fail with ErrInjected;
// 0 disarms.
func (s *Store) Arm(n int) { s.ArmWith(n, ErrInjected) }

// ArmWith is Arm with the error the failing call returns.
func (s *Store) ArmWith(n int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls, s.failAt, s.failErr, s.failed = 0, n, err, ""
}

// Calls returns how many calls were made since Arm, and the method that
// failed ("" if none).
func (s *Store) Calls() (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls, s.failed
}

func (s *Store) before(method string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.failAt != 0 && s.calls == s.failAt {
		s.failed = method
		return s.failErr
	}
	return nil
}
