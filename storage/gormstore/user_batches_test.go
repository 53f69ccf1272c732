package gormstore_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// blockedBatch starts an UpdateUser of id on s whose change waits until
// release is closed, and returns once it runs; the calls made meanwhile
// queue behind it and form the next batch.
func blockedBatch(t *testing.T, ctx context.Context, s *gormstore.Store, id string) (release chan struct{}, done <-chan error) {
	t.Helper()
	entered, release := make(chan struct{}), make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		_, err := s.UpdateUser(ctx, id, func(u *account.User) error {
			close(entered)
			<-release
			u.CustomData["first"] = true
			return nil
		})
		errs <- err
	}()
	<-entered
	return release, errs
}

// queueUpdates starts n UpdateUser calls of id, change(i) each, and waits
// until all have queued; wait returns their answers in call order.
func queueUpdates(t *testing.T, s *gormstore.Store, id string, n int, change func(i int) func(u *account.User) error) (wait func() ([]*account.User, []error)) {
	t.Helper()
	outs, errs := make([]*account.User, n), make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { outs[i], errs[i] = s.UpdateUser(context.Background(), id, change(i)) })
	}
	for gormstore.UserTurnWaiters(s, id) < n+1 {
		runtime.Gosched()
	}
	return func() ([]*account.User, []error) { wg.Wait(); return outs, errs }
}

func versionOf(t *testing.T, db *gorm.DB, table, id string) int64 {
	t.Helper()
	var v int64
	if err := db.Table(table).Where("id = ?", id).Pluck("version", &v).Error; err != nil {
		t.Fatal(err)
	}
	return v
}

