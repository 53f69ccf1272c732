package smtpsender_test

import (
	"context"
	"log"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/smtpsender"
	"github.com/myaccount-go/myaccount/verification"
)

// A relay on the submission port with STARTTLS (the default mode) and
// credentials. The Sender is what the account service's Config takes as its
// email Sender; here it is called directly.
func ExampleNew() {
	sender, err := smtpsender.New(smtpsender.Config{
		Addr:      "smtp.example.com:587",
		Username:  "apikey",
		Password:  "secret-from-the-environment",
		From:      "Example Accounts <no-reply@example.com>",
		HelloName: "app.example.com",
		Timeout:   15 * time.Second,
	})
	if err != nil {
		log.Fatal(err)
	}
	err = sender.Send(context.Background(), myaccount.Message{
		To:       "user@example.com",
		Code:     "123456",
		Template: verification.TemplateBindNewIdentifier,
		Locale:   "ja",
	})
	if err != nil {
		log.Print(err) // never contains the code
	}
}
