package messages

import (
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// en is the English catalog: complete, the fallback of every other one.
var en = map[account.Code]string{
	account.CodeAuthorizationHeaderMissing:         "Authorization header is missing.",
	account.CodeAuthorizationTokenTypeNotSupported: "Authorization type is not supported.[[ Supported types: {{supportedTypes}}.]]",
	account.CodeUnauthorized:                       "Unauthorized. Please check credentials and its scope.",
	account.CodeForbidden:                          "Forbidden. Please check your user roles and permissions.",
	account.CodeThirdPartyApplicationForbidden:     "Third-party applications cannot modify account data through this API.",

	account.CodeAccountCenterNotEnabled: "Account center is not enabled.",
	account.CodeFieldNotEditable:        "Field is not editable.",
	account.CodeFieldNotEnabled:         "Field is not enabled.",

	account.CodeRecordPermissionDenied:          "Permission denied, please re-authenticate.",
	account.CodeRecordNotFound:                  "Verification record not found.",
	account.CodeSocialVerificationInvalidTarget: "Invalid verification record.[[ Expected {{expected}} but got {{actual}}.]]",
	account.CodeSocialVerificationTokenNotFound: "Token response not found. Please check that token storage is supported and enabled for the social connector.",

	account.CodeCodeNotFound:      "Verification code not found. Please send verification code first.",
	account.CodeCodePhoneMismatch: "Phone mismatch. Please request a new verification code.",
	account.CodeCodeEmailMismatch: "Email mismatch. Please request a new verification code.",
	account.CodeCodeMismatch:      "Invalid verification code.",
	account.CodeCodeExpired:       "Verification code has expired. Please request a new verification code.",
	account.CodeCodeExceedMaxTry:  "Verification code retries limitation exceeded. Please request a new verification code.",

	account.CodeInvalidCredentials:           "Incorrect account or password. Please check your input.",
	account.CodeVerificationBlocked:          "Too many attempts in a short time. Please try again [[{{relativeTime}}||later]].",
	account.CodeInsufficientInfo:             "Insufficient sign-in info.",
	account.CodeInvalidConnectorID:           "Unable to find available connector[[ with id {{connectorId}}]].",
	account.CodeMFAFactorNotEnabled:          "MFA factor is not enabled.",
	account.CodeInvalidTOTPCode:              "Invalid TOTP code.",
	account.CodeBackupCodeCanNotBeAlone:      "Backup code can not be the only MFA.",
	account.CodePendingInfoNotFound:          "Pending MFA info not found, please initiate MFA first.",
	account.CodeWebAuthnVerificationFailed:   "WebAuthn verification failed.",
	account.CodeInvalidBackupCode:            "Invalid backup code.",
	account.CodeEmailNotAllowed:              `The email address[[ "{{email}}"]] is restricted. Please choose a different one.`,
	account.CodeEmailSubaddressingNotAllowed: "Email subaddressing is not allowed.",
	account.CodeInvalidEmail:                 "Invalid email address.",

	account.CodeConnectorUnexpectedType:                "The connector's type is unexpected.",
	account.CodeConnectorNotFound:                      "Cannot find any available connector[[ for type: {{type}}]].",
	account.CodeConnectorGeneral:                       "Error occurred in connector[[: {{errorDescription}}||.]]",
	account.CodeConnectorInvalidResponse:               "The connector's response is invalid.",
	account.CodeConnectorInvalidRequestParameters:      "The request parameters are invalid.[[ {{message}}]]",
	account.CodeConnectorInsufficientRequestParameters: "Some request parameters are missing.[[ {{message}}]]",
	account.CodeConnectorInvalidConfig:                 "The connector's configuration is invalid.",
	account.CodeConnectorAuthorizationFailed:           "The user's authorization process is unsuccessful.[[ {{message}}]]",
	account.CodeConnectorSocialAuthCodeInvalid:         "The authorization code is invalid.",
	account.CodeConnectorSocialAccessTokenInvalid:      "The access token is invalid.",
	account.CodeConnectorSocialIDTokenInvalid:          "The ID token is invalid.",
	account.CodeConnectorRateLimitExceeded:             "Too many requests to the provider. Please try again later.",
	account.CodeConnectorNotImplemented:                "The connector does not implement this operation.",

	account.CodeTOTPAlreadyInUse:         "TOTP is already in use.",
	account.CodeTOTPSecretInvalid:        "Invalid TOTP secret supplied.",
	account.CodeBackupCodeAlreadyInUse:   "Backup code is already in use.",
	account.CodeWrongBackupCodeFormat:    "Backup code format is invalid.",
	account.CodeUsernameAlreadyInUse:     "This username is already in use.",
	account.CodeEmailAlreadyInUse:        "This email is associated with an existing account.",
	account.CodePhoneAlreadyInUse:        "This phone number is associated with an existing account.",
	account.CodeIdentityAlreadyInUse:     "The social account has been associated with an existing account.",
	account.CodeInvalidPhone:             "Invalid phone number.",
	account.CodeSamePassword:             "New password cannot be the same as your old password.",
	account.CodeLastSignInMethodRequired: "You need to keep at least one identifier in your account.",
	account.CodeIdentityNotExist:         "The social account has not been registered yet.",
	account.CodeIdentityNotInCurrentUser: "The specified identity does not exist in the current user account. Please link the identity before proceeding.",
	account.CodeSuspended:                "This account is suspended.",
	account.CodeUserNotFound:             "User not found.",

	account.CodePasswordAndDigest:         "You cannot set both plain text password and password digest.",
	account.CodePasswordAlgorithmRequired: "Password algorithm is required.",

	account.UsernameViolationCode("required"):               "Username is a required identifier; it cannot be empty.",
	account.UsernameViolationCode("starts_with_number"):     "Username cannot start with a number.",
	account.UsernameViolationCode("invalid_charset_hard"):   "Username can only contain letters, numbers, and underscores.",
	account.UsernameViolationCode("too_short"):              "Username is too short.[[ It must be at least {{minLength}} characters long.]]",
	account.UsernameViolationCode("too_long"):               "Username is too long.[[ It must be at most {{maxLength}} characters long.]]",
	account.UsernameViolationCode("uppercase_not_allowed"):  "Username cannot contain uppercase letters.",
	account.UsernameViolationCode("lowercase_not_allowed"):  "Username cannot contain lowercase letters.",
	account.UsernameViolationCode("numbers_not_allowed"):    "Username cannot contain numbers.",
	account.UsernameViolationCode("underscore_not_allowed"): "Username cannot contain underscores.",

	account.CodePasswordRejected: "Password rejected. Please check if your password meets the requirements.",

	account.CodeMessageRateLimited:  "Too many messages sent to this recipient. Please try again later.",
	account.CodeRequestInvalidInput: "Input is invalid.[[ {{details}}]]",
	account.CodeBodyTooLarge:        "The request body is too large.",

	account.CodeTokenNotFound:      "Token record not found.",
	account.CodeAccessTokenExpired: "The access token has expired. Please reconnect your account.",

	account.CodeSessionNotFound:         "Session not found.",
	account.CodeInvalidSessionAccountID: "Session accountId mismatch.",
	account.CodeInvalidGrant:            "Grant request is invalid.",

	account.CodeEntityNotFound:        "The resource does not exist.",
	account.CodeEntityUniqueViolation: "The entity already exists.",
	account.CodeAccessTokenNameExists: "The user already has a personal access token of this name.",

	account.CodeGuardInvalidInput:      "The request [[{{type}} ]]is invalid.",
	account.CodeGuardInvalidPagination: "The request pagination value is invalid.",
	account.CodeFileSizeExceeded:       "File size exceeded.",
	account.CodeMimeTypeNotAllowed:     "MIME type is not allowed.",

	account.CodeStorageNotConfigured: "Storage provider is not configured.",
	account.CodeStorageUploadError:   "Failed to upload file to the storage provider.",

	account.CodeInternal:           "Internal server error.",
	account.CodeServiceUnavailable: "The service is temporarily unavailable. Please try again later.",
	account.CodeRouteNotFound:      "The requested route does not exist.",
	account.CodeMethodNotAllowed:   "The route does not accept this method.",
	account.CodeCrossSiteForbidden: "Cross-site request refused. Send it from an allowed origin, with Content-Type: application/json.",
}

func enMinutes(n int) string {
	if n == 1 {
		return "in 1 minute"
	}
	return fmt.Sprintf("in %d minutes", n)
}
