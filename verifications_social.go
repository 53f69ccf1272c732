package myaccount

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/verification"
)

// socialConnector finds a social connector by id: 422 invalid_connector_id
// when there is none, 400 connector.unexpected_type when it is not social.
func (s *core) socialConnector(id string) (connector.Social, error) {
	for _, c := range s.cfg.Connectors {
		if c.ID() != id {
			continue
		}
		social, ok := c.(connector.Social)
		if !ok || c.Kind() != connector.KindSocial {
			return nil, ErrUnexpectedType
		}
		return social, nil
	}
	return nil, ErrInvalidConnectorID
}

// StartSocialInput is the body of POST /api/verifications/social.
type StartSocialInput struct {
	ConnectorID string `json:"connectorId"`
	State       string `json:"state"`
	RedirectURI string `json:"redirectUri"`
	Scope       string `json:"scope"`
}

// SocialAuthorization answers POST /api/verifications/social.
type SocialAuthorization struct {
	VerificationRecordID string
	AuthorizationURI     string
	ExpiresAt            time.Time
}

// MarshalJSON writes {verificationRecordId, authorizationUri, expiresAt}.
func (a SocialAuthorization) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID        string `json:"verificationRecordId"`
		URI       string `json:"authorizationUri"`
		ExpiresAt string `json:"expiresAt"`
	}{a.VerificationRecordID, a.AuthorizationURI, isoTime(a.ExpiresAt)})
}

// StartSocialVerification answers POST /api/verifications/social: it asks the connector for the provider's authorization URI and
// keeps the connector's session (PKCE verifier, nonce) in a new record.
// It has no first-party guard, as in the original.
func (s *Account) StartSocialVerification(ctx context.Context, c Caller, in StartSocialInput) (*SocialAuthorization, error) {
	if _, err := s.gateCenter(ctx, c); err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if in.ConnectorID == "" || !validText(in.ConnectorID, in.State, in.RedirectURI, in.Scope) {
		return nil, ErrInvalidInput
	}
	if in.State == "" || in.RedirectURI == "" {
		return nil, ErrInsufficientInfo
	}
	conn, err := s.socialConnector(in.ConnectorID)
	if err != nil {
		return nil, err
	}
	id := s.cfg.NewID()
	uri, session, err := conn.AuthorizationURI(ctx, connector.AuthorizationRequest{State: in.State, RedirectURI: in.RedirectURI, Scope: in.Scope, RecordID: id})
	if err != nil {
		return nil, connectorError(err)
	}
	res, err := s.createRecord(ctx, &verification.Record{ID: id, Type: verification.TypeSocial, UserID: c.UserID, ConnectorID: in.ConnectorID, Session: session})
	if err != nil {
		return nil, err
	}
	return &SocialAuthorization{VerificationRecordID: res.VerificationRecordID, AuthorizationURI: uri, ExpiresAt: res.ExpiresAt}, nil
}

// VerifySocialInput is the body of POST /api/verifications/social/verify.
type VerifySocialInput struct {
	VerificationRecordID string         `json:"verificationRecordId"`
	ConnectorData        map[string]any `json:"connectorData"`
}

// socialResult is what a verified social record keeps: the provider's user
// and, sealed, its token set.
type socialResult struct {
	Target      string               `json:"target"`
	User        connector.SocialUser `json:"user"`
	SealedToken []byte               `json:"sealedToken,omitempty"`
	Scope       string               `json:"scope,omitempty"`
	ExpiresAt   time.Time            `json:"expiresAt,omitzero"`
}

