package mfa

import (
	"errors"
	"reflect"
	"testing"

	"github.com/go-webauthn/webauthn/protocol"
)

// TestWebAuthnCredentialConversion: every field survives the trip through
// go-webauthn's record, and the packed flag byte, which our record does not
// keep, is rebuilt from the booleans.
func TestWebAuthnCredentialConversion(t *testing.T) {
	t.Parallel()
	c := WebAuthnCredential{
		CredentialID:                 []byte{1, 2, 3},
		PublicKey:                    []byte{4, 5},
		AttestationType:              "self",
		AttestationFormat:            "packed",
		Transports:                   []string{"usb", "nfc"},
		UserPresent:                  true,
		UserVerified:                 true,
		BackupEligible:               true,
		BackupState:                  false,
		AAGUID:                       make([]byte, 16),
		SignCount:                    42,
		CloneWarning:                 true,
		Attachment:                   "cross-platform",
		AttestationClientDataJSON:    []byte(`{}`),
		AttestationClientDataHash:    []byte{6},
		AttestationAuthenticatorData: []byte{7},
		AttestationPublicKeyAlg:      -257,
		AttestationObject:            []byte{8},
		Extensions:                   []byte(`{"rk":true,"credProtect":"userVerificationRequired"}`),
	}
	w := c.webauthnCredential()
	want := protocol.FlagUserPresent | protocol.FlagUserVerified | protocol.FlagBackupEligible
	if got := w.Flags.ProtocolValue(); got != want {
		t.Errorf("flag byte %08b, want %08b", got, want)
	}
	if w.Extensions.RK == nil || !*w.Extensions.RK || w.Extensions.CredProtect != protocol.CredentialProtectionPolicyUserVerificationRequired {
		t.Errorf("extensions %+v", w.Extensions)
	}
	back, err := newWebAuthnCredential(&w)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*back, c) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", *back, c)
	}

	t.Run("extensions that do not decode are dropped", func(t *testing.T) {
		bad := c
		bad.Extensions = []byte("not json")
		if w := bad.webauthnCredential(); w.Extensions.RK != nil {
			t.Fatal("extensions kept")
		}
	})
}

func TestVerificationFailed(t *testing.T) {
	t.Parallel()
	inner := protocol.ErrBadRequest.WithDetails("Error validating origin").WithInfo("Expected Values: [a], Received: b")
	err := verificationFailed(inner)
	if err.Error() != "Error validating origin: Expected Values: [a], Received: b" {
		t.Errorf("message %q", err)
	}
	var pe *protocol.Error
	if !errors.Is(err, ErrWebAuthnVerification) || !errors.As(err, &pe) {
		t.Errorf("%v does not wrap both the sentinel and go-webauthn's error", err)
	}
	if got := verificationFailed(errors.New("plain")).Error(); got != "plain" {
		t.Errorf("message %q", got)
	}
}