func TestUpdateUserBatches(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		setup := func(t *testing.T) (*gormstore.Store, *gorm.DB, string) {
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			s := newStoreWithPrefix(t, db, prefix)
			if err := s.CreateUser(t.Context(), &account.User{ID: "u", Username: "u", UsernameKey: "u", CustomData: map[string]any{"n": 0.0}}); err != nil {
				t.Fatal(err)
			}
			return s, db, prefix + "users"
		}
		t.Run("the changes queued while a write runs are written in one UPDATE, each answered as it left the user", func(t *testing.T) {
			s, db, users := setup(t)
			before := versionOf(t, db, users, "u")
			release, first := blockedBatch(t, t.Context(), s, "u")
			wait := queueUpdates(t, s, "u", 8, func(int) func(u *account.User) error {
				return func(u *account.User) error {
					u.CustomData["n"] = u.CustomData["n"].(float64) + 1
					return nil
				}
			})
			close(release)
			if err := <-first; err != nil {
				t.Fatal(err)
			}
			outs, errs := wait()
			var seen []float64
			for i, err := range errs {
				if err != nil {
					t.Fatalf("update %d: %v", i, err)
				}
				seen = append(seen, outs[i].CustomData["n"].(float64))
			}
			slices.Sort(seen)
			if !slices.Equal(seen, []float64{1, 2, 3, 4, 5, 6, 7, 8}) {
				t.Errorf("the callers saw n = %v, want each of 1..8 once", seen)
			}
			if got := versionOf(t, db, users, "u") - before; got != 2 {
				t.Errorf("%d writes, want 2: the first, then the eight queued behind it", got)
			}
			u, err := s.GetUser(t.Context(), "u")
			if err != nil || u.CustomData["n"] != 8.0 || u.CustomData["first"] != true {
				t.Errorf("stored custom data %v (%v), want n 8 and first", u.CustomData, err)
			}
		})
		t.Run("a change that fails in a batch leaves the user to the next as it was", func(t *testing.T) {
			s, _, _ := setup(t)
			release, first := blockedBatch(t, t.Context(), s, "u")
			refused := errors.New("refused")
			wait := queueUpdates(t, s, "u", 3, func(i int) func(u *account.User) error {
				return func(u *account.User) error {
					u.CustomData[fmt.Sprint("k", i)] = true
					if i == 1 {
						return refused
					}
					return nil
				}
			})
			close(release)
			<-first
			_, errs := wait()
			if !errors.Is(errs[1], refused) || errs[0] != nil || errs[2] != nil {
				t.Fatalf("answers %v, want the second refused and the others written", errs)
			}
			u, _ := s.GetUser(t.Context(), "u")
			if u.CustomData["k0"] != true || u.CustomData["k2"] != true || u.CustomData["k1"] != nil {
				t.Errorf("stored custom data %v: want k0 and k2, not k1", u.CustomData)
			}
		})
		t.Run("a change that claims an identifier in a batch takes the locked path", func(t *testing.T) {
			s, _, _ := setup(t)
			if err := s.CreateUser(t.Context(), &account.User{ID: "v", Username: "taken", UsernameKey: "taken"}); err != nil {
				t.Fatal(err)
			}
			release, first := blockedBatch(t, t.Context(), s, "u")
			wait := queueUpdates(t, s, "u", 3, func(i int) func(u *account.User) error {
				return func(u *account.User) error {
					switch i {
					case 1:
						u.Username, u.UsernameKey = "renamed", "renamed"
					case 2:
						u.Username, u.UsernameKey = "taken", "taken"
					}
					u.CustomData[fmt.Sprint("k", i)] = true
					return nil
				}
			})
			close(release)
			<-first
			outs, errs := wait()
			var conflict *account.ConflictError
			if errs[0] != nil || errs[1] != nil || !errors.As(errs[2], &conflict) {
				t.Fatalf("answers %v, want the claim of a taken username refused, the others written", errs)
			}
			if outs[1].Username != "renamed" {
				t.Errorf("the rename answered %q", outs[1].Username)
			}
			u, _ := s.GetUser(t.Context(), "u")
			if u.Username != "renamed" || u.CustomData["k0"] != true || u.CustomData["k1"] != true || u.CustomData["k2"] != nil {
				t.Errorf("stored user %q %v", u.Username, u.CustomData)
			}
		})
		t.Run("when a leader's request ends, the changes in its batch are still written", func(t *testing.T) {
			s, _, _ := setup(t)
			release, first := blockedBatch(t, t.Context(), s, "u")
			// The first call queued behind the blocked one leads the next
			// batch; its request ends before it does.
			ctx, cancel := context.WithCancel(t.Context())
			led := make(chan error, 1)
			go func() {
				_, err := s.UpdateUser(ctx, "u", func(u *account.User) error { u.CustomData["led"] = true; return nil })
				led <- err
			}()
			for gormstore.UserTurnWaiters(s, "u") < 2 {
				runtime.Gosched()
			}
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Go(func() {
					_, errs[i] = s.UpdateUser(t.Context(), "u", func(u *account.User) error {
						u.CustomData[fmt.Sprint("k", i)] = true
						return nil
					})
				})
			}
			for gormstore.UserTurnWaiters(s, "u") < 2+len(errs) {
				runtime.Gosched()
			}
			cancel()
			close(release)
			if err := <-first; err != nil {
				t.Fatal(err)
			}
			if err := <-led; !errors.Is(err, context.Canceled) {
				t.Errorf("the leader whose request ended answered %v, want context.Canceled", err)
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("update %d in the batch of a leader whose request ended: %v", i, err)
				}
			}
			u, _ := s.GetUser(t.Context(), "u")
			for i := range errs {
				if u.CustomData[fmt.Sprint("k", i)] != true {
					t.Errorf("k%d missing from %v", i, u.CustomData)
				}
			}
		})
		t.Run("a change that panics panics in its own caller, and the batch goes on", func(t *testing.T) {
			s, _, _ := setup(t)
			release, first := blockedBatch(t, t.Context(), s, "u")
			var wg sync.WaitGroup
			recovered := make([]any, 3)
			errs := make([]error, 3)
			for i := range 3 {
				wg.Go(func() {
					defer func() { recovered[i] = recover() }()
					_, errs[i] = s.UpdateUser(t.Context(), "u", func(u *account.User) error {
						if i == 1 {
							panic("change 1")
						}
						u.CustomData[fmt.Sprint("k", i)] = true
						return nil
					})
				})
			}
			for gormstore.UserTurnWaiters(s, "u") < 4 {
				runtime.Gosched()
			}
			close(release)
			if err := <-first; err != nil {
				t.Fatal(err)
			}
			wg.Wait()
			if recovered[1] != "change 1" || recovered[0] != nil || recovered[2] != nil {
				t.Errorf("recovered %v, want the panic in the second caller only", recovered)
			}
			if errs[0] != nil || errs[2] != nil {
				t.Errorf("answers %v", errs)
			}
			u, _ := s.GetUser(t.Context(), "u")
			if u.CustomData["k0"] != true || u.CustomData["k2"] != true {
				t.Errorf("stored custom data %v", u.CustomData)
			}
		})
	})
}
