package httpadapter_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

// deletionStore is a store the deletion tests run on, with the database
// under a GORM store (nil for memory) and its table prefix, so a test can
// count rows with raw SQL.
type deletionStore struct {
	name string
	open func(t *testing.T) (myaccount.Store, *gorm.DB, string)
}

var deletionStores = []deletionStore{
	{"memory", func(*testing.T) (myaccount.Store, *gorm.DB, string) { return newMemoryStore(), nil, "" }},
	{"sqlite", func(t *testing.T) (myaccount.Store, *gorm.DB, string) {
		db := testdb.SQLite(t, testdb.GormConfig())
		return testdb.GormStore(t, db, "myaccount_"), db, "myaccount_"
	}},
	{"postgres", func(t *testing.T) (myaccount.Store, *gorm.DB, string) {
		db, prefix := testdb.Postgres(t, testdb.GormConfig()), testdb.RandomPrefix(t)
		return testdb.GormStore(t, db, prefix), db, prefix
	}},
}

// boundUser is a user with one of everything a store keeps for a user: a
// password, an email, TOTP, backup codes, a social identity with a token
// set, verification records, an enterprise SSO identity.
type boundUser struct {
	id, tok  string
	vh       *string
	records  []string
	factors  []string
	socialID string
}

func (e *env) boundUser(name string) *boundUser {
	e.t.Helper()
	const pw = "pass-word-1"
	b := &boundUser{socialID: "social-" + name}
	b.id = e.user(myaccount.CreateUserInput{Username: name, Password: pw, PrimaryEmail: name + "@example.com"})
	b.tok = e.token(b.id, allScopes...)
	b.vh = e.pwRecord(b.tok, pw)
	secret := e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", b.tok, nil, nil).want(200).str("secret")
	e.call("POST", "/api/my-account/mfa-verifications", b.tok, b.vh, map[string]any{"type": "Totp", "secret": secret}).want(204)
	codes := e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", b.tok, nil, nil).want(200).json["codes"]
	e.call("POST", "/api/my-account/mfa-verifications", b.tok, b.vh, map[string]any{"type": "BackupCode", "codes": codes}).want(204)
	e.admin("POST", patPath(b.id), map[string]any{"name": "script"}).want(201)
	social := e.socialRecord(b.tok, "mock-social", map[string]any{"userId": b.socialID, "tokenResponse": map[string]any{"access_token": "at-" + name, "refresh_token": "rt-" + name}})
	e.call("POST", "/api/my-account/identities", b.tok, b.vh, map[string]any{"newIdentifierVerificationRecordId": social}).want(204)
	code := e.codeRecord(b.tok, "email", name+"@example.com")
	// The social record was used up by the link; a second one is kept.
	unlinked := e.socialRecord(b.tok, "mock-social", map[string]any{"userId": b.socialID})
	b.records = []string{*b.vh, unlinked, code, *e.pwRecord(b.tok, pw)}
	factors, err := e.store.ListFactors(context.Background(), b.id)
	if err != nil || len(factors) != 2 {
		e.t.Fatalf("factors of %s: %v %v", name, factors, err)
	}
	for _, f := range factors {
		b.factors = append(b.factors, f.ID)
	}
	if _, err := e.store.GetTokenSet(context.Background(), b.id, "mock-social"); err != nil {
		e.t.Fatalf("token set of %s: %v", name, err)
	}
	if _, err := e.svc.SignIn.RecordSSOIdentity(context.Background(), b.id, boundSSOIdentity(name)); err != nil {
		e.t.Fatalf("SSO identity of %s: %v", name, err)
	}
	return b
}

// boundSSOIdentity is the enterprise SSO identity of the bound user name.
func boundSSOIdentity(name string) myaccount.RecordSSOIdentityInput {
	return myaccount.RecordSSOIdentityInput{SSOConnectorID: "okta", Issuer: "https://corp.okta.example.com", IdentityID: "sso-" + name,
		Detail: map[string]any{"email": name + "@corp.example.com"}}
}

// rowsOf counts the rows of each table that belong to the user, with raw
// SQL on the store's own tables.
func rowsOf(t *testing.T, db *gorm.DB, prefix string, b *boundUser) map[string]int64 {
	t.Helper()
	counts := map[string]int64{}
	for table, where := range map[string]string{
		"users":                  "id = ?",
		"identities":             "user_id = ?",
		"verification_records":   "user_id = ?",
		"mfa_factors":            "user_id = ?",
		"token_sets":             "user_id = ?",
		"personal_access_tokens": "user_id = ?",
		"user_sso_identities":    "user_id = ?",
		"mfa_backup_codes":       "factor_id IN ?",
	} {
		if table == "mfa_backup_codes" {
			continue // counted below, by factor
		}
		var n int64
		if err := db.Raw("SELECT COUNT(*) FROM "+prefix+table+" WHERE "+where, b.id).Scan(&n).Error; err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		counts[table] = n
	}
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM "+prefix+"mfa_backup_codes WHERE factor_id IN ?", b.factors).Scan(&n).Error; err != nil {
		t.Fatalf("count mfa_backup_codes: %v", err)
	}
	counts["mfa_backup_codes"] = n
	// Every table the store made is counted, but for the ones that keep
	// nothing of a user: a new table cannot escape this test.
	tables, err := db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		name, ok := strings.CutPrefix(table, prefix)
		if !ok || name == "account_centers" || name == "counters" || name == "hits" || name == "schema_versions" {
			continue
		}
		if _, counted := counts[name]; !counted {
			t.Errorf("table %s is not counted", table)
		}
	}
	return counts
}

