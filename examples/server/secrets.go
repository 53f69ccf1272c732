package main

import (
	"fmt"
	"os"
	"strings"
)

// The environment variables that may hold secrets, so that they stay out
// of argv, where ps shows them to every user of the machine.
const (
	// adminTokenEnv holds the admin token when neither -admin-token nor
	// -admin-token-file gives it.
	adminTokenEnv = "MYACCOUNT_ADMIN_TOKEN"
	// smtpPasswordEnv holds the password of the -smtp-url user.
	smtpPasswordEnv = "MYACCOUNT_SMTP_PASSWORD"
	// smsWebhookTokenEnv holds the bearer token sent to -sms-webhook.
	smsWebhookTokenEnv = "MYACCOUNT_SMS_WEBHOOK_TOKEN"
)

// secretFrom reads a secret from the file a flag names (surrounding white
// space trimmed; an empty or unreadable file is an error naming the flag and
// the path), else from the environment variable env; "" when neither gives
// one.
func secretFrom(flagName, file, env string, getenv func(string) string) (string, error) {
	if file == "" {
		return getenv(env), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("-%s %s: %w", flagName, file, err)
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "", fmt.Errorf("-%s %s is empty", flagName, file)
	}
	return s, nil
}
