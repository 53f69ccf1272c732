package myaccount

import (
	"context"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// useRecord uses up a record that proved a new identifier (an email or
// phone code record, a social record, a WebAuthn registration), right
// before the write it authorizes: the store deletes it in one step, so of
// two uses, also concurrent ones on two app instances, exactly one gets
// here; the other is 400 verification_record.not_found, as a record that
// never was.
//
// The record goes before the user is written, so a write that then fails
// (the address was taken by another user meanwhile, the store is down)
// leaves it used: the user verifies the identifier again. That fails
// closed; the other order would let two requests both write on one proof.
func (s *core) useRecord(ctx context.Context, id string) error {
	err := s.cfg.Store.UseRecord(ctx, id)
	if errors.Is(err, account.ErrNotFound) {
		return ErrRecordNotFound
	}
	if err != nil {
		return fmt.Errorf("use verification record: %w", err)
	}
	return nil
}
