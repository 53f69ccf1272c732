package myaccount

import (
	"context"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// sendBudget is one limit a code send counts against.
type sendBudget struct {
	key    counterKey
	limit  int
	window time.Duration
}

// takeSendAllowance counts a code send against its budgets, in this order,
// and refuses it with 429 request.message_rate_limited at the first one
// that is spent:
//  1. the caller's user, when there is one (an administrator's send has
//     none): CodePolicy.UserSendLimit codes per UserSendWindow to any
//     recipients, so one account cannot pump codes to many numbers (SMS
//     toll fraud);
//  2. the caller's client address, when the host gave one: ClientSMSLimit
//     text messages or ClientEmailLimit emails per ClientSendWindow,
//     whichever users ask, so one source cannot do so through many
//     accounts;
//  3. the recipient: SendLimit per SendWindow.
//
// id must be in its one form (normalIdentifier), so the recipient counted
// is the one delivered to: no spelling of an address or number gets a
// count of its own. A budget that refuses is not charged, and neither are
// those after it, so a user or client over its budget cannot use up a
// victim's recipient count; the ones before it are charged, as the attempt
// was made. Each count is one store step (AddHit), so concurrent sends
// cannot pass a limit and app instances on one store share the counts. A
// send that then fails still counts. A failure while counting lets the
// send through.
func (s *core) takeSendAllowance(ctx context.Context, c Caller, id IdentifierInput) error {
	p := s.cfg.Codes
	var budgets []sendBudget
	if c.UserID != "" {
		budgets = append(budgets, sendBudget{counterKey{poolSend, subjectUser, c.UserID}, p.UserSendLimit, p.UserSendWindow})
	}
	if c.ClientAddr != "" {
		limit := p.ClientSMSLimit
		if id.Type == verification.IdentifierEmail {
			limit = p.ClientEmailLimit
		}
		// One counter per kind: the type is a constant, the client key
		// holds no space.
		client := counterKey{poolSend, subjectClient, string(id.Type) + " " + clientKey(c.ClientAddr)}
		budgets = append(budgets, sendBudget{client, limit, p.ClientSendWindow})
	}
	recipient := counterKey{poolSend, subjectPhone, id.Value}
	if id.Type == verification.IdentifierEmail {
		recipient = counterKey{poolSend, subjectEmail, account.EmailKey(id.Value)}
	}
	budgets = append(budgets, sendBudget{recipient, p.SendLimit, p.SendWindow})

	now := s.now()
	for _, b := range budgets {
		_, ok, err := s.cfg.Store.AddHit(ctx, b.key.String(), now, b.window, b.limit)
		if err != nil {
			s.cfg.Logger.WarnContext(ctx, "myaccount: counting a code send failed", "subject", string(b.key.subject), "error", err)
			continue
		}
		if !ok {
			action := "SendCode"
			if c.UserID == "" {
				action = "SendVerificationCode"
			}
			s.emit(ctx, Event{Type: EventMessageRateLimited, UserID: c.UserID, Action: action, ActorClientID: c.actor()})
			return ErrRateLimited
		}
	}
	return nil
}
