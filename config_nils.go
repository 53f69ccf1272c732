package myaccount

import (
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/internal/nilcheck"
	"github.com/myaccount-go/myaccount/secret"
)

// refuseNils refuses the values that would pass New and fail on first use:
// an interface field that holds a nil pointer or func (a typed nil, such
// as the *secret.KeyRing that secret.NewKeyRing returns beside its error),
// a nil entry in Connectors, and a key ring with no keys. Absent optional
// fields (plain nil) are fine: New gives them their defaults. Every
// offending field is named, all at once.
func (c *Config) refuseNils() error {
	var errs []error
	typedNil := func(field string, v any) {
		if v != nil && nilcheck.IsNil(v) {
			errs = append(errs, fmt.Errorf("myaccount: Config.%s is a nil %T", field, v))
		}
	}
	if c.Store == nil {
		errs = append(errs, errors.New("myaccount: Config.Store is required"))
	}
	typedNil("Store", c.Store)
	typedNil("Random", c.Random)
	typedNil("Hasher", c.Hasher)
	typedNil("EmailPolicy.Disposable", c.EmailPolicy.Disposable)
	typedNil("EmailSender", c.EmailSender)
	typedNil("SMSSender", c.SMSSender)
	typedNil("Cipher", c.Cipher)
	typedNil("Sessions", c.Sessions)
	typedNil("Avatars", c.Avatars)
	for i, conn := range c.Connectors {
		if nilcheck.IsNil(conn) {
			errs = append(errs, fmt.Errorf("myaccount: Config.Connectors[%d] is nil", i))
		}
	}
	if ring, ok := c.Cipher.(*secret.KeyRing); ok && ring != nil && len(ring.IDs()) == 0 {
		errs = append(errs, errors.New("myaccount: Config.Cipher is a secret.KeyRing without keys (make it with secret.NewKeyRing)"))
	}
	return errors.Join(errs...)
}