// wantGone fails unless no store getter finds anything of the user.
func (e *env) wantGone(b *boundUser, name string) {
	e.t.Helper()
	ctx := context.Background()
	notFound := func(what string, err error) {
		e.t.Helper()
		if !errors.Is(err, account.ErrNotFound) {
			e.t.Errorf("%s: %v, want not found", what, err)
		}
	}
	_, err := e.store.GetUser(ctx, b.id)
	notFound("GetUser", err)
	_, err = e.store.FindUser(ctx, account.IdentifierUsername, name)
	notFound("FindUser username", err)
	_, err = e.store.FindUser(ctx, account.IdentifierEmail, name+"@example.com")
	notFound("FindUser email", err)
	_, err = e.store.FindUserBySocialIdentity(ctx, "mock-social", b.socialID)
	notFound("FindUserBySocialIdentity", err)
	_, err = e.store.GetTokenSet(ctx, b.id, "mock-social")
	notFound("GetTokenSet", err)
	for _, id := range b.records {
		_, err = e.store.GetRecord(ctx, id)
		notFound("GetRecord "+id, err)
	}
	for _, id := range b.factors {
		_, err = e.store.GetFactor(ctx, b.id, id)
		notFound("GetFactor "+id, err)
	}
	if factors, err := e.store.ListFactors(ctx, b.id); err != nil || len(factors) != 0 {
		e.t.Errorf("ListFactors: %v %v, want none", factors, err)
	}
	if tokens, err := e.store.ListAccessTokens(ctx, b.id); err != nil || len(tokens) != 0 {
		e.t.Errorf("ListAccessTokens: %v %v, want none", tokens, err)
	}
	if ids, err := e.store.ListSSOIdentities(ctx, b.id); err != nil || len(ids) != 0 {
		e.t.Errorf("ListSSOIdentities: %v %v, want none", ids, err)
	}
}

// wantKept fails unless the user and all of their rows are still there.
func (e *env) wantKept(b *boundUser) {
	e.t.Helper()
	ctx := context.Background()
	if _, err := e.store.GetUser(ctx, b.id); err != nil {
		e.t.Errorf("GetUser: %v", err)
	}
	if u, err := e.store.FindUserBySocialIdentity(ctx, "mock-social", b.socialID); err != nil || u.ID != b.id {
		e.t.Errorf("FindUserBySocialIdentity: %v %v", u, err)
	}
	if _, err := e.store.GetTokenSet(ctx, b.id, "mock-social"); err != nil {
		e.t.Errorf("GetTokenSet: %v", err)
	}
	if tokens, err := e.store.ListAccessTokens(ctx, b.id); err != nil || len(tokens) != 1 {
		e.t.Errorf("ListAccessTokens: %v %v, want one", tokens, err)
	}
	if ids, err := e.store.ListSSOIdentities(ctx, b.id); err != nil || len(ids) != 1 {
		e.t.Errorf("ListSSOIdentities: %v %v, want one", ids, err)
	}
	for _, id := range b.records {
		if _, err := e.store.GetRecord(ctx, id); err != nil {
			e.t.Errorf("GetRecord %s: %v", id, err)
		}
	}
	if factors, err := e.store.ListFactors(ctx, b.id); err != nil || len(factors) != 2 {
		e.t.Errorf("ListFactors: %v %v", factors, err)
	}
}

