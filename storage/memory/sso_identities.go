package memory

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/myaccount-go/myaccount/account"
)

// ssoPlace is where a user's SSO identity sits: one per user and connector.
type ssoPlace struct{ userID, connectorID string }

// ssoKey is an enterprise identity: its issuer and its id there.
type ssoKey struct{ issuer, identityID string }

// PutSSOIdentity inserts or updates the user's identity at the connector;
// see account.Store.
func (s *Store) PutSSOIdentity(_ context.Context, id *account.SSOIdentity) (*account.SSOIdentity, error) {
	c, err := storedSSOIdentity(id)
	if err != nil {
		return nil, fmt.Errorf("memory: sso identity detail: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[c.UserID]; !ok {
		return nil, fmt.Errorf("memory: user %q: %w", c.UserID, account.ErrNotFound)
	}
	place := ssoPlace{c.UserID, c.SSOConnectorID}
	key := ssoKey{c.Issuer, c.IdentityID}
	old, replacing := s.ssoIdentities[place]
	if holder, ok := s.ssoKeys[key]; ok && holder != place {
		return nil, fmt.Errorf("memory: sso identity %q at %q is another record's: %w", c.IdentityID, c.Issuer, account.ErrConflict)
	}
	if replacing {
		c.ID, c.CreatedAt = old.ID, old.CreatedAt
		delete(s.ssoKeys, ssoKey{old.Issuer, old.IdentityID})
	} else if _, taken := s.ssoIDs[c.ID]; taken {
		return nil, fmt.Errorf("memory: sso identity id %q is taken: %w", c.ID, account.ErrConflict)
	}
	s.ssoIdentities[place] = c
	s.ssoKeys[key] = place
	s.ssoIDs[c.ID] = place
	return copySSOIdentity(c), nil
}

// ListSSOIdentities returns copies of the user's SSO identities, oldest
// first; see account.Store.
func (s *Store) ListSSOIdentities(_ context.Context, userID string) ([]*account.SSOIdentity, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []*account.SSOIdentity{}
	for place, id := range s.ssoIdentities {
		if place.userID == userID {
			out = append(out, copySSOIdentity(id))
		}
	}
	slices.SortFunc(out, func(a, b *account.SSOIdentity) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// dropSSOIdentities removes the user's SSO identities; the caller holds
// the write lock.
func (s *Store) dropSSOIdentities(userID string) {
	for place, id := range s.ssoIdentities {
		if place.userID == userID {
			delete(s.ssoIdentities, place)
			delete(s.ssoKeys, ssoKey{id.Issuer, id.IdentityID})
			delete(s.ssoIDs, id.ID)
		}
	}
}

// storedSSOIdentity is id as the store keeps it: a copy, its detail an
// object encoded and decoded (never nil), its times to the microsecond.
func storedSSOIdentity(id *account.SSOIdentity) (*account.SSOIdentity, error) {
	c := *id
	detail, err := storedJSON(id.Detail)
	if err != nil {
		return nil, err
	}
	if detail == nil {
		detail = map[string]any{}
	}
	c.Detail = detail
	c.CreatedAt, c.UpdatedAt = storedTime(id.CreatedAt), storedTime(id.UpdatedAt)
	return &c, nil
}

func copySSOIdentity(id *account.SSOIdentity) *account.SSOIdentity {
	c := *id
	c.Detail = copyJSONObject(id.Detail)
	return &c
}
