package storetest

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// race calls f(i) for every i in [0, n), each on its own goroutine, all
// released at once, and waits for them.
func race(n int, f func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			f(i)
		})
	}
	close(start)
	wg.Wait()
}

// oneWinner checks the errors of a race that exactly one caller may win:
// one nil, and loser for all the others. It returns the winner's index.
func oneWinner(t *testing.T, what string, errs []error, loser error) int {
	t.Helper()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("%s: callers %d and %d both succeeded", what, winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, loser):
			t.Errorf("%s: caller %d: %v, want %v", what, i, err, loser)
		}
	}
	if winner < 0 {
		t.Fatalf("%s: no caller succeeded", what)
	}
	return winner
}

// wantEachOnce fails t unless counts holds every number from 1 to
// len(counts) exactly once.
func wantEachOnce(t *testing.T, what string, counts []int) {
	t.Helper()
	sorted := slices.Sorted(slices.Values(counts))
	for i, n := range sorted {
		if n != i+1 {
			t.Errorf("%s: counts returned %v, want each of 1..%d once", what, sorted, len(counts))
			return
		}
	}
}

// advance is one call in a race of forward-only updates: its value, whether
// it succeeded, and a sequence number taken before and after it.
type advance struct {
	value      int64
	start, end int64
	err        error
}

// raceForward runs one call per value, values shuffled, and checks what a
// forward-only update promises: only ErrConflict fails; each value wins at
// most once and the largest exactly once; and no success follows a success
// with a larger value, whenever the first had returned before the second
// began (the only order two concurrent calls can be said to have).
func raceForward(t *testing.T, what string, values []int64, call func(v int64) error) {
	t.Helper()
	values = slices.Clone(values)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(values), func(i, j int) { values[i], values[j] = values[j], values[i] })
	var seq atomic.Int64
	calls := make([]advance, len(values))
	race(len(values), func(i int) {
		calls[i].value = values[i]
		calls[i].start = seq.Add(1)
		calls[i].err = call(values[i])
		calls[i].end = seq.Add(1)
	})
	largest := slices.Max(values)
	won := map[int64]int{}
	var wins []advance
	for _, c := range calls {
		switch {
		case c.err == nil:
			won[c.value]++
			wins = append(wins, c)
		case !errors.Is(c.err, account.ErrConflict):
			t.Errorf("%s %d: %v, want nil or %v", what, c.value, c.err, account.ErrConflict)
		}
	}
	for v, n := range won {
		if n > 1 {
			t.Errorf("%s %d succeeded %d times, want at most once", what, v, n)
		}
	}
	if won[largest] != 1 {
		t.Errorf("%s %d (the largest) succeeded %d times, want once", what, largest, won[largest])
	}
	for _, a := range wins {
		for _, b := range wins {
			if a.end < b.start && a.value >= b.value {
				t.Errorf("%s %d succeeded after %d had: the value moved backwards", what, b.value, a.value)
			}
		}
	}
}

