package gormstore_test

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// TestUpdatesOfOneUserInOneStoreNeverLoseToEachOther: concurrent
// UpdateUser calls of one store on one user queue (userBatches), so each
// runs its change once: none reads, loses the conditional UPDATE and runs
// it again.
func TestUpdatesOfOneUserInOneStoreNeverLoseToEachOther(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		ctx := t.Context()
		s := newStore(t, database.open(t, gormConfig()))
		if err := s.CreateUser(ctx, &account.User{ID: "hot", CustomData: map[string]any{"n": float64(0)}}); err != nil {
			t.Fatal(err)
		}
		const writers = 24
		var calls atomic.Int64
		var wg sync.WaitGroup
		for range writers {
			wg.Go(func() {
				_, err := s.UpdateUser(ctx, "hot", func(u *account.User) error {
					calls.Add(1)
					u.CustomData["n"] = u.CustomData["n"].(float64) + 1
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		u, err := s.GetUser(ctx, "hot")
		if err != nil {
			t.Fatal(err)
		}
		if u.CustomData["n"] != float64(writers) {
			t.Errorf("n = %v after %d increments", u.CustomData["n"], writers)
		}
		if got := calls.Load(); got != writers {
			t.Errorf("the changes ran %d times for %d updates", got, writers)
		}
	})
}

// TestUserWrittenInTheTurnIsCheckedAgainstOtherInstances: the next holder
// of a user's turn changes the user as the previous holder wrote it (the
// store's user cache), without reading it again; when another instance
// wrote the user in between, its conditional UPDATE fails and it reads
// again, so the other instance's write is kept.
func TestUserWrittenInTheTurnIsCheckedAgainstOtherInstances(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		testUserWrittenInTheTurnIsChecked(t, database)
	})
}

func testUserWrittenInTheTurnIsChecked(t *testing.T, database database) {
	ctx := t.Context()
	a, b := twoInstances(t, database)
	if err := a.CreateUser(ctx, &account.User{ID: "u", CustomData: map[string]any{}}); err != nil {
		t.Fatal(err)
	}
	// setKey sets key in the custom data; its first call signals entered
	// and waits for release.
	setKey := func(key string, entered chan<- struct{}, release <-chan struct{}) func(u *account.User) error {
		var once sync.Once
		return func(u *account.User) error {
			once.Do(func() {
				entered <- struct{}{}
				<-release
			})
			u.CustomData[key] = true
			return nil
		}
	}
	in1, out1 := make(chan struct{}), make(chan struct{})
	in2, out2 := make(chan struct{}), make(chan struct{})
	errs := make(chan error, 2)
	update := func(change func(u *account.User) error) {
		_, err := a.UpdateUser(ctx, "u", change)
		errs <- err
	}
	go update(setKey("first", in1, out1))
	<-in1 // the first holds the turn
	go update(setKey("second", in2, out2))
	for gormstore.UserTurnWaiters(a, "u") < 2 {
		runtime.Gosched() // the second queues for the turn
	}
	close(out1) // the first writes and hands the user on
	<-in2       // the second changes the user as handed on
	if _, err := b.UpdateUser(ctx, "u", func(u *account.User) error {
		u.CustomData["other"] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	close(out2)
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	u, err := b.GetUser(context.Background(), "u")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"first", "other", "second"} {
		if u.CustomData[key] != true {
			t.Errorf("custom data %v lacks %q", u.CustomData, key)
		}
	}
}
