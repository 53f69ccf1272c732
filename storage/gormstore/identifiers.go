package gormstore

import (
	"context"
	"sort"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
)

// A claim is an identifier a write gives a user: a username key, email key
// or phone (column names the users column) or a social identity (target).
// The unique indexes decide every claim; claims only serve to tell the
// caller which identifier clashed.
type claim struct {
	kind   account.IdentifierKind
	column string
	key    string
	target string
}

// claimsOf lists the identifiers that row and ids (a user being written)
// hold and old and oldIDs (the same user as stored, nil when new) did not,
// in a fixed order: username, email, phone, then social identities by
// target.
func claimsOf(old *userRow, oldIDs []identityRow, row *userRow, ids []identityRow) []claim {
	var (
		claims []claim
		stored userRow // none when new
	)
	if old != nil {
		stored = *old
	}
	for _, c := range []struct {
		kind     account.IdentifierKind
		was, now *string
	}{
		{account.IdentifierUsername, stored.UsernameKey, row.UsernameKey},
		{account.IdentifierEmail, stored.EmailKey, row.EmailKey},
		{account.IdentifierPhone, stored.PrimaryPhone, row.PrimaryPhone},
	} {
		if c.now != nil && str(c.was) != *c.now {
			column, _ := identifierColumn(c.kind)
			claims = append(claims, claim{kind: c.kind, column: column, key: *c.now})
		}
	}
	was := identitiesByTarget(oldIDs)
	var social []claim
	for _, id := range ids {
		if id.SocialUserID == nil {
			continue
		}
		if o, ok := was[id.Target]; ok && str(o.SocialUserID) == *id.SocialUserID {
			continue
		}
		social = append(social, claim{kind: account.IdentifierSocial, key: *id.SocialUserID, target: id.Target})
	}
	sort.Slice(social, func(i, j int) bool { return social[i].target < social[j].target })
	return append(claims, social...)
}

// checkClaims returns a *ConflictError for the first claim that a user other
// than userID holds already, nil when none is held.
func (s *Store) checkClaims(db *gorm.DB, userID string, claims []claim) error {
	for _, c := range claims {
		var holders []string
		var err error
		if c.column != "" {
			err = db.Table(s.t.users).Where(c.column+" = ? AND id <> ?", c.key, userID).
				Limit(1).Pluck("id", &holders).Error
		} else {
			err = db.Table(s.t.identities).Where("target = ? AND social_user_id = ? AND user_id <> ?", c.target, c.key, userID).
				Limit(1).Pluck("user_id", &holders).Error
		}
		if err != nil {
			return err
		}
		if len(holders) > 0 {
			return &account.ConflictError{Identifier: c.kind}
		}
	}
	return nil
}

// raceConflict is the error of a write that a unique index refused after
// checkClaims passed: another write claimed the identifier in between. It
// looks again to say which identifier, and says none when it cannot tell.
func (s *Store) raceConflict(ctx context.Context, userID string, claims []claim) error {
	if err := s.checkClaims(s.conn(ctx), userID, claims); err != nil {
		if _, ok := err.(*account.ConflictError); ok {
			return err
		}
	}
	return &account.ConflictError{}
}
