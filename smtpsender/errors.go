package smtpsender

import "errors"

// ErrInvalidRecipient is returned by Send, before any connection, when
// Message.To is not exactly one bare address (an addr-spec with a dot-atom
// local part, account.EmailSyntax): a display name, angle brackets, a
// comment, a quoted local part, a trailing dot, a line break or another
// control character are all refused, so the mailbox delivered to is the
// one the account service checked and counted. The caller can tell a bad
// input from a relay failure with errors.Is; the error does not repeat the
// address.
var ErrInvalidRecipient = errors.New("smtpsender: recipient is not a single valid email address")
