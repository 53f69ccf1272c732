package account

// The error codes, and the few this library adds. A code's status
// is set where the error is raised: the same code can be answered with
// different statuses on different routes.
const (
	CodeAuthorizationHeaderMissing         Code = "auth.authorization_header_missing"
	CodeAuthorizationTokenTypeNotSupported Code = "auth.authorization_token_type_not_supported"
	CodeUnauthorized                       Code = "auth.unauthorized"
	CodeForbidden                          Code = "auth.forbidden"
	CodeThirdPartyApplicationForbidden     Code = "auth.third_party_application_forbidden"

	CodeAccountCenterNotEnabled Code = "account_center.not_enabled"
	CodeFieldNotEditable        Code = "account_center.field_not_editable"
	CodeFieldNotEnabled         Code = "account_center.field_not_enabled"

	CodeRecordPermissionDenied          Code = "verification_record.permission_denied"
	CodeRecordNotFound                  Code = "verification_record.not_found"
	CodeSocialVerificationInvalidTarget Code = "verification_record.social_verification.invalid_target"
	CodeSocialVerificationTokenNotFound Code = "verification_record.social_verification.token_response_not_found"

	CodeCodeNotFound      Code = "verification_code.not_found"
	CodeCodePhoneMismatch Code = "verification_code.phone_mismatch"
	CodeCodeEmailMismatch Code = "verification_code.email_mismatch"
	CodeCodeMismatch      Code = "verification_code.code_mismatch"
	CodeCodeExpired       Code = "verification_code.expired"
	CodeCodeExceedMaxTry  Code = "verification_code.exceed_max_try"

	CodeInvalidCredentials           Code = "session.invalid_credentials"
	CodeVerificationBlocked          Code = "session.verification_blocked_too_many_attempts"
	CodeInsufficientInfo             Code = "session.insufficient_info"
	CodeInvalidConnectorID           Code = "session.invalid_connector_id"
	CodeMFAFactorNotEnabled          Code = "session.mfa.mfa_factor_not_enabled"
	CodeInvalidTOTPCode              Code = "session.mfa.invalid_totp_code"
	CodeBackupCodeCanNotBeAlone      Code = "session.mfa.backup_code_can_not_be_alone"
	CodePendingInfoNotFound          Code = "session.mfa.pending_info_not_found"
	CodeWebAuthnVerificationFailed   Code = "session.mfa.webauthn_verification_failed"
	CodeInvalidBackupCode            Code = "session.mfa.invalid_backup_code"
	CodeEmailNotAllowed              Code = "session.email_blocklist.email_not_allowed"
	CodeEmailSubaddressingNotAllowed Code = "session.email_blocklist.email_subaddressing_not_allowed"
	CodeInvalidEmail                 Code = "session.email_blocklist.invalid_email"

	CodeConnectorUnexpectedType                Code = "connector.unexpected_type"
	CodeConnectorNotFound                      Code = "connector.not_found"
	CodeConnectorGeneral                       Code = "connector.general"
	CodeConnectorInvalidResponse               Code = "connector.invalid_response"
	CodeConnectorInvalidRequestParameters      Code = "connector.invalid_request_parameters"
	CodeConnectorInsufficientRequestParameters Code = "connector.insufficient_request_parameters"
	CodeConnectorInvalidConfig                 Code = "connector.invalid_config"
	CodeConnectorAuthorizationFailed           Code = "connector.authorization_failed"
	CodeConnectorSocialAuthCodeInvalid         Code = "connector.social_auth_code_invalid"
	CodeConnectorSocialAccessTokenInvalid      Code = "connector.social_invalid_access_token"
	CodeConnectorSocialIDTokenInvalid          Code = "connector.social_invalid_id_token"
	CodeConnectorRateLimitExceeded             Code = "connector.rate_limit_exceeded"
	CodeConnectorNotImplemented                Code = "connector.not_implemented"

	CodeTOTPAlreadyInUse         Code = "user.totp_already_in_use"
	CodeTOTPSecretInvalid        Code = "user.totp_secret_invalid"
	CodeBackupCodeAlreadyInUse   Code = "user.backup_code_already_in_use"
	CodeWrongBackupCodeFormat    Code = "user.wrong_backup_code_format"
	CodeUsernameAlreadyInUse     Code = "user.username_already_in_use"
	CodeEmailAlreadyInUse        Code = "user.email_already_in_use"
	CodePhoneAlreadyInUse        Code = "user.phone_already_in_use"
	CodeIdentityAlreadyInUse     Code = "user.identity_already_in_use"
	CodeInvalidPhone             Code = "user.invalid_phone"
	CodeSamePassword             Code = "user.same_password"
	CodeLastSignInMethodRequired Code = "user.last_sign_in_method_required"
	CodeIdentityNotExist         Code = "user.identity_not_exist"
	CodeIdentityNotInCurrentUser Code = "user.identity_not_exists_in_current_user"
	CodeSuspended                Code = "user.suspended"
	CodeUserNotFound             Code = "user.not_found"
	// CodePasswordAndDigest and CodePasswordAlgorithmRequired refuse a
	// POST /api/users that gives both a password and a digest, or a digest
	// without its algorithm.
	CodePasswordAndDigest         Code = "user.password_and_digest"
	CodePasswordAlgorithmRequired Code = "user.password_algorithm_required"

	CodePasswordRejected Code = "password.rejected"

	CodeMessageRateLimited  Code = "request.message_rate_limited"
	CodeRequestInvalidInput Code = "request.invalid_input"
	// CodeBodyTooLarge answers a request body over the configured limit (413).
	CodeBodyTooLarge Code = "request.body_too_large"

	CodeTokenNotFound      Code = "secrets.third_party_token_set.token_not_found"
	CodeAccessTokenExpired Code = "secrets.third_party_token_set.access_token_expired"

	CodeSessionNotFound         Code = "oidc.session_not_found"
	CodeInvalidSessionAccountID Code = "oidc.invalid_session_account_id"
	CodeInvalidGrant            Code = "oidc.invalid_grant"

	CodeEntityNotFound Code = "entity.not_found"
	// CodeEntityUniqueViolation refuses a name already taken (a personal
	// access token's, within its user).
	CodeEntityUniqueViolation Code = "entity.unique_integrity_violation"
	// CodeAccessTokenNameExists refuses a personal access token name the
	// user already has, on create and on rename (Logto's code).
	CodeAccessTokenNameExists Code = "user.personal_access_token_name_exists"

	CodeGuardInvalidInput      Code = "guard.invalid_input"
	CodeGuardInvalidPagination Code = "guard.invalid_pagination"
	CodeFileSizeExceeded       Code = "guard.file_size_exceeded"
	CodeMimeTypeNotAllowed     Code = "guard.mime_type_not_allowed"

	CodeStorageNotConfigured Code = "storage.not_configured"
	CodeStorageUploadError   Code = "storage.upload_error"

	// CodeInternal answers an unexpected failure (500); no detail is shown.
	CodeInternal Code = "internal_server_error"
	// CodeServiceUnavailable answers a store that cannot be reached (503).
	CodeServiceUnavailable Code = "request.service_unavailable"
	// CodeRouteNotFound answers a path under /api that no route serves
	// (404), and CodeMethodNotAllowed a method the path does not take (405).
	CodeRouteNotFound    Code = "request.not_found"
	CodeMethodNotAllowed Code = "request.method_not_allowed"
	// CodeCrossSiteForbidden refuses a state-changing request that may come
	// from another site, or whose body is not declared JSON (403), when the
	// host turned on the CSRF guard (httpadapter.WithCSRFProtection).
	CodeCrossSiteForbidden Code = "request.cross_site_forbidden"
)

// UsernameViolationCode is the code of a username-policy violation v, e.g.
// "user.username_too_long".
func UsernameViolationCode(v string) Code { return Code("user.username_" + v) }