func testConcurrency(t *testing.T, newStore NewStoreFunc) {
	serial(t, newStore, "backup code is used once", func(t *testing.T, s Store) {
		withFactors(t, s, backupFactor("f-codes", "user-1"))
		errs := make([]error, 50)
		race(50, func(i int) {
			errs[i] = s.UseBackupCode(t.Context(), "user-1", "f-codes", 4, at(time.Duration(i)*time.Second))
		})
		winner := oneWinner(t, "UseBackupCode", errs, account.ErrConflict)
		want := backupFactor("f-codes", "user-1")
		want.BackupCodes[4].UsedAt = at(time.Duration(winner) * time.Second)
		want.LastUsedAt = want.BackupCodes[4].UsedAt
		wantSame(t, "GetFactor: the winner's use", want, mustGetFactor(t, s, "user-1", "f-codes"))
	})

	serial(t, newStore, "email is claimed once", func(t *testing.T, s Store) {
		const email = "Shared@Example.com"
		raceClaim(t, s, account.IdentifierEmail, func(u *account.User) {
			u.PrimaryEmail, u.EmailKey = email, account.EmailKey(email)
		}, func(t *testing.T, winner string) {
			wantHolder(t, s, account.IdentifierEmail, account.EmailKey(email), winner)
		})
	})

	serial(t, newStore, "social identity is claimed once", func(t *testing.T, s Store) {
		raceClaim(t, s, account.IdentifierSocial, func(u *account.User) {
			u.Identities = map[string]account.SocialIdentity{"github": {UserID: "octocat"}}
		}, func(t *testing.T, winner string) {
			wantSocialHolder(t, s, "github", "octocat", winner)
		})
	})

	serial(t, newStore, "hits are counted exactly", func(t *testing.T, s Store) {
		counts := make([]int, 100)
		errs := make([]error, 100)
		recorded := make([]bool, 100)
		race(100, func(i int) {
			counts[i], recorded[i], errs[i] = s.AddHit(t.Context(), "k", base, time.Hour, 0)
		})
		for i, err := range errs {
			if err != nil {
				t.Fatalf("AddHit %d: %v", i, err)
			}
			if !recorded[i] {
				t.Errorf("AddHit %d without a limit was not recorded", i)
			}
		}
		wantEachOnce(t, "AddHit", counts)
		wantHits(t, s, "k", base, time.Hour, 100)
	})

	serial(t, newStore, "hits stop at the limit", func(t *testing.T, s Store) {
		const limit = 10
		counts := make([]int, 100)
		errs := make([]error, 100)
		recorded := make([]bool, 100)
		race(100, func(i int) {
			counts[i], recorded[i], errs[i] = s.AddHit(t.Context(), "k", base, time.Hour, limit)
		})
		var won []int
		for i, err := range errs {
			switch {
			case err != nil:
				t.Fatalf("AddHit %d: %v", i, err)
			case recorded[i]:
				won = append(won, counts[i])
			case counts[i] != limit:
				t.Errorf("refused AddHit %d = %d, want %d", i, counts[i], limit)
			}
		}
		if len(won) != limit {
			t.Errorf("%d hits recorded, want %d", len(won), limit)
		}
		wantEachOnce(t, "recorded AddHit", won)
		wantHits(t, s, "k", base, time.Hour, limit)
	})

	serial(t, newStore, "code attempts are counted exactly", func(t *testing.T, s Store) {
		mustCreateRecords(t, s, codeRecord("r-1", "user-1"))
		counts := make([]int, 100)
		errs := make([]error, 100)
		race(100, func(i int) { counts[i], errs[i] = s.CountCodeAttempt(t.Context(), "r-1") })
		for i, err := range errs {
			if err != nil {
				t.Fatalf("CountCodeAttempt %d: %v", i, err)
			}
		}
		wantEachOnce(t, "CountCodeAttempt", counts)
		if r := mustGetRecord(t, s, "r-1"); r.Code == nil || r.Code.Tries != 100 {
			t.Errorf("Code after 100 attempts = %+v, want 100 tries", r.Code)
		}
	})

	serial(t, newStore, "code is consumed once", func(t *testing.T, s Store) {
		mustCreateRecords(t, s, codeRecord("r-1", "user-1"))
		errs := make([]error, 50)
		race(50, func(i int) { errs[i] = s.ConsumeCode(t.Context(), "r-1") })
		oneWinner(t, "ConsumeCode", errs, account.ErrNotFound)
		want := codeRecord("r-1", "user-1")
		want.Code, want.Verified = nil, true
		wantSame(t, "GetRecord", want, mustGetRecord(t, s, "r-1"))
	})

	serial(t, newStore, "session is taken once", func(t *testing.T, s Store) {
		mustCreateRecords(t, s, sessionRecord("r-1", "user-1"))
		errs := make([]error, 50)
		sessions := make([][]byte, 50)
		race(50, func(i int) { sessions[i], errs[i] = s.TakeSession(t.Context(), "r-1") })
		winner := oneWinner(t, "TakeSession", errs, account.ErrNotFound)
		if want := sessionRecord("", "").Session; !bytes.Equal(sessions[winner], want) {
			t.Errorf("TakeSession = %q, want %q", sessions[winner], want)
		}
		if r := mustGetRecord(t, s, "r-1"); len(r.Session) != 0 {
			t.Errorf("Session after TakeSession = %q, want none", r.Session)
		}
	})

	serial(t, newStore, "record is used once", func(t *testing.T, s Store) {
		mustCreateRecords(t, s, fullRecord("r-1", "user-1"))
		errs := make([]error, 50)
		race(50, func(i int) { errs[i] = s.UseRecord(t.Context(), "r-1") })
		oneWinner(t, "UseRecord", errs, account.ErrNotFound)
		if _, err := s.GetRecord(t.Context(), "r-1"); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("GetRecord after the race = %v, want ErrNotFound", err)
		}
	})

	serial(t, newStore, "totp step only moves forward", func(t *testing.T, s Store) {
		withFactors(t, s, newTOTPFactor("f-totp", "user-1"))
		var steps []int64
		for v := range int64(25) {
			steps = append(steps, 1000+v, 1000+v) // each step twice: at most one may win it
		}
		raceForward(t, "AdvanceTOTPStep", steps, func(step int64) error {
			return s.AdvanceTOTPStep(t.Context(), "user-1", "f-totp", step, at(time.Duration(step)*time.Second))
		})
		f := mustGetFactor(t, s, "user-1", "f-totp")
		if f.TOTP == nil || f.TOTP.LastUsedStep != 1024 || !f.LastUsedAt.Equal(at(1024*time.Second)) {
			t.Errorf("TOTP after the race = %+v used at %s, want step 1024 used at %s", f.TOTP, f.LastUsedAt, at(1024*time.Second))
		}
	})

	serial(t, newStore, "sign count only moves forward", func(t *testing.T, s Store) {
		key := webAuthnFactor("f-key", "user-1", "cred-1")
		key.WebAuthn.SignCount = 0
		withFactors(t, s, key)
		var counts []int64
		for v := range int64(25) {
			counts = append(counts, v+1, v+1)
		}
		raceForward(t, "AdvanceSignCount", counts, func(n int64) error {
			// Only the largest count carries backup state true, so the
			// stored state shows whose write it is.
			return s.AdvanceSignCount(t.Context(), "user-1", "f-key", uint32(n), n == 25, at(time.Duration(n)*time.Second))
		})
		want := webAuthnFactor("f-key", "user-1", "cred-1")
		want.WebAuthn.SignCount, want.WebAuthn.BackupState, want.LastUsedAt = 25, true, at(25*time.Second)
		wantSame(t, "GetFactor after the race", want, mustGetFactor(t, s, "user-1", "f-key"))
	})

	serial(t, newStore, "updates of one user are not lost", func(t *testing.T, s Store) {
		raceIncrements(t, s, 50, func(int, *account.User) {})
	})

	// A store may write a change of identifiers one way (under a lock,
	// checking the claims) and other changes another (a conditional write):
	// the two must see each other's writes.
	serial(t, newStore, "updates that claim identifiers and updates that do not are not lost", func(t *testing.T, s Store) {
		raceIncrements(t, s, 40, func(i int, u *account.User) {
			if i%2 == 1 {
				u.Username = fmt.Sprintf("Renamed_%d", i)
				u.UsernameKey = account.UsernameKey(u.Username, false)
			}
		})
		got := mustGetUser(t, s, "user-1")
		if !strings.HasPrefix(got.Username, "Renamed_") {
			t.Errorf("username after the race: %q", got.Username)
		}
		wantHolder(t, s, account.IdentifierUsername, got.UsernameKey, "user-1")
	})

	serial(t, newStore, "last identifier is kept", func(t *testing.T, s Store) {
		// Twenty users with two identifiers each; two removals race per
		// user, each allowed only if another identifier is left.
		const users = 20
		errLast := errors.New("storetest: last identifier")
		for n := range users {
			u := plainUser(n)
			u.PrimaryEmail = fmt.Sprintf("u%d@example.com", n)
			u.EmailKey = u.PrimaryEmail
			mustCreateUsers(t, s, u)
		}
		removals := []func(u *account.User){
			func(u *account.User) { u.Username, u.UsernameKey = "", "" },
			func(u *account.User) { u.PrimaryEmail, u.EmailKey = "", "" },
		}
		errs := make([]error, 2*users)
		race(2*users, func(i int) {
			_, errs[i] = s.UpdateUser(t.Context(), plainUser(i/2).ID, func(u *account.User) error {
				if u.IdentifierCount() <= 1 {
					return errLast
				}
				runtime.Gosched() // widen the window between the check and the write
				removals[i%2](u)
				return nil
			})
		})
		for n := range users {
			pair := errs[2*n : 2*n+2]
			if (pair[0] == nil) == (pair[1] == nil) {
				t.Errorf("user %d: removals ended %v and %v, want exactly one success", n, pair[0], pair[1])
			}
			for _, err := range pair {
				if err != nil && err != errLast {
					t.Errorf("user %d: %v, want nil or the change's own error", n, err)
				}
			}
			if got := mustGetUser(t, s, plainUser(n).ID).IdentifierCount(); got != 1 {
				t.Errorf("user %d holds %d identifiers, want 1", n, got)
			}
		}
	})
	serial(t, newStore, "first settings updates are not lost", func(t *testing.T, s Store) {
		errs := make([]error, 30)
		race(30, func(i int) {
			_, errs[i] = s.UpdateAccountCenter(t.Context(), func(c *account.AccountCenter) error {
				c.WebAuthnRelatedOrigins = append(c.WebAuthnRelatedOrigins, fmt.Sprintf("https://%d.example.com", i))
				return nil
			})
		})
		for i, err := range errs {
			ok(t, fmt.Sprintf("UpdateAccountCenter %d", i), err)
		}
		c, err := s.GetAccountCenter(t.Context())
		ok(t, "GetAccountCenter", err)
		if len(c.WebAuthnRelatedOrigins) != 30 {
			t.Errorf("%d origins after 30 concurrent appends, want 30", len(c.WebAuthnRelatedOrigins))
		}
	})

	serial(t, newStore, "puts of one token set all succeed", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		const n = 30
		errs := make([]error, n)
		race(n, func(i int) { errs[i] = s.PutTokenSet(t.Context(), tokenSetNumber("user-1", "google", i)) })
		for i, err := range errs {
			if err != nil {
				t.Errorf("PutTokenSet %d: %v, want nil (the last writer wins)", i, err)
			}
		}
		got := mustGetTokenSet(t, s, "user-1", "google")
		for i := range n {
			if len(diff(tokenSetNumber("user-1", "google", i), got)) == 0 {
				return
			}
		}
		t.Errorf("GetTokenSet after %d concurrent puts = %+v, want one of the sets written", n, got)
	})

	serial(t, newStore, "one totp per user", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		const n = 30
		errs := make([]error, n)
		race(n, func(i int) {
			_, errs[i] = s.BindFactor(t.Context(), totpFactor(fmt.Sprintf("f-%d", i), "user-1"), "", countBinds)
		})
		winner := oneWinner(t, "BindFactor", errs, account.ErrConflict)
		wantFactors(t, s, "user-1", totpFactor(fmt.Sprintf("f-%d", winner), "user-1"))
		if got := mustGetUser(t, s, "user-1").CustomData["binds"]; got != 1.0 {
			t.Errorf("the user's change after %d concurrent binds was written %v times, want once", n, got)
		}
	})

	serial(t, newStore, "a factor is replaced once", func(t *testing.T, s Store) {
		withFactors(t, s, totpFactor("f-old", "user-1"))
		const n = 30
		errs := make([]error, n)
		race(n, func(i int) {
			_, errs[i] = s.BindFactor(t.Context(), totpFactor(fmt.Sprintf("f-%d", i), "user-1"), "f-old", countBinds)
		})
		winner := oneWinner(t, "BindFactor replacing", errs, account.ErrConflict)
		wantFactors(t, s, "user-1", totpFactor(fmt.Sprintf("f-%d", winner), "user-1"))
		if got := mustGetUser(t, s, "user-1").CustomData["binds"]; got != 1.0 {
			t.Errorf("the user's change after %d concurrent binds was written %v times, want once", n, got)
		}
	})

	serial(t, newStore, "binds and updates of one user are not lost", func(t *testing.T, s Store) {
		// Every other caller binds a passkey: each bind's change must see
		// the updates before it, as UpdateUser's changes do.
		mustCreateUsers(t, s, plainUser(1))
		const n = 40
		errs := make([]error, n)
		race(n, func(i int) {
			if i%2 == 0 {
				_, errs[i] = s.UpdateUser(t.Context(), "user-1", countBinds)
				return
			}
			f := webAuthnFactor(fmt.Sprintf("f-%d", i), "user-1", fmt.Sprintf("cred-%d", i))
			_, errs[i] = s.BindFactor(t.Context(), f, "", countBinds)
		})
		for i, err := range errs {
			ok(t, fmt.Sprintf("caller %d", i), err)
		}
		if got := mustGetUser(t, s, "user-1").CustomData["binds"]; got != float64(n) {
			t.Errorf("count after %d concurrent binds and updates = %v, want %d", n, got, n)
		}
		if fs, err := s.ListFactors(t.Context(), "user-1"); err != nil || len(fs) != n/2 {
			t.Errorf("ListFactors = %d factors, %v; want %d", len(fs), err, n/2)
		}
	})

	serial(t, newStore, "a bind does not outlive a concurrent delete", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		const n = 20
		errs := make([]error, n)
		race(n, func(i int) {
			if i == 0 {
				errs[i] = s.DeleteUser(t.Context(), "user-1")
				return
			}
			f := webAuthnFactor(fmt.Sprintf("f-%d", i), "user-1", fmt.Sprintf("cred-%d", i))
			_, errs[i] = s.BindFactor(t.Context(), f, "", turnMFAOn)
		})
		ok(t, "DeleteUser", errs[0])
		for i, err := range errs[1:] {
			if err != nil && !errors.Is(err, account.ErrNotFound) {
				t.Errorf("BindFactor %d: %v, want nil or %v", i+1, err, account.ErrNotFound)
			}
		}
		wantFactors(t, s, "user-1")
		for i := 1; i < n; i++ {
			_, err := s.FindWebAuthnCredential(t.Context(), []byte(fmt.Sprintf("cred-%d", i)))
			wantErr(t, "FindWebAuthnCredential after DeleteUser", err, account.ErrNotFound)
		}
	})

	serial(t, newStore, "a delete is not undone by concurrent updates", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		id := plainUser(1).ID
		errs := make([]error, 20)
		race(20, func(i int) {
			if i == 0 {
				errs[i] = s.DeleteUser(t.Context(), id)
				return
			}
			_, errs[i] = s.UpdateUser(t.Context(), id, func(u *account.User) error {
				u.LastSignInAt = at(time.Duration(i) * time.Second)
				return nil
			})
		})
		ok(t, "DeleteUser", errs[0])
		for i, err := range errs[1:] {
			if err != nil && !errors.Is(err, account.ErrNotFound) {
				t.Errorf("UpdateUser %d: %v, want nil or %v", i+1, err, account.ErrNotFound)
			}
		}
		_, err := s.GetUser(t.Context(), id)
		wantErr(t, "GetUser after DeleteUser", err, account.ErrNotFound)
	})
}

