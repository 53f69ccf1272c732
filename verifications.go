package myaccount

import (
	"encoding/json"
	"time"
)

// VerificationResult answers the routes that make a verification record:
// its id, to send as the logto-verification-id header or a record-id field,
// and when it expires.
type VerificationResult struct {
	VerificationRecordID string
	ExpiresAt            time.Time
}

// MarshalJSON writes {"verificationRecordId", "expiresAt"} with expiresAt as
// an ISO-8601 string in UTC with milliseconds, as JavaScript writes it.
func (r VerificationResult) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID        string `json:"verificationRecordId"`
		ExpiresAt string `json:"expiresAt"`
	}{r.VerificationRecordID, isoTime(r.ExpiresAt)})
}

// VerifiedRecord answers the routes that verify an existing record.
type VerifiedRecord struct {
	VerificationRecordID string `json:"verificationRecordId"`
}

// isoTime formats t as JavaScript's Date.toISOString does.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
