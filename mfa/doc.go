// Package mfa holds a user's second factors (TOTP authenticator apps,
// WebAuthn passkeys and backup codes), the user's MFA settings, and the
// sign-in checks a host's login calls to use those factors.
//
// Secrets are sealed before they reach the Store: a TOTP key and each backup
// code are kept as ciphertext, and each backup code also as a hash, so the
// store can mark one used without seeing it. The race-sensitive steps (use a
// backup code, advance the TOTP step, advance a sign counter) are single
// Store operations.
package mfa
