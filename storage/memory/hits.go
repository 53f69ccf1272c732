package memory

import (
	"context"
	"time"
)

// AddHit records a hit unless the limit is reached; see verification.Store.
func (s *Store) AddHit(_ context.Context, key string, at time.Time, window time.Duration, limit int) (int, bool, error) {
	at = storedTime(at)
	from := at.Add(-window)
	s.mu.Lock()
	defer s.mu.Unlock()
	// Forget the hits this window no longer sees; filtering in place is
	// safe because the slice never leaves the store.
	kept := s.hits[key][:0]
	for _, t := range s.hits[key] {
		if t.After(from) {
			kept = append(kept, t)
		}
	}
	if limit > 0 && len(kept) >= limit {
		s.hits[key] = kept
		return len(kept), false, nil
	}
	s.hits[key] = append(kept, at)
	return len(kept) + 1, true, nil
}

// CountHits counts the hits within the window; see verification.Store.
func (s *Store) CountHits(_ context.Context, key string, at time.Time, window time.Duration) (int, error) {
	from := storedTime(at).Add(-window)
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := 0
	for _, t := range s.hits[key] {
		if t.After(from) {
			n++
		}
	}
	return n, nil
}

// Block locks key until the given time; see verification.Store.
func (s *Store) Block(_ context.Context, key string, until time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocks[key] = storedTime(until)
	return nil
}

// BlockedUntil returns when key's lockout ends, zero if never blocked; see
// verification.Store.
func (s *Store) BlockedUntil(_ context.Context, key string) (time.Time, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.blocks[key], nil
}