// countBinds counts, in the user's custom data, the changes written.
func countBinds(u *account.User) error {
	if u.CustomData == nil {
		u.CustomData = map[string]any{}
	}
	c, _ := u.CustomData["binds"].(float64)
	runtime.Gosched() // widen the window a non-atomic step would lose in
	u.CustomData["binds"] = c + 1
	return nil
}

// raceClaim has 50 users claim one identifier at once through UpdateUser:
// exactly one wins, the others get a conflict that writes nothing.
func raceClaim(t *testing.T, s Store, kind account.IdentifierKind, claim func(u *account.User), wantHolderIs func(t *testing.T, winner string)) {
	t.Helper()
	const n = 50
	for i := range n {
		mustCreateUsers(t, s, plainUser(i))
	}
	errs := make([]error, n)
	race(n, func(i int) {
		_, errs[i] = s.UpdateUser(t.Context(), plainUser(i).ID, func(u *account.User) error {
			claim(u)
			u.Name = ptr("claimed")
			return nil
		})
	})
	winner := oneWinner(t, "UpdateUser claiming "+string(kind), errs, account.ErrConflict)
	for i, err := range errs {
		if msg := conflictMismatch(err, kind); err != nil && msg != "" {
			t.Errorf("caller %d: %s", i, msg)
		}
	}
	wantHolderIs(t, plainUser(winner).ID)
	for i := range n {
		if i != winner {
			wantSame(t, "a loser", plainUser(i), mustGetUser(t, s, plainUser(i).ID))
		}
	}
}

