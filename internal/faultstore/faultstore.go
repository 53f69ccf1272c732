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

	mu     sync.Mutex
	calls  int
	failAt int // 0: never
	failed string
}

var _ myaccount.Store = (*Store)(nil)

// New wraps inner.
func New(inner myaccount.Store) *Store { return &Store{inner: inner} }

// Arm resets the count and makes call n (from 1) fail; 0 disarms.
func (s *Store) Arm(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls, s.failAt, s.failed = 0, n, ""
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
		return ErrInjected
	}
	return nil
}
