package gormstore

import (
	"context"
	"sync"

	"github.com/myaccount-go/myaccount/account"
)

// userBatches queues the unlocked UpdateUser calls of a Store per user, so
// that one instance never races itself on a user's row, and writes the
// changes that queued up while the previous write ran in one UPDATE: on a
// row many requests write at once (every PATCH for one user), each would
// otherwise wait for the previous one's round trip to the database, and
// without the queue all but one would lose the conditional UPDATE, read
// again and retry.
//
// The first caller for a user leads: it takes the changes queued so far
// (its own among them), applies them one after the other, each to the
// user as the one before left it, writes the result once and answers each
// caller with the user as its own change left it. Then it hands the lead
// to the first caller that queued meanwhile, if any, and returns. The
// changes of a batch thus run in the order they queued, as if one after
// the other, and commit together. A change that fails, or claims an
// identifier (the locked path), leaves the user to the next one as it
// was.
type userBatches struct {
	mu      sync.Mutex
	batches map[string]*userBatch
}

// userBatch is the queue of one user; it exists while a leader writes.
type userBatch struct {
	pending []*pendingChange
}

// pendingChange is one UpdateUser call in a queue.
type pendingChange struct {
	change func(u *account.User) error
	done   chan changeResult // one answer, or the lead, then one answer
}

type changeResult struct {
	out  *account.User
	next unlockedNext
	err  error
	lead bool // the caller leads the batch now
	// panicked is what the caller's change panicked with in the
	// leader's goroutine: the caller panics with it in its own.
	panicked any
}

// runChange runs a caller's change, and what it panics with comes back
// as panicked instead of unwinding the leader.
func runChange(change func(u *account.User) error, u *account.User) (err error, panicked any) {
	defer func() {
		if v := recover(); v != nil {
			panicked = v
		}
	}()
	return change(u), nil
}

// unlockedAgain tells a queued caller that its leader stopped (its
// request ended): join the queue again.
const unlockedAgain unlockedNext = -1

// join queues p and reports whether p leads (no batch ran for the user).
func (b *userBatches) join(id string, p *pendingChange) (lead bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.batches == nil {
		b.batches = map[string]*userBatch{}
	}
	batch := b.batches[id]
	if batch == nil {
		batch = &userBatch{}
		b.batches[id] = batch
		lead = true
	}
	batch.pending = append(batch.pending, p)
	return lead
}

// take returns the user's queued changes and empties the queue.
func (b *userBatches) take(id string) []*pendingChange {
	b.mu.Lock()
	defer b.mu.Unlock()
	batch := b.batches[id]
	queue := batch.pending
	batch.pending = nil
	return queue
}

// handOver gives the lead to the first change queued, or ends the batch
// when none is.
func (b *userBatches) handOver(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	batch := b.batches[id]
	if len(batch.pending) == 0 {
		delete(b.batches, id)
		return
	}
	batch.pending[0].done <- changeResult{lead: true}
}

// queued is how many changes wait for the user's batch, plus one for its
// leader while there is one.
func (b *userBatches) queued(id string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if batch := b.batches[id]; batch != nil {
		return 1 + len(batch.pending)
	}
	return 0
}

// updateUserInTurn runs change on the unlocked path, in the user's queue
// (userBatches): it leads a batch or waits for its leader's answer.
func (s *Store) updateUserInTurn(ctx context.Context, id string, change func(u *account.User) error) (*account.User, unlockedNext, error) {
	for {
		p := &pendingChange{change: change, done: make(chan changeResult, 1)}
		var r changeResult
		if s.userBatches.join(id, p) {
			r = s.leadBatch(ctx, id, p)
		} else if r = <-p.done; r.lead {
			r = s.leadBatch(ctx, id, p)
		}
		if r.panicked != nil {
			panic(r.panicked)
		}
		if r.next != unlockedAgain {
			return r.out, r.next, r.err
		}
	}
}

// leadBatch runs the user's queued changes as one batch (writeBatch),
// hands the lead on, and returns the answer to own, one of the changes.
func (s *Store) leadBatch(ctx context.Context, id string, own *pendingChange) changeResult {
	queue := s.userBatches.take(id)
	cached := s.userCache.get(id)
	for try := 0; len(queue) > 0; try++ {
		if try == unlockedTries {
			for _, p := range queue {
				p.done <- changeResult{next: unlockedLock}
			}
			break
		}
		queue = s.writeBatch(ctx, id, queue, cached, own)
		cached = nil
	}
	s.userBatches.handOver(id)
	return <-own.done
}

