package messages

import (
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// fr is the French catalog.
var fr = map[account.Code]string{
	account.CodeAuthorizationHeaderMissing:         "L'en-tête d'autorisation est manquant.",
	account.CodeAuthorizationTokenTypeNotSupported: "Le type d'autorisation n'est pas pris en charge.[[ Types pris en charge : {{supportedTypes}}.]]",
	account.CodeUnauthorized:                       "Non autorisé. Veuillez vérifier les informations d'identification et leur portée.",
	account.CodeForbidden:                          "Interdit. Veuillez vérifier vos rôles et autorisations d'utilisateur.",
	account.CodeThirdPartyApplicationForbidden:     "Les applications tierces ne sont pas autorisées à modifier les données du compte via cette API.",

	account.CodeAccountCenterNotEnabled: "Le centre de compte n'est pas activé.",
	account.CodeFieldNotEditable:        "Le champ n'est pas modifiable.",
	account.CodeFieldNotEnabled:         "Le champ n'est pas activé.",

	account.CodeRecordPermissionDenied:          "Permission refusée, veuillez vous réauthentifier.",
	account.CodeRecordNotFound:                  "Enregistrement de vérification introuvable.",
	account.CodeSocialVerificationInvalidTarget: "Enregistrement de vérification invalide.[[ Attendu {{expected}} mais obtenu {{actual}}.]]",
	account.CodeSocialVerificationTokenNotFound: "Réponse du jeton introuvable. Veuillez vérifier que le stockage du jeton est pris en charge et activé pour le connecteur social.",

	account.CodeCodeNotFound:      "Le code de vérification n'a pas été trouvé. Veuillez d'abord envoyer le code de vérification.",
	account.CodeCodePhoneMismatch: "Le téléphone ne correspond pas. Veuillez demander un nouveau code de vérification.",
	account.CodeCodeEmailMismatch: "L'e-mail ne correspond pas. Veuillez demander un nouveau code de vérification.",
	account.CodeCodeMismatch:      "Code de vérification invalide.",
	account.CodeCodeExpired:       "Le code de vérification a expiré. Veuillez demander un nouveau code de vérification.",
	account.CodeCodeExceedMaxTry:  "La limite de tentatives de code de vérification a été dépassée. Veuillez demander un nouveau code de vérification.",

	account.CodeInvalidCredentials:           "Informations d'identification non valides. Veuillez vérifier votre saisie.",
	account.CodeVerificationBlocked:          "Trop de tentatives en peu de temps. Veuillez réessayer [[{{relativeTime}}||plus tard]].",
	account.CodeInsufficientInfo:             "Informations de connexion insuffisantes.",
	account.CodeInvalidConnectorID:           "Impossible de trouver un connecteur disponible[[ avec l'id {{connectorId}}]].",
	account.CodeMFAFactorNotEnabled:          "Le facteur MFA n'est pas activé.",
	account.CodeInvalidTOTPCode:              "Code TOTP non valide.",
	account.CodeBackupCodeCanNotBeAlone:      "Le code de sauvegarde ne peut pas être le seul MFA.",
	account.CodePendingInfoNotFound:          "Informations MFA en attente introuvables, veuillez d'abord initier la MFA.",
	account.CodeWebAuthnVerificationFailed:   "Échec de la vérification WebAuthn.",
	account.CodeInvalidBackupCode:            "Code de sauvegarde non valide.",
	account.CodeEmailNotAllowed:              `L'adresse e-mail[[ "{{email}}"]] est restreinte. Veuillez en choisir une autre.`,
	account.CodeEmailSubaddressingNotAllowed: "Le sous-adressage des e-mails n'est pas autorisé.",
	account.CodeInvalidEmail:                 "Adresse e-mail invalide.",

	account.CodeConnectorUnexpectedType:                "Le type de connecteur est inattendu.",
	account.CodeConnectorNotFound:                      "Impossible de trouver un connecteur disponible[[ pour le type : {{type}}]].",
	account.CodeConnectorGeneral:                       "Une erreur s'est produite dans le connecteur[[ : {{errorDescription}}||.]]",
	account.CodeConnectorInvalidResponse:               "La réponse du connecteur n'est pas valide.",
	account.CodeConnectorInvalidRequestParameters:      "Les paramètres de la requête ne sont pas valides.[[ {{message}}]]",
	account.CodeConnectorInsufficientRequestParameters: "Des paramètres de la requête sont manquants.[[ {{message}}]]",
	account.CodeConnectorInvalidConfig:                 "La configuration du connecteur n'est pas valide.",
	account.CodeConnectorAuthorizationFailed:           "Le processus d'autorisation de l'utilisateur a échoué.[[ {{message}}]]",
	account.CodeConnectorSocialAuthCodeInvalid:         "Le code d'autorisation n'est pas valide.",
	account.CodeConnectorSocialAccessTokenInvalid:      "Le jeton d'accès n'est pas valide.",
	account.CodeConnectorSocialIDTokenInvalid:          "Le jeton d'identité n'est pas valide.",
	account.CodeConnectorRateLimitExceeded:             "Trop de requêtes vers le fournisseur. Veuillez réessayer plus tard.",
	account.CodeConnectorNotImplemented:                "Le connecteur n'implémente pas cette opération.",

	account.CodeTOTPAlreadyInUse:         "TOTP est déjà utilisé.",
	account.CodeTOTPSecretInvalid:        "Le secret TOTP fourni est invalide.",
	account.CodeBackupCodeAlreadyInUse:   "Le code de sauvegarde est déjà utilisé.",
	account.CodeWrongBackupCodeFormat:    "Le format du code de sauvegarde est invalide.",
	account.CodeUsernameAlreadyInUse:     "Ce nom d'utilisateur est déjà utilisé.",
	account.CodeEmailAlreadyInUse:        "Cet e-mail est associé à un compte existant.",
	account.CodePhoneAlreadyInUse:        "Ce numéro de téléphone est associé à un compte existant.",
	account.CodeIdentityAlreadyInUse:     "Le compte social est déjà associé à un compte existant.",
	account.CodeInvalidPhone:             "Numéro de téléphone incorrect.",
	account.CodeSamePassword:             "Le nouveau mot de passe ne peut pas être identique à l'ancien.",
	account.CodeLastSignInMethodRequired: "Vous devez conserver au moins une méthode de connexion disponible dans votre compte.",
	account.CodeIdentityNotExist:         "Le compte social n'a pas encore été enregistré.",
	account.CodeIdentityNotInCurrentUser: "L'identité spécifiée n'existe pas dans le compte utilisateur actuel. Veuillez lier l'identité avant de continuer.",
	account.CodeSuspended:                "Ce compte est suspendu.",
	account.CodeUserNotFound:             "Utilisateur introuvable.",

	account.CodePasswordAndDigest:         "Vous ne pouvez pas définir à la fois un mot de passe en clair et un condensé de mot de passe.",
	account.CodePasswordAlgorithmRequired: "L'algorithme du mot de passe est requis.",

	account.UsernameViolationCode("required"):               "Le nom d'utilisateur est un identifiant requis, il ne peut pas être vide.",
	account.UsernameViolationCode("starts_with_number"):     "Le nom d'utilisateur ne peut pas commencer par un chiffre.",
	account.UsernameViolationCode("invalid_charset_hard"):   "Le nom d'utilisateur peut uniquement contenir des lettres, des chiffres et des underscores.",
	account.UsernameViolationCode("too_short"):              "Le nom d'utilisateur est trop court.[[ Il doit comporter au moins {{minLength}} caractères.]]",
	account.UsernameViolationCode("too_long"):               "Le nom d'utilisateur est trop long.[[ Il doit comporter au plus {{maxLength}} caractères.]]",
	account.UsernameViolationCode("uppercase_not_allowed"):  "Le nom d'utilisateur ne peut pas contenir de lettres majuscules.",
	account.UsernameViolationCode("lowercase_not_allowed"):  "Le nom d'utilisateur ne peut pas contenir de lettres minuscules.",
	account.UsernameViolationCode("numbers_not_allowed"):    "Le nom d'utilisateur ne peut pas contenir de chiffres.",
	account.UsernameViolationCode("underscore_not_allowed"): "Le nom d'utilisateur ne peut pas contenir de underscores.",

	account.CodePasswordRejected: "Mot de passe rejeté. Veuillez vérifier si votre mot de passe répond aux exigences.",

	account.CodeMessageRateLimited:  "Trop de messages envoyés à ce destinataire. Veuillez réessayer plus tard.",
	account.CodeRequestInvalidInput: "L'entrée est invalide.[[ {{details}}]]",
	account.CodeBodyTooLarge:        "Le corps de la requête est trop volumineux.",

	account.CodeTokenNotFound:      "Enregistrement de jeton introuvable.",
	account.CodeAccessTokenExpired: "Le jeton d'accès a expiré. Veuillez reconnecter votre compte.",

	account.CodeSessionNotFound:         "Session non trouvée.",
	account.CodeInvalidSessionAccountID: "L'accountId de la session ne correspond pas.",
	account.CodeInvalidGrant:            "La requête d'autorisation est invalide.",

	account.CodeEntityNotFound:        "La ressource n'existe pas.",
	account.CodeEntityUniqueViolation: "L'entité existe déjà.",
	account.CodeAccessTokenNameExists: "L'utilisateur a déjà un jeton d'accès personnel portant ce nom.",

	account.CodeGuardInvalidInput:      "La requête[[ {{type}}]] n'est pas valide.",
	account.CodeGuardInvalidPagination: "La valeur de la pagination de la requête n'est pas valide.",
	account.CodeFileSizeExceeded:       "Taille du fichier dépassée.",
	account.CodeMimeTypeNotAllowed:     "Le type MIME n'est pas autorisé.",

	account.CodeStorageNotConfigured: "Le fournisseur de stockage n'est pas configuré.",
	account.CodeStorageUploadError:   "Échec de l'envoi du fichier au fournisseur de stockage.",

	account.CodeInternal:           "Erreur interne du serveur.",
	account.CodeServiceUnavailable: "Le service est temporairement indisponible. Veuillez réessayer plus tard.",
	account.CodeRouteNotFound:      "La route demandée n'existe pas.",
	account.CodeMethodNotAllowed:   "La route n'accepte pas cette méthode.",
	account.CodeCrossSiteForbidden: "Requête intersite refusée. Envoyez-la depuis une origine autorisée, avec Content-Type: application/json.",
}

func frMinutes(n int) string {
	if n == 1 {
		return "dans 1 minute"
	}
	return fmt.Sprintf("dans %d minutes", n)
}
