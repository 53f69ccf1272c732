package apidoc

import (
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// The Management API's verification codes (Logto's /api/verification-codes),
// mounted by the AdminHandler.

func verificationCodeRoutes() []route {
	email := with(with(str("An email address."), "pattern", emailPattern), "maxLength", 256)
	phone := with(str("A phone number: digits only, with its country code."), "pattern", phonePattern)
	code := with(str("The code the recipient got."), "minLength", 1)
	return []route{
		{
			method: "POST", path: "/api/verification-codes", id: "requestManagementVerificationCode", tag: tagUsers,
			summary: "Send a verification code to an email or phone",
			about: "Sends a 6-digit code of template Generic for the host's own flow; a new send replaces the recipient's pending code. " +
				"The Account API's code rules and send limits apply: per recipient always, and per client address (the Management API's caller, " +
				"or what httpadapter.WithClientAddress finds) when there is one; there is no per-user budget. " +
				"Exactly one of email and phone. The app's email or SMS sender may answer its own error.",
			auth: admin,
			body: jsonBody(schema{"oneOf": []any{
				input(schema{"email": email}, "email"),
				input(schema{"phone": phone}, "phone"),
			}}),
			status: http.StatusNoContent, okDesc: "The code is sent.",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeConnectorGeneral),
				failing(http.StatusTooManyRequests, account.CodeMessageRateLimited),
				failing(http.StatusNotImplemented, account.CodeConnectorNotFound),
			},
		},
		{
			method: "POST", path: "/api/verification-codes/verify", id: "verifyManagementVerificationCode", tag: tagUsers,
			summary: "Check a verification code",
			about: "Checks the code last sent to the address and uses it up. Each try counts before the compare; " +
				"a code sent to another address is not found.",
			auth: admin,
			body: jsonBody(schema{"oneOf": []any{
				input(schema{"email": email, "verificationCode": code}, "email", "verificationCode"),
				input(schema{"phone": phone, "verificationCode": code}, "phone", "verificationCode"),
			}}),
			status: http.StatusNoContent, okDesc: "The code is right.",
			fails: []fail{failing(http.StatusBadRequest, account.CodeCodeNotFound, account.CodeCodeExpired, account.CodeCodeExceedMaxTry, account.CodeCodeMismatch)},
		},
	}
}
