package storetest

import (
	"bytes"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// mustGetRecord returns the stored record, failing t now if there is none.
func mustGetRecord(t *testing.T, s Store, id string) *verification.Record {
	t.Helper()
	r, err := s.GetRecord(t.Context(), id)
	ok(t, "GetRecord "+id, err)
	if r == nil {
		t.Fatalf("GetRecord %s: nil record and nil error", id)
	}
	return r
}

// mustCreateRecords stores records, with their user user-1 created first.
func mustCreateRecords(t *testing.T, s Store, records ...*verification.Record) {
	t.Helper()
	mustCreateUsers(t, s, plainUser(1))
	for _, r := range records {
		ok(t, "CreateRecord "+r.ID, s.CreateRecord(t.Context(), r))
	}
}

func testRecords(t *testing.T, newStore NewStoreFunc) {
	parallel(t, newStore, "create and get", func(t *testing.T, s Store) {
		checkFixture(t, fullRecord("r-full", "user-1"))
		bare := sessionRecord("r-bare", "user-1")
		bare.Session = nil
		records := []*verification.Record{
			fullRecord("r-full", "user-1"),
			codeRecord("r-code", "user-1"),
			sessionRecord("r-session", "user-1"),
			bare,
		}
		mustCreateRecords(t, s, records...)
		for _, want := range records {
			got := mustGetRecord(t, s, want.ID)
			wantSame(t, "GetRecord "+want.ID, want, got)
		}
	})

	parallel(t, newStore, "get unknown id is not found", func(t *testing.T, s Store) {
		mustCreateRecords(t, s, codeRecord("r-1", "user-1"))
		_, err := s.GetRecord(t.Context(), "r-2")
		wantErr(t, "GetRecord", err, account.ErrNotFound)
	})

	parallel(t, newStore, "duplicate id is a conflict", func(t *testing.T, s Store) {
		mustCreateRecords(t, s, codeRecord("r-1", "user-1"))
		wantErr(t, "CreateRecord again", s.CreateRecord(t.Context(), sessionRecord("r-1", "user-1")), account.ErrConflict)
		wantSame(t, "GetRecord", codeRecord("r-1", "user-1"), mustGetRecord(t, s, "r-1"))
	})

	parallel(t, newStore, "expired records are still returned", func(t *testing.T, s Store) {
		r := codeRecord("r-1", "user-1")
		r.CreatedAt, r.ExpiresAt = base.Add(-2*verification.TTL), base.Add(-verification.TTL)
		mustCreateRecords(t, s, r)
		wantSame(t, "GetRecord", r, mustGetRecord(t, s, "r-1"))
	})

	parallel(t, newStore, "stored values are copies", func(t *testing.T, s Store) {
		in := fullRecord("r-1", "user-1")
		mustCreateRecords(t, s, in)
		scribbleRecord(in)
		wantSame(t, "GetRecord after changing the created value", fullRecord("r-1", "user-1"), mustGetRecord(t, s, "r-1"))
		scribbleRecord(mustGetRecord(t, s, "r-1"))
		wantSame(t, "GetRecord after changing a read value", fullRecord("r-1", "user-1"), mustGetRecord(t, s, "r-1"))

		result := []byte("result")
		ok(t, "Complete", s.Complete(t.Context(), "r-1", result))
		scribbleBytes(result)
		if got := mustGetRecord(t, s, "r-1").Result; string(got) != "result" {
			t.Errorf("Result after changing the bytes handed to Complete = %q, want %q", got, "result")
		}
	})

	parallel(t, newStore, "count code attempts", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateRecords(t, s, codeRecord("r-1", "user-1"), fullRecord("r-2", "user-1"))
		for want := 1; want <= 3; want++ {
			n, err := s.CountCodeAttempt(ctx, "r-1")
			ok(t, "CountCodeAttempt", err)
			if n != want {
				t.Errorf("CountCodeAttempt = %d, want %d", n, want)
			}
		}
		want := codeRecord("r-1", "user-1")
		want.Code.Tries = 3
		wantSame(t, "GetRecord", want, mustGetRecord(t, s, "r-1"))

		// Counting goes on from the stored tries, record by record.
		n, err := s.CountCodeAttempt(ctx, "r-2")
		ok(t, "CountCodeAttempt", err)
		if want := fullRecord("", "").Code.Tries + 1; n != want {
			t.Errorf("CountCodeAttempt on a record with tries = %d, want %d", n, want)
		}
	})

	parallel(t, newStore, "count code attempt without a code is not found", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateRecords(t, s, sessionRecord("r-session", "user-1"), codeRecord("r-code", "user-1"))
		ok(t, "ConsumeCode", s.ConsumeCode(ctx, "r-code"))
		for _, id := range []string{"r-unknown", "r-session", "r-code"} {
			_, err := s.CountCodeAttempt(ctx, id)
			wantErr(t, "CountCodeAttempt "+id, err, account.ErrNotFound)
		}
		if r := mustGetRecord(t, s, "r-code"); r.Code != nil {
			t.Errorf("Code after a refused CountCodeAttempt = %+v, want nil", r.Code)
		}
	})

	parallel(t, newStore, "consume code once", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateRecords(t, s, codeRecord("r-1", "user-1"), sessionRecord("r-session", "user-1"))
		ok(t, "ConsumeCode", s.ConsumeCode(ctx, "r-1"))
		want := codeRecord("r-1", "user-1")
		want.Code, want.Verified = nil, true
		wantSame(t, "GetRecord after ConsumeCode", want, mustGetRecord(t, s, "r-1"))
		wantErr(t, "ConsumeCode again", s.ConsumeCode(ctx, "r-1"), account.ErrNotFound)
		wantErr(t, "ConsumeCode of an unknown record", s.ConsumeCode(ctx, "r-unknown"), account.ErrNotFound)
		wantErr(t, "ConsumeCode of a record without code", s.ConsumeCode(ctx, "r-session"), account.ErrNotFound)
		wantSame(t, "the record without code", sessionRecord("r-session", "user-1"), mustGetRecord(t, s, "r-session"))
	})

	parallel(t, newStore, "take session once", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateRecords(t, s, sessionRecord("r-1", "user-1"), codeRecord("r-code", "user-1"))
		got, err := s.TakeSession(ctx, "r-1")
		ok(t, "TakeSession", err)
		if want := sessionRecord("", "").Session; !bytes.Equal(got, want) {
			t.Errorf("TakeSession = %q, want %q", got, want)
		}
		want := sessionRecord("r-1", "user-1")
		want.Session = nil
		wantSame(t, "GetRecord after TakeSession", want, mustGetRecord(t, s, "r-1"))
		_, err = s.TakeSession(ctx, "r-1")
		wantErr(t, "TakeSession again", err, account.ErrNotFound)
		_, err = s.TakeSession(ctx, "r-unknown")
		wantErr(t, "TakeSession of an unknown record", err, account.ErrNotFound)
		_, err = s.TakeSession(ctx, "r-code")
		wantErr(t, "TakeSession of a record without session", err, account.ErrNotFound)
	})

	parallel(t, newStore, "complete sets result and verified", func(t *testing.T, s Store) {
		ctx := t.Context()
		r := fullRecord("r-1", "user-1")
		r.Verified, r.Result = false, nil
		mustCreateRecords(t, s, r)
		ok(t, "Complete", s.Complete(ctx, "r-1", []byte{0x00, 0x01}))
		want := fullRecord("r-1", "user-1")
		want.Result = []byte{0x00, 0x01}
		wantSame(t, "GetRecord after Complete", want, mustGetRecord(t, s, "r-1"))
		ok(t, "Complete again", s.Complete(ctx, "r-1", []byte("second")))
		want.Result = []byte("second")
		wantSame(t, "GetRecord after the second Complete", want, mustGetRecord(t, s, "r-1"))
		wantErr(t, "Complete of an unknown record", s.Complete(ctx, "r-unknown", []byte("x")), account.ErrNotFound)
	})

	parallel(t, newStore, "use a record once", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateRecords(t, s, fullRecord("r-1", "user-1"), codeRecord("r-2", "user-1"))
		ok(t, "UseRecord", s.UseRecord(ctx, "r-1"))
		_, err := s.GetRecord(ctx, "r-1")
		wantErr(t, "GetRecord after UseRecord", err, account.ErrNotFound)
		wantErr(t, "UseRecord again", s.UseRecord(ctx, "r-1"), account.ErrNotFound)
		wantErr(t, "UseRecord of an unknown record", s.UseRecord(ctx, "r-unknown"), account.ErrNotFound)
		wantErr(t, "ConsumeCode of a used record", s.ConsumeCode(ctx, "r-1"), account.ErrNotFound)
		wantErr(t, "Complete of a used record", s.Complete(ctx, "r-1", []byte("x")), account.ErrNotFound)
		wantSame(t, "the other record", codeRecord("r-2", "user-1"), mustGetRecord(t, s, "r-2"))
	})

	parallel(t, newStore, "delete expired records", func(t *testing.T, s Store) {
		ctx := t.Context()
		expiring := func(id string, at time.Time) *verification.Record {
			r := codeRecord(id, "user-1")
			r.ExpiresAt = at
			return r
		}
		mustCreateRecords(t, s,
			expiring("r-past", base.Add(-time.Second)),
			expiring("r-now", base.In(zoneWest)), // the same instant, written in another zone
			expiring("r-soon", base.Add(time.Microsecond)),
			expiring("r-later", base.Add(time.Hour).In(time.UTC)),
		)
		n, err := s.DeleteExpiredRecords(ctx, base.In(time.UTC))
		ok(t, "DeleteExpiredRecords", err)
		if n != 2 {
			t.Errorf("DeleteExpiredRecords = %d, want 2", n)
		}
		for _, id := range []string{"r-past", "r-now"} {
			_, err := s.GetRecord(ctx, id)
			wantErr(t, "GetRecord "+id, err, account.ErrNotFound)
		}
		mustGetRecord(t, s, "r-soon")
		mustGetRecord(t, s, "r-later")
		n, err = s.DeleteExpiredRecords(ctx, base)
		ok(t, "DeleteExpiredRecords again", err)
		if n != 0 {
			t.Errorf("DeleteExpiredRecords again = %d, want 0", n)
		}
	})
}
