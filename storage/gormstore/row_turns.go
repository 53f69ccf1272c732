package gormstore

import (
	"context"
	"sync"
)

// rowTurns lets one writer per row at a time run within a Store (for
// UpdateUser on either database; for AddHit on Postgres, where SQLite's
// write turn already lets one writer at a time run). Requests of one
// instance writing one row then queue in the process instead of in the
// database: UpdateUser's do not race each
// other's conditional UPDATE, which all but one of them would lose, read
// again and retry; AddHit's do not each hold a pooled connection while
// they wait for the counter's row lock, which on a bounded pool would
// stop every other request. It holds an entry only for a row someone is
// waiting for or writing.
type rowTurns struct {
	mu    sync.Mutex
	turns map[string]*rowTurn
}

type rowTurn struct {
	held    chan struct{} // holds a token while the turn is taken
	waiters int           // callers holding or waiting for the turn
}

// take waits for the row's turn, or for ctx to end, and returns it with
// the function that gives it back.
func (t *rowTurns) take(ctx context.Context, key string) (*rowTurn, func(), error) {
	t.mu.Lock()
	if t.turns == nil {
		t.turns = map[string]*rowTurn{}
	}
	turn := t.turns[key]
	if turn == nil {
		turn = &rowTurn{held: make(chan struct{}, 1)}
		t.turns[key] = turn
	}
	turn.waiters++
	t.mu.Unlock()
	select {
	case turn.held <- struct{}{}:
	case <-ctx.Done():
		t.leave(key, turn)
		return nil, nil, ctx.Err()
	}
	return turn, func() {
		<-turn.held
		t.leave(key, turn)
	}, nil
}

// leave forgets the turn when no one else holds or waits for it.
func (t *rowTurns) leave(key string, turn *rowTurn) {
	t.mu.Lock()
	turn.waiters--
	if turn.waiters == 0 {
		delete(t.turns, key)
	}
	t.mu.Unlock()
}