// The self-service deletion: DELETE /api/my-account.
func TestDeleteAccount(t *testing.T) {
	for _, k := range deletionStores {
		t.Run("store="+k.name, func(t *testing.T) {
			store, db, prefix := k.open(t)
			e := newEnv(t, store, withSocial(t)...)
			e.enableAll()
			const pw = "pass-word-1"

			t.Run("checks, in order", func(t *testing.T) {
				e := e.sub(t)
				id := e.user(myaccount.CreateUserInput{Username: "del1", Password: pw})
				tok := e.token(id, allScopes...)
				rec := e.pwRecord(tok, pw)
				e.call("DELETE", "/api/my-account", tok, nil, nil).wantError(401, "verification_record.permission_denied")
				e.call("DELETE", "/api/my-account", tok, vh("bogus"), nil).wantError(401, "verification_record.permission_denied")
				e.setFields(map[string]string{"name": "Edit"})
				// The header comes before the field.
				e.call("DELETE", "/api/my-account", tok, nil, nil).wantError(401, "verification_record.permission_denied")
				e.call("DELETE", "/api/my-account", tok, rec, nil).wantError(400, "account_center.field_not_editable")
				e.setFields(map[string]string{"deleteAccount": "ReadOnly"})
				e.call("DELETE", "/api/my-account", tok, rec, nil).wantError(400, "account_center.field_not_editable")
				e.setFields(map[string]string{"deleteAccount": "Edit"})
				e.call("DELETE", "/api/my-account", e.thirdPartyToken(id, allScopes...), rec, nil).wantError(403, "auth.third_party_application_forbidden")
				// Another user's record proves nothing.
				otherTok := e.token(e.user(myaccount.CreateUserInput{Username: "del1b", Password: pw}), allScopes...)
				e.call("DELETE", "/api/my-account", otherTok, rec, nil).wantError(401, "verification_record.permission_denied")
				e.admin("PATCH", "/api/account-center", map[string]any{"enabled": false}).want(200)
				e.call("DELETE", "/api/my-account", tok, rec, nil).wantError(400, "account_center.not_enabled")
				e.enableAll()
				e.call("GET", "/api/my-account", tok, nil, nil).want(200)
				e.call("DELETE", "/api/my-account", tok, rec, nil).want(204)
				e.call("GET", "/api/my-account", otherTok, nil, nil).want(200)
			})

			t.Run("Off by default", func(t *testing.T) {
				c, err := e.svc.Admin.AccountCenter(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if (&account.AccountCenter{}).Mode(account.FieldDeleteAccount) != account.Off || c.Mode(account.FieldDeleteAccount) != account.Edit {
					t.Fatalf("deleteAccount: default %s, enabled %s", (&account.AccountCenter{}).Mode(account.FieldDeleteAccount), c.Mode(account.FieldDeleteAccount))
				}
			})

			t.Run("nothing of the user is left", func(t *testing.T) {
				e := e.sub(t)
				victim, bystander := e.boundUser("delv"), e.boundUser("delb")
				if db != nil {
					for table, n := range rowsOf(t, db, prefix, victim) {
						if n == 0 {
							t.Fatalf("before: no %s rows of the victim: the count proves nothing", table)
						}
					}
				}
				e.call("DELETE", "/api/my-account", victim.tok, victim.vh, nil).want(204)

				e.wantGone(victim, "delv")
				e.wantKept(bystander)
				if db != nil {
					for table, n := range rowsOf(t, db, prefix, victim) {
						if n != 0 {
							t.Errorf("%s: %d rows of the deleted user", table, n)
						}
					}
					for table, n := range rowsOf(t, db, prefix, bystander) {
						if n == 0 {
							t.Errorf("%s: the bystander's rows are gone", table)
						}
					}
				}
				// The token's calls answer as a token of no user.
				e.call("GET", "/api/my-account", victim.tok, nil, nil).wantError(401, "auth.unauthorized")
				e.call("GET", "/api/my-account/mfa-verifications", victim.tok, nil, nil).wantError(401, "auth.unauthorized")
				e.call("PATCH", "/api/my-account", victim.tok, nil, map[string]any{"name": "Ghost"}).wantError(401, "auth.unauthorized")
				e.wantEveryRoute(victim.tok, victim.vh, 401, "auth.unauthorized")
				e.call("GET", "/api/my-account", bystander.tok, nil, nil).want(200)

				evs := e.eventsOf(myaccount.EventUserDeleted)
				last := evs[len(evs)-1]
				if last.UserID != victim.id || last.User == nil || last.User.Username != "delv" || last.User.PasswordHash != "" {
					t.Fatalf("User.Deleted: %+v", last)
				}
				// Its identifiers are free again.
				e.admin("POST", "/api/users", map[string]any{"username": "delv", "primaryEmail": "delv@example.com"}).want(200)
				e.call("POST", "/api/my-account/identities", bystander.tok, bystander.vh, map[string]any{
					"newIdentifierVerificationRecordId": e.socialRecord(bystander.tok, "other-social", map[string]any{"userId": victim.socialID}),
				}).want(204)
				if _, err := e.svc.SignIn.RecordSSOIdentity(context.Background(), bystander.id, boundSSOIdentity("delv")); err != nil {
					t.Errorf("the deleted user's SSO identity is not free: %v", err)
				}
			})

			t.Run("the administrator's delete leaves nothing either", func(t *testing.T) {
				e := e.sub(t)
				victim := e.boundUser("dela")
				e.admin("DELETE", "/api/users/"+victim.id, nil).want(204)
				e.wantGone(victim, "dela")
				if db != nil {
					for table, n := range rowsOf(t, db, prefix, victim) {
						if n != 0 {
							t.Errorf("%s: %d rows of the deleted user", table, n)
						}
					}
				}
				e.call("GET", "/api/my-account", victim.tok, nil, nil).wantError(401, "auth.unauthorized")
				e.admin("DELETE", "/api/users/"+victim.id, nil).wantError(404, "entity.not_found")
			})
		})
	}
}
