package storetest

import (
	"testing"
	"time"
)

// addHit calls AddHit and checks its answer.
func addHit(t *testing.T, s Store, key string, at time.Time, window time.Duration, limit, wantCount int, wantRecorded bool) {
	t.Helper()
	n, recorded, err := s.AddHit(t.Context(), key, at, window, limit)
	ok(t, "AddHit "+key, err)
	if n != wantCount || recorded != wantRecorded {
		t.Errorf("AddHit %s at %s (window %s, limit %d) = %d, %t; want %d, %t",
			key, at.Format(time.RFC3339Nano), window, limit, n, recorded, wantCount, wantRecorded)
	}
}

// wantHits checks CountHits.
func wantHits(t *testing.T, s Store, key string, at time.Time, window time.Duration, want int) {
	t.Helper()
	n, err := s.CountHits(t.Context(), key, at, window)
	ok(t, "CountHits "+key, err)
	if n != want {
		t.Errorf("CountHits %s at %s (window %s) = %d, want %d", key, at.Format(time.RFC3339Nano), window, n, want)
	}
}

// wantBlockedUntil checks BlockedUntil.
func wantBlockedUntil(t *testing.T, s Store, key string, want time.Time) {
	t.Helper()
	got, err := s.BlockedUntil(t.Context(), key)
	ok(t, "BlockedUntil "+key, err)
	if !got.Equal(want) {
		t.Errorf("BlockedUntil %s = %s, want %s", key, got.Format(time.RFC3339Nano), want.Format(time.RFC3339Nano))
	}
}

func testHits(t *testing.T, newStore NewStoreFunc) {
	const window = time.Hour

	parallel(t, newStore, "add counts the hits within the window", func(t *testing.T, s Store) {
		addHit(t, s, "send:a", base, window, 0, 1, true)
		addHit(t, s, "send:a", base.Add(time.Minute), window, 0, 2, true)
		addHit(t, s, "send:a", base.Add(2*time.Minute), window, 0, 3, true)
		wantHits(t, s, "send:a", base.Add(2*time.Minute), window, 3)
	})

	parallel(t, newStore, "hits older than the window are forgotten", func(t *testing.T, s Store) {
		addHit(t, s, "k", base, window, 0, 1, true)
		addHit(t, s, "k", base.Add(30*time.Minute), window, 0, 2, true)
		wantHits(t, s, "k", base.Add(window-time.Microsecond), window, 2)
		// A hit exactly at at-window is not later than it: out.
		wantHits(t, s, "k", base.Add(window), window, 1)
		addHit(t, s, "k", base.Add(window+30*time.Minute), window, 0, 1, true)
		wantHits(t, s, "k", base.Add(window+30*time.Minute), window, 1)
		// A shorter window looks at fewer hits.
		addHit(t, s, "k", base.Add(window+40*time.Minute), window, 0, 2, true)
		wantHits(t, s, "k", base.Add(window+40*time.Minute), 5*time.Minute, 1)
	})

	parallel(t, newStore, "limit refuses without recording", func(t *testing.T, s Store) {
		addHit(t, s, "k", base, window, 3, 1, true)
		addHit(t, s, "k", base.Add(time.Minute), window, 3, 2, true)
		addHit(t, s, "k", base.Add(2*time.Minute), window, 3, 3, true)
		addHit(t, s, "k", base.Add(3*time.Minute), window, 3, 3, false)
		addHit(t, s, "k", base.Add(4*time.Minute), window, 3, 3, false)
		wantHits(t, s, "k", base.Add(4*time.Minute), window, 3)
		// Once the first hit leaves the window there is room for one more;
		// the refused ones were never recorded, so they hold no room.
		addHit(t, s, "k", base.Add(window), window, 3, 3, true)
		addHit(t, s, "k", base.Add(window+30*time.Second), window, 3, 3, false)
		// Without a limit a hit is always recorded.
		addHit(t, s, "k", base.Add(window+time.Minute), window, 0, 3, true)
	})

	parallel(t, newStore, "count hits is read-only", func(t *testing.T, s Store) {
		for range 3 {
			wantHits(t, s, "k", base, window, 0)
		}
		addHit(t, s, "k", base, window, 0, 1, true)
		for range 3 {
			wantHits(t, s, "k", base, window, 1)
		}
		addHit(t, s, "k", base, window, 0, 2, true)
	})

	parallel(t, newStore, "unknown key counts zero", func(t *testing.T, s Store) {
		addHit(t, s, "known", base, window, 0, 1, true)
		wantHits(t, s, "unknown", base, window, 0)
		wantHits(t, s, "", base, window, 0)
	})

	parallel(t, newStore, "keys are independent", func(t *testing.T, s Store) {
		addHit(t, s, "a", base, window, 0, 1, true)
		addHit(t, s, "a", base, window, 0, 2, true)
		addHit(t, s, "b", base, window, 0, 1, true)
		addHit(t, s, "A", base, window, 0, 1, true)
		wantHits(t, s, "a", base, window, 2)
		// Blocks and hits are apart, even under one key.
		ok(t, "Block", s.Block(t.Context(), "a", base.Add(time.Hour)))
		wantHits(t, s, "a", base, window, 2)
		wantBlockedUntil(t, s, "b", time.Time{})
	})

	parallel(t, newStore, "times compare as instants in any location", func(t *testing.T, s Store) {
		// Equal instants written in different zones: a store that compares
		// wall-clock text instead of instants miscounts.
		addHit(t, s, "k", base, window, 0, 1, true)
		wantHits(t, s, "k", base.Add(window-time.Microsecond).In(zoneWest), window, 1)
		wantHits(t, s, "k", base.Add(window).In(time.UTC), window, 0)
		addHit(t, s, "k", base.Add(time.Minute).In(zoneWest), window, 0, 2, true)
		wantHits(t, s, "k", base.Add(window+30*time.Second).In(time.UTC), window, 1)
	})

	parallel(t, newStore, "block and blocked until", func(t *testing.T, s Store) {
		ctx := t.Context()
		wantBlockedUntil(t, s, "k", time.Time{})
		ok(t, "Block", s.Block(ctx, "k", base.Add(time.Hour)))
		wantBlockedUntil(t, s, "k", base.Add(time.Hour))
		// A later block replaces an earlier one, even a shorter one.
		ok(t, "Block again", s.Block(ctx, "k", base.Add(10*time.Minute).In(zoneWest)))
		wantBlockedUntil(t, s, "k", base.Add(10*time.Minute))
		wantBlockedUntil(t, s, "other", time.Time{})
		// Hits of a blocked key are counted as before.
		wantHits(t, s, "k", base, window, 0)
	})
}
