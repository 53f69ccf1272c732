package smtpsender

import (
	"strings"

	"github.com/myaccount-go/myaccount/verification"
)

// codePlaceholder marks where the code goes in a built-in body. A
// placeholder (not a fmt verb) keeps a '%' in a code or a translation from
// ever being interpreted.
const codePlaceholder = "{code}"

// text is one built-in subject and body in one language.
type text struct {
	lang    string // Content-Language value
	subject string
	body    string // contains codePlaceholder
}

// kind groups template types that share a text. Types without their own
// text (SignIn, Register, ForgotPassword, MfaVerification, ...) use
// kindGeneric: the account API only sends the three specific ones, and a
// neutral "your code" text is never wrong.
type kind int

const (
	kindGeneric kind = iota
	kindPermission
	kindBindIdentifier
	kindBindMfa
)

func kindOf(t verification.TemplateType) kind {
	switch t {
	case verification.TemplateUserPermissionValidation:
		return kindPermission
	case verification.TemplateBindNewIdentifier:
		return kindBindIdentifier
	case verification.TemplateBindMfa:
		return kindBindMfa
	}
	return kindGeneric
}

// texts holds every built-in text by language, then kind. The code comes
// first in each body so it shows in mail previews; no subject contains it,
// because subjects end up in notification banners and relay logs.
var texts = map[string][4]text{
	"en": {
		kindGeneric: {"en", "Your verification code",
			"Your verification code is {code}.\n\nIf you did not ask for this code, you can ignore this email.\n"},
		kindPermission: {"en", "Confirm it's you",
			"Your verification code is {code}.\n\nEnter it to confirm your identity before changing your account settings. If you did not try to change your account, ignore this email and consider changing your password.\n"},
		kindBindIdentifier: {"en", "Verify your new email address",
			"Your verification code is {code}.\n\nEnter it to link this email address to your account. If you did not ask for this, you can ignore this email.\n"},
		kindBindMfa: {"en", "Verify your email for two-step verification",
			"Your verification code is {code}.\n\nEnter it to use this email address for two-step verification. If you did not ask for this, you can ignore this email.\n"},
	},
	"ko": {
		kindGeneric: {"ko", "인증 코드",
			"인증 코드는 {code}입니다.\n\n이 코드를 요청하지 않았다면 이 이메일을 무시하셔도 됩니다.\n"},
		kindPermission: {"ko", "본인 확인",
			"인증 코드는 {code}입니다.\n\n계정 설정을 변경하기 전에 본인 확인을 위해 이 코드를 입력하세요. 계정 변경을 시도하지 않았다면 이 이메일을 무시하고 비밀번호 변경을 고려하세요.\n"},
		kindBindIdentifier: {"ko", "새 이메일 주소 인증",
			"인증 코드는 {code}입니다.\n\n이 이메일 주소를 계정에 연결하려면 이 코드를 입력하세요. 요청하지 않았다면 이 이메일을 무시하셔도 됩니다.\n"},
		kindBindMfa: {"ko", "2단계 인증 이메일 확인",
			"인증 코드는 {code}입니다.\n\n이 이메일 주소를 2단계 인증에 사용하려면 이 코드를 입력하세요. 요청하지 않았다면 이 이메일을 무시하셔도 됩니다.\n"},
	},
	"ja": {
		kindGeneric: {"ja", "確認コード",
			"確認コードは {code} です。\n\nこのコードをリクエストしていない場合は、このメールを無視してください。\n"},
		kindPermission: {"ja", "本人確認",
			"確認コードは {code} です。\n\nアカウント設定を変更する前に、本人確認のためこのコードを入力してください。心当たりがない場合は、このメールを無視し、パスワードの変更をご検討ください。\n"},
		kindBindIdentifier: {"ja", "新しいメールアドレスの確認",
			"確認コードは {code} です。\n\nこのメールアドレスをアカウントに追加するには、このコードを入力してください。心当たりがない場合は、このメールを無視してください。\n"},
		kindBindMfa: {"ja", "2段階認証用メールアドレスの確認",
			"確認コードは {code} です。\n\nこのメールアドレスを2段階認証に使用するには、このコードを入力してください。心当たりがない場合は、このメールを無視してください。\n"},
	},
	"zh-TW": {
		kindGeneric: {"zh-TW", "您的驗證碼",
			"您的驗證碼是 {code}。\n\n如果您沒有要求此驗證碼，請忽略此郵件。\n"},
		kindPermission: {"zh-TW", "驗證您的身分",
			"您的驗證碼是 {code}。\n\n請在變更帳號設定前輸入此驗證碼以確認您的身分。如果您沒有嘗試變更帳號，請忽略此郵件並考慮變更密碼。\n"},
		kindBindIdentifier: {"zh-TW", "驗證您的新電子郵件地址",
			"您的驗證碼是 {code}。\n\n請輸入此驗證碼，將此電子郵件地址連結至您的帳號。如果這不是您提出的要求，請忽略此郵件。\n"},
		kindBindMfa: {"zh-TW", "驗證兩步驟驗證電子郵件",
			"您的驗證碼是 {code}。\n\n請輸入此驗證碼，將此電子郵件地址用於兩步驟驗證。如果這不是您提出的要求，請忽略此郵件。\n"},
	},
	"fr": {
		kindGeneric: {"fr", "Votre code de vérification",
			"Votre code de vérification est {code}.\n\nSi vous n’avez pas demandé ce code, vous pouvez ignorer cet e-mail.\n"},
		kindPermission: {"fr", "Confirmez votre identité",
			"Votre code de vérification est {code}.\n\nSaisissez-le pour confirmer votre identité avant de modifier les paramètres de votre compte. Si vous n’avez pas tenté de modifier votre compte, ignorez cet e-mail et pensez à changer votre mot de passe.\n"},
		kindBindIdentifier: {"fr", "Vérifiez votre nouvelle adresse e-mail",
			"Votre code de vérification est {code}.\n\nSaisissez-le pour associer cette adresse e-mail à votre compte. Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer cet e-mail.\n"},
		kindBindMfa: {"fr", "Vérifiez votre e-mail de vérification en deux étapes",
			"Votre code de vérification est {code}.\n\nSaisissez-le pour utiliser cette adresse e-mail pour la vérification en deux étapes. Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer cet e-mail.\n"},
	},
}

// textFor picks the built-in text for a template type and request locale.
func textFor(t verification.TemplateType, locale string) text {
	return texts[languageOf(locale)][kindOf(t)]
}

// languageOf maps a locale to a key of texts by its base language, English
// when there is no text for it. Chinese is the exception: only Traditional
// Chinese has texts, so zh-TW, zh-HK, zh-MO and zh-Hant-* match it, while
// zh-CN, zh-Hans-* and bare zh (usually Simplified readers) get English
// rather than a script they may not read comfortably.
func languageOf(locale string) string {
	tag := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(primaryRange(locale)), "_", "-"))
	parts := strings.Split(tag, "-")
	switch parts[0] {
	case "ko", "ja", "fr":
		return parts[0]
	case "zh":
		for _, p := range parts[1:] {
			switch p {
			case "hans":
				return "en"
			case "hant", "tw", "hk", "mo":
				return "zh-TW"
			}
		}
	}
	return "en"
}

// primaryRange keeps the first range when handed a whole Accept-Language
// value ("fr-CA,fr;q=0.9"): Message.Locale should already be a single tag,
// but being lenient costs nothing and beats answering in English.
func primaryRange(locale string) string {
	if i := strings.IndexAny(locale, ",;"); i >= 0 {
		return locale[:i]
	}
	return locale
}