// raceIncrements makes user-1 and has n concurrent UpdateUser calls each
// add one to its custom-data count (and make also's change): each must
// see the one before it, so the counts written are 1..n, and none is lost.
func raceIncrements(t *testing.T, s Store, n int, also func(i int, u *account.User)) {
	u := plainUser(1)
	u.CustomData = map[string]any{"count": 0.0}
	mustCreateUsers(t, s, u)
	errs := make([]error, n)
	seen := make([]int, n)
	race(n, func(i int) {
		written, err := s.UpdateUser(t.Context(), "user-1", func(u *account.User) error {
			c, _ := u.CustomData["count"].(float64)
			runtime.Gosched() // widen the window a non-atomic update would lose in
			u.CustomData["count"] = c + 1
			also(i, u)
			return nil
		})
		errs[i] = err
		if err == nil {
			c, _ := written.CustomData["count"].(float64)
			seen[i] = int(c)
		}
	})
	for i, err := range errs {
		if err != nil {
			t.Fatalf("UpdateUser %d: %v", i, err)
		}
	}
	wantEachOnce(t, "UpdateUser results", seen)
	if got := mustGetUser(t, s, "user-1").CustomData["count"]; got != float64(n) {
		t.Errorf("count after %d increments = %v, want %d", n, got, n)
	}
}
