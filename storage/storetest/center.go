package storetest

import (
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

// mustGetCenter returns the stored settings, failing t now if there are none.
func mustGetCenter(t *testing.T, s Store) *account.AccountCenter {
	t.Helper()
	c, err := s.GetAccountCenter(t.Context())
	ok(t, "GetAccountCenter", err)
	if c == nil {
		t.Fatal("GetAccountCenter: nil settings and nil error")
	}
	return c
}

// setCenter writes want as the whole settings and checks what comes back.
func setCenter(t *testing.T, s Store, want *account.AccountCenter) {
	t.Helper()
	got, err := s.UpdateAccountCenter(t.Context(), func(c *account.AccountCenter) error {
		*c = *want
		return nil
	})
	ok(t, "UpdateAccountCenter", err)
	wantSameCenter(t, "UpdateAccountCenter's result", want, got)
	wantSameCenter(t, "GetAccountCenter", want, mustGetCenter(t, s))
}

// wantSameCenter is wantSame, plus nil ProfileFields apart from empty ones
// (null and [] are different settings).
func wantSameCenter(t *testing.T, what string, want, got *account.AccountCenter) {
	t.Helper()
	wantSame(t, what, want, got)
	if (want.ProfileFields == nil) != (got.ProfileFields == nil) {
		t.Errorf("%s: ProfileFields = %#v, want %#v", what, got.ProfileFields, want.ProfileFields)
	}
}

func testCenter(t *testing.T, newStore NewStoreFunc) {
	parallel(t, newStore, "get before any save is not found", func(t *testing.T, s Store) {
		_, err := s.GetAccountCenter(t.Context())
		wantErr(t, "GetAccountCenter", err, account.ErrNotFound)
	})

	parallel(t, newStore, "update starts from the zero value", func(t *testing.T, s Store) {
		called := false
		got, err := s.UpdateAccountCenter(t.Context(), func(c *account.AccountCenter) error {
			called = true
			wantSameCenter(t, "the settings change gets", &account.AccountCenter{}, c)
			c.Enabled = true
			return nil
		})
		ok(t, "UpdateAccountCenter", err)
		if !called {
			t.Fatal("UpdateAccountCenter did not call change")
		}
		want := &account.AccountCenter{Enabled: true}
		wantSameCenter(t, "UpdateAccountCenter's result", want, got)
		wantSameCenter(t, "GetAccountCenter", want, mustGetCenter(t, s))
	})

	parallel(t, newStore, "update round-trips every field", func(t *testing.T, s Store) {
		checkFixture(t, fullCenter())
		setCenter(t, s, fullCenter())
		_, err := s.UpdateAccountCenter(t.Context(), func(c *account.AccountCenter) error {
			wantSameCenter(t, "the settings change gets", fullCenter(), c)
			return nil
		})
		ok(t, "UpdateAccountCenter without changes", err)
		wantSameCenter(t, "GetAccountCenter after an update without changes", fullCenter(), mustGetCenter(t, s))
	})

	parallel(t, newStore, "custom css and profile fields keep nil apart from empty", func(t *testing.T, s Store) {
		cases := []struct {
			name   string
			css    *string
			fields []account.ProfileField
		}{
			{"both set", ptr("a {}"), []account.ProfileField{{Name: "x"}}},
			{"both nil", nil, nil},
			{"both empty", ptr(""), []account.ProfileField{}},
			{"empty css and nil fields", ptr(""), nil},
			{"nil css and empty fields", nil, []account.ProfileField{}},
			{"set again", ptr("b {}"), []account.ProfileField{{Name: "y"}, {Name: "x"}}},
		}
		// One store, so that each case also proves the change from the one before.
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				want := fullCenter()
				want.CustomCSS, want.ProfileFields = c.css, c.fields
				setCenter(t, s, want)
			})
		}
	})

	parallel(t, newStore, "update replaces fields, origins and url", func(t *testing.T, s Store) {
		setCenter(t, s, fullCenter())
		want := fullCenter()
		want.Fields = map[account.Field]account.FieldMode{account.FieldPhone: account.Edit}
		want.WebAuthnRelatedOrigins = []string{"https://other.example.com"}
		want.DeleteAccountURL = ""
		want.Enabled = false
		setCenter(t, s, want)
		want.Fields = nil
		want.WebAuthnRelatedOrigins = nil
		setCenter(t, s, want)
	})

	parallel(t, newStore, "an error from change writes nothing", func(t *testing.T, s Store) {
		ctx := t.Context()
		_, err := s.UpdateAccountCenter(ctx, func(c *account.AccountCenter) error {
			c.Enabled = true
			return errChange
		})
		if err != errChange {
			t.Errorf("UpdateAccountCenter before any save: error %v, want the change's own error as it is", err)
		}
		_, err = s.GetAccountCenter(ctx)
		wantErr(t, "GetAccountCenter after the refused first update", err, account.ErrNotFound)

		setCenter(t, s, fullCenter())
		_, err = s.UpdateAccountCenter(ctx, func(c *account.AccountCenter) error {
			scribbleCenter(c)
			c.DeleteAccountURL = "https://changed.example.com"
			return errChange
		})
		if err != errChange {
			t.Errorf("UpdateAccountCenter: error %v, want the change's own error as it is", err)
		}
		wantSameCenter(t, "GetAccountCenter after the refused update", fullCenter(), mustGetCenter(t, s))
	})

	parallel(t, newStore, "stored values are copies", func(t *testing.T, s Store) {
		ctx := t.Context()
		in := fullCenter()
		written, err := s.UpdateAccountCenter(ctx, func(c *account.AccountCenter) error {
			*c = *in
			return nil
		})
		ok(t, "UpdateAccountCenter", err)
		scribbleCenter(in)
		wantSameCenter(t, "GetAccountCenter after changing the values handed in", fullCenter(), mustGetCenter(t, s))
		scribbleCenter(written)
		wantSameCenter(t, "GetAccountCenter after changing the returned value", fullCenter(), mustGetCenter(t, s))
		scribbleCenter(mustGetCenter(t, s))
		wantSameCenter(t, "GetAccountCenter after changing a read value", fullCenter(), mustGetCenter(t, s))
	})
}