// applied is a change of a batch applied: its caller, and the user's rows
// as it left them.
type applied struct {
	p    *pendingChange
	row  userRow
	ids  []identityRow
	user *account.User
}

// writeBatch applies the changes of queue in order to the cached user
// (the user read, when cached is nil) and writes the result with one
// conditional UPDATE. It answers each change, or returns those to try
// again on a user read: all of them when a change refused the cached user
// (which may be stale), the changes applied when the UPDATE lost.
func (s *Store) writeBatch(ctx context.Context, id string, queue []*pendingChange, cached *cachedUser, own *pendingChange) (again []*pendingChange) {
	answerAll := func(ps []*pendingChange, r changeResult) {
		for _, p := range ps {
			p.done <- r
		}
	}
	var (
		stored *storedUser
		user   *account.User
	)
	if cached != nil {
		stored, user = cached.stored, cached.user
	} else {
		var found bool
		var err error
		stored, found, err = s.readUser(ctx, id)
		if err == nil && !found {
			s.userCache.drop(id)
			err = notFound("no user %s", id)
		} else if err == nil {
			user, err = stored.row.toUser(stored.identities)
		}
		if err != nil {
			s.answerFailed(ctx, queue, own, wrap("update user", err))
			return nil
		}
	}

	// Apply the changes; answer those that do not go into the write once
	// all have run (until then every change may have to run again).
	type answer struct {
		p *pendingChange
		r changeResult
	}
	var (
		done        []applied
		answers     []answer
		prev, prevI = &stored.row, stored.identities
	)
	for _, p := range queue {
		u := user.Clone()
		if len(done) > 0 {
			u = done[len(done)-1].user.Clone()
		}
		err, panicked := runChange(p.change, u)
		if panicked != nil {
			answers = append(answers, answer{p, changeResult{panicked: panicked}})
			continue
		}
		if err == nil && u.ID != id {
			err = errIDChanged
		}
		if err != nil && cached != nil {
			// Decided on a user that may be stale: every change runs
			// again on the user read.
			return queue
		}
		var a applied
		if err == nil {
			a = applied{p: p, user: u}
			a.row, a.ids, err = userToRows(u)
		}
		switch {
		case err != nil:
			answers = append(answers, answer{p, changeResult{err: err}})
		case len(claimsOf(prev, prevI, &a.row, a.ids)) > 0 || !sameIdentities(prevI, a.ids):
			answers = append(answers, answer{p, changeResult{next: unlockedLock}})
		default:
			done = append(done, a)
			prev, prevI = &done[len(done)-1].row, a.ids
		}
	}
	for _, a := range answers {
		a.p.done <- a.r
	}
	if len(done) == 0 {
		return nil
	}
	callers := make([]*pendingChange, len(done))
	for i, a := range done {
		callers[i] = a.p
	}

	last := done[len(done)-1]
	row := last.row
	row.Version = stored.row.Version + 1
	mask, args := changedColumns(&stored.row, &row)
	n, err := s.execUpdateUser(ctx, mask, args)
	switch {
	case s.isDuplicate(err):
		answerAll(callers, changeResult{next: unlockedLock})
		return nil
	case err != nil:
		s.answerFailed(ctx, callers, own, wrap("update user", err))
		return nil
	case n == 0:
		return callers
	}
	var out *account.User
	for _, a := range done {
		if out, err = a.row.toUser(a.ids); err != nil {
			a.p.done <- changeResult{err: err}
			continue
		}
		a.p.done <- changeResult{out: out}
	}
	if err == nil {
		s.userCache.put(&storedUser{row: row, identities: last.ids}, out.Clone())
	} else {
		s.userCache.drop(id)
	}
	return nil
}

// answerFailed answers the callers of a batch whose read or write failed
// with err; when the leader's own request ended, the others join the
// queue again instead (their requests go on).
func (s *Store) answerFailed(ctx context.Context, ps []*pendingChange, own *pendingChange, err error) {
	for _, p := range ps {
		if ctx.Err() != nil && p != own {
			p.done <- changeResult{next: unlockedAgain}
			continue
		}
		p.done <- changeResult{err: err}
	}
}
