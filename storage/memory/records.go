package memory

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// CreateRecord inserts a copy of r; see verification.Store.
func (s *Store) CreateRecord(_ context.Context, r *verification.Record) error {
	nr := copyRecord(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.records[nr.ID]; ok {
		return fmt.Errorf("memory: record %q exists: %w", nr.ID, account.ErrConflict)
	}
	s.records[nr.ID] = nr
	return nil
}

// GetRecord returns a copy of the record; see verification.Store.
func (s *Store) GetRecord(_ context.Context, id string) (*verification.Record, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, err := s.record(id)
	if err != nil {
		return nil, err
	}
	return copyRecord(r), nil
}

// CountCodeAttempt counts one attempt at the record's code; see
// verification.Store.
func (s *Store) CountCodeAttempt(_ context.Context, id string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.codeRecord(id)
	if err != nil {
		return 0, err
	}
	r.Code.Tries++
	return r.Code.Tries, nil
}

// ConsumeCode removes the record's code and marks it verified; see
// verification.Store.
func (s *Store) ConsumeCode(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.codeRecord(id)
	if err != nil {
		return err
	}
	r.Code, r.Verified = nil, true
	return nil
}

// TakeSession returns the record's session and removes it; see
// verification.Store.
func (s *Store) TakeSession(_ context.Context, id string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.record(id)
	if err != nil {
		return nil, err
	}
	// An empty session counts as none: a SQL column cannot always tell
	// them apart.
	if len(r.Session) == 0 {
		return nil, fmt.Errorf("memory: record %q has no session: %w", id, account.ErrNotFound)
	}
	// The stored slice leaves the store here, so it needs no copy.
	session := r.Session
	r.Session = nil
	return session, nil
}

// Complete stores the result and marks the record verified; see
// verification.Store.
func (s *Store) Complete(_ context.Context, id string, result []byte) error {
	result = bytes.Clone(result)
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.record(id)
	if err != nil {
		return err
	}
	r.Result, r.Verified = result, true
	return nil
}

// UseRecord deletes the record; see verification.Store.
func (s *Store) UseRecord(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.record(id); err != nil {
		return err
	}
	delete(s.records, id)
	return nil
}

// DeleteExpiredRecords removes the records expired at now; see
// verification.Store.
func (s *Store) DeleteExpiredRecords(_ context.Context, now time.Time) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for id, r := range s.records {
		if r.Expired(now) {
			delete(s.records, id)
			n++
		}
	}
	return n, nil
}

// record returns the stored record itself; the caller holds the lock.
func (s *Store) record(id string) (*verification.Record, error) {
	r, ok := s.records[id]
	if !ok {
		return nil, fmt.Errorf("memory: record %q: %w", id, account.ErrNotFound)
	}
	return r, nil
}

// codeRecord returns the stored record if it holds a code.
func (s *Store) codeRecord(id string) (*verification.Record, error) {
	r, err := s.record(id)
	if err != nil {
		return nil, err
	}
	if r.Code == nil {
		return nil, fmt.Errorf("memory: record %q has no code: %w", id, account.ErrNotFound)
	}
	return r, nil
}