// VerifySocial answers POST /api/verifications/social/verify:
// the connector checks the callback data against the record's session,
// which is taken in the same step, so a callback is used once.
func (s *Account) VerifySocial(ctx context.Context, c Caller, in VerifySocialInput) (*VerifiedRecord, error) {
	if _, err := s.gateCenter(ctx, c); err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if in.VerificationRecordID == "" || in.ConnectorData == nil {
		return nil, ErrInvalidInput
	}
	r, err := s.ownRecord(ctx, c, in.VerificationRecordID, verification.TypeSocial)
	if err != nil {
		return nil, err
	}
	conn, err := s.socialConnector(r.ConnectorID)
	if err != nil {
		return nil, err
	}
	session, err := s.cfg.Store.TakeSession(ctx, r.ID)
	if errors.Is(err, account.ErrNotFound) {
		return nil, ErrRecordNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("take social session: %w", err)
	}
	user, tokens, err := conn.Verify(ctx, session, in.ConnectorData)
	if err != nil {
		return nil, connectorError(err)
	}
	if user == nil || user.ID == "" {
		return nil, connector.ErrInvalidResponse("the connector returned no user id")
	}
	result := socialResult{Target: conn.Target(), User: *user}
	if tokens != nil && tokens.AccessToken != "" && s.cfg.Cipher == nil {
		s.cfg.Logger.WarnContext(ctx, "myaccount: a social token set is dropped: no Config.Cipher to seal it", "connector", conn.ID())
	} else if tokens != nil && tokens.AccessToken != "" {
		if result.SealedToken, err = s.sealTokenSet(c.UserID, conn.Target(), tokens); err != nil {
			return nil, err
		}
		result.Scope, result.ExpiresAt = tokens.Scope, tokens.ExpiresAt
	}
	raw, err := json.Marshal(result)
	if err != nil {
		return nil, fmt.Errorf("keep social result: %w", err)
	}
	if err := s.cfg.Store.Complete(ctx, r.ID, raw); err != nil {
		return nil, fmt.Errorf("complete social record: %w", err)
	}
	return &VerifiedRecord{VerificationRecordID: r.ID}, nil
}

// verifiedSocial loads the caller's verified social record and its result.
func (s *core) verifiedSocial(ctx context.Context, c Caller, recordID string) (*socialResult, error) {
	r, err := s.ownRecord(ctx, c, recordID, verification.TypeSocial)
	if err != nil {
		return nil, err
	}
	if !r.Verified || len(r.Result) == 0 {
		return nil, ErrRecordNotFound
	}
	var res socialResult
	if err := json.Unmarshal(r.Result, &res); err != nil {
		return nil, fmt.Errorf("read social result: %w", err)
	}
	return &res, nil
}

// connectorError passes a connector's own *account.Error through and turns
// anything else into 400 connector.general.
func connectorError(err error) error {
	var apiErr *account.Error
	if errors.As(err, &apiErr) {
		return apiErr
	}
	return connector.ErrGeneral(err.Error())
}

// tokenSetAAD binds a sealed token set to its user and target.
func tokenSetAAD(userID, target string) []byte { return []byte("token-set:" + userID + ":" + target) }

// sealTokenSet seals a provider token set for (user, target).
func (s *core) sealTokenSet(userID, target string, ts *connector.TokenSet) ([]byte, error) {
	if s.cfg.Cipher == nil {
		return nil, errors.New("myaccount: Config.Cipher is required to keep social token sets")
	}
	raw, err := json.Marshal(ts)
	if err != nil {
		return nil, err
	}
	sealed, err := s.cfg.Cipher.Seal(raw, tokenSetAAD(userID, target))
	if err != nil {
		return nil, fmt.Errorf("seal token set: %w", err)
	}
	return sealed, nil
}

// openTokenSet opens a stored token set.
func (s *core) openTokenSet(ts *account.TokenSet) (*connector.TokenSet, error) {
	if s.cfg.Cipher == nil {
		return nil, errors.New("myaccount: Config.Cipher is required to read social token sets")
	}
	raw, err := s.cfg.Cipher.Open(ts.Sealed, tokenSetAAD(ts.UserID, ts.Target))
	if err != nil {
		return nil, fmt.Errorf("open token set: %w", err)
	}
	var out connector.TokenSet
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("read token set: %w", err)
	}
	return &out, nil
}
