package localdir

import "errors"

// ErrInvalidKey is returned by Put for a key that is not a safe relative
// path.
var ErrInvalidKey = errors.New("localdir: invalid key")
