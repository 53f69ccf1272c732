package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/myaccount-go/myaccount/secret"
)

// keysEnv holds the key ring that seals secrets at rest ("1:BASE64,2:BASE64",
// newest last). Every instance sharing a database needs the same keys.
const keysEnv = "MYACCOUNT_SECRET_KEYS"

// loadKeys returns the key ring spec gives (as MYACCOUNT_SECRET_KEYS spells
// it) or, when spec is "" (dev mode), the one kept in keyFile, made on first
// start so TOTP secrets survive a restart.
func loadKeys(spec, keyFile string, log *slog.Logger) (*secret.KeyRing, error) {
	if spec == "" {
		b, err := os.ReadFile(keyFile)
		switch {
		case err == nil:
			spec = strings.TrimSpace(string(b))
		case errors.Is(err, os.ErrNotExist):
			k, err := secret.GenerateKey(1)
			if err != nil {
				return nil, err
			}
			spec = secret.FormatKeys(k)
			if err := os.WriteFile(keyFile, []byte(spec+"\n"), 0o600); err != nil {
				return nil, fmt.Errorf("write dev key file %s: %w", keyFile, err)
			}
			log.Warn("dev mode: made a new secret key", "file", keyFile)
		default:
			return nil, fmt.Errorf("read dev key file %s: %w", keyFile, err)
		}
	}
	keys, err := secret.ParseKeys(spec)
	if err != nil {
		return nil, err
	}
	return secret.NewKeyRing(keys...)
}
