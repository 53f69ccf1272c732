package account

import (
	"errors"
	"reflect"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"NZ mobile", "64211234567", "64211234567"},
		{"NZ mobile with trunk zero", "640211234567", "64211234567"},
		{"NZ with plus", "+64211234567", "64211234567"},
		{"US", "16502530000", "16502530000"},
		{"UK mobile", "447911123456", "447911123456"},
		{"UK mobile with trunk zero", "4407911123456", "447911123456"},
		{"DE Berlin", "4930123456", "4930123456"},
		{"DE Berlin with trunk zero", "49030123456", "4930123456"},
		{"JP Tokyo", "81312345678", "81312345678"},
		{"JP Tokyo with trunk zero", "810312345678", "81312345678"},
		{"AU mobile with trunk zero (Logto's example)", "610412345678", "61412345678"},
		// Italy has no trunk prefix: the zero is part of the number.
		{"IT Rome keeps its zero", "390612345678", "390612345678"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := NormalizePhone(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			again, err := NormalizePhone(got)
			if err != nil || again != got {
				t.Fatalf("NormalizePhone is not idempotent: %q -> %q, %v", got, again, err)
			}
		})
	}
}

func TestNormalizePhoneInvalid(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"", "+", "abc", "12", "64", "0", "611",
		"999123456",           // no such country code
		"1234567890123456789", // too long
		"1800FLOWERS",         // letters are not digits here
		"64 21 123 4567",      // digits only
		"64-21-123-4567",      // digits only
		"++64211234567",       // one plus at most
		"６４２１１２３４５６７",         // full-width digits
	} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			got, err := NormalizePhone(in)
			if err == nil {
				t.Fatalf("NormalizePhone(%q) = %q, want an error", in, got)
			}
			if !errors.Is(err, ErrInvalidPhone) {
				t.Fatalf("error %v is not ErrInvalidPhone", err)
			}
			var apiErr *Error
			if !errors.As(err, &apiErr) || apiErr.Status != 422 || apiErr.Code != CodeInvalidPhone {
				t.Fatalf("error %v does not map to 422 user.invalid_phone", err)
			}
		})
	}
}

func TestPhoneKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"64211234567", []string{"64211234567", "640211234567"}},
		{"640211234567", []string{"64211234567", "640211234567"}},
		{"not a phone", []string{"not a phone"}},
	}
	for _, tt := range tests {
		if got := PhoneKeys(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("PhoneKeys(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"64211234567", "+64 21 123 4567"},
		{"640211234567", "+64 21 123 4567"},
		{"16502530000", "+1 650-253-0000"},
		{"447911123456", "+44 7911 123456"},
		{"81312345678", "+81 3-1234-5678"},
		{"garbage", "garbage"},
	}
	for _, tt := range tests {
		if got := FormatPhone(tt.in); got != tt.want {
			t.Errorf("FormatPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
