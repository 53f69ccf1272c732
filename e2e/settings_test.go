package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"
)

const (
	username = "ada"
	password = "correct-horse-9"
	email    = "ada@example.com"
)

// TestSettingsPage walks the settings page as a person would: sign in
// through the dev panel, change the name, a profile claim and the avatar,
// change the email with the code from the outbox (confirming with the
// password), add and rename a passkey with Chrome's virtual authenticator,
// set up TOTP from the QR code's secret, generate and download backup codes
// (confirming with an emailed code), link the mock social account, skip
// MFA at sign-in, then watch the page follow the admin switching fields to
// ReadOnly and Off and the account center off and on, and speak Korean with
// the server's Korean error messages. Every step checks what the page
// shows (and, where it matters, what the server stored) and saves a
// screenshot; any console error or uncaught exception fails the test.
func TestSettingsPage(t *testing.T) {
	chrome := chromePath(t)
	began := time.Now()
	srv := startServer(t)
	shots := screenshotDir(t)
	b := newBrowser(t, chrome, shots)
	visible := chromedp.NodeVisible

	// 1. Signed out, the page offers the dev sign-in panel.
	b.do("open the page", chromedp.Navigate(srv.page+"/"))
	b.waitFor("the sign-in panel", `document.querySelector('#signin-create') !== null`)
	b.shot("signin")
	b.checkConsole("open the page")

	// 2. Create a dev user from the panel; the page shows the account.
	b.do("create a dev user",
		chromedp.SendKeys(chromedp.CSS("#signin-username"), username, visible),
		chromedp.SendKeys(chromedp.CSS("#signin-password"), password, visible),
		chromedp.Click(chromedp.CSS("#signin-create-submit"), visible))
	b.waitText("the account's username in the header", "#user-name", username)
	b.waitFor("the username field", `document.querySelector('#username-input')?.value === 'ada'`)
	token := eval[string](b, "read the token", `localStorage.getItem('myaccount.token') || ''`)
	if token == "" {
		t.Fatal("no token kept in localStorage")
	}
	b.shot("signed-in")
	b.checkConsole("sign in")

	// 3. Change the name.
	b.do("change the name",
		chromedp.SendKeys(chromedp.CSS("#name-input"), "Ada Lovelace", visible),
		chromedp.Click(chromedp.CSS("#name-save"), visible))
	b.waitText("the new name in the header", "#user-name", "Ada Lovelace")
	b.waitText("the saved notice", "#toast", "Saved")
	// And a profile claim, folded under "Personal details".
	b.do("change the given name",
		clearToast(),
		chromedp.Click(chromedp.CSS("#claims-summary"), visible),
		chromedp.SendKeys(chromedp.CSS("#claim-givenName"), "Augusta Ada", visible),
		chromedp.Click(chromedp.CSS("#claims-save"), visible))
	b.waitText("the saved notice", "#toast", "Saved")
	b.waitFor("the given name kept", `document.querySelector('#claim-givenName')?.value === 'Augusta Ada'`)
	var me struct {
		ID, Name, Avatar, PrimaryEmail string
		Profile                        struct{ GivenName string }
		Identities                     map[string]struct{ UserID string }
	}
	srv.call("GET", "/api/my-account", token, nil, nil, http.StatusOK, &me)
	if me.Name != "Ada Lovelace" || me.Profile.GivenName != "Augusta Ada" {
		t.Fatalf("stored name %q, given name %q", me.Name, me.Profile.GivenName)
	}
	b.shot("name")
	b.checkConsole("change the name")

	// 4. Upload an avatar: the page shows the stored picture.
	pic := filepath.Join(t.TempDir(), "me.png")
	writePNG(t, pic)
	b.do("upload an avatar", chromedp.SetUploadFiles(chromedp.CSS("#avatar-file"), []string{pic}))
	b.waitFor("the avatar picture", `(() => { const i = document.querySelector('img#avatar-img'); return !!i && i.complete && i.naturalWidth === 64; })()`)
	srv.call("GET", "/api/my-account", token, nil, nil, http.StatusOK, &me)
	if !strings.HasSuffix(me.Avatar, "-me.png") {
		t.Fatalf("stored avatar %q", me.Avatar)
	}
	b.checkConsole("upload an avatar")

	// 5. Change the email: send a code, read it from the outbox, enter it,
	// confirm with the password when the page asks who we are.
	b.do("start the email change",
		chromedp.Click(chromedp.CSS("#email-change"), visible),
		chromedp.SendKeys(chromedp.CSS("#email-new"), email, visible),
		chromedp.Click(chromedp.CSS("#email-send"), visible))
	b.waitText("the code-sent notice", "#email-code-sent", email)
	code := srv.outboxCode(email)
	b.do("enter the code",
		chromedp.SendKeys(chromedp.CSS("#email-code"), code, visible),
		chromedp.Click(chromedp.CSS("#email-confirm"), visible))
	b.waitFor("the identity check", `document.querySelector('#verify-dialog[open]') !== null`)
	b.shot("verify-dialog")
	b.do("confirm with the password",
		chromedp.SendKeys(chromedp.CSS("#verify-password"), password, visible),
		chromedp.Click(chromedp.CSS("#verify-submit"), visible))
	b.waitText("the new email", "#email-value", email)
	srv.call("GET", "/api/my-account", token, nil, nil, http.StatusOK, &me)
	if me.PrimaryEmail != email {
		t.Fatalf("stored email %q", me.PrimaryEmail)
	}
	b.shot("email")
	b.checkConsole("change the email")

	// 6. Add a passkey through Chrome's virtual authenticator, then rename it.
	if _, err := chromedp.Call(b.ctx, webauthn.Enable, webauthn.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	auth, err := chromedp.Call(b.ctx, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{
		Options: &webauthn.VirtualAuthenticatorOptions{
			Protocol: webauthn.AuthenticatorProtocolCtap2, Transport: webauthn.AuthenticatorTransportInternal,
			HasResidentKey: true, HasUserVerification: true, IsUserVerified: true, AutomaticPresenceSimulation: true,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	b.do("add a passkey",
		chromedp.SendKeys(chromedp.CSS("#passkey-name"), "Laptop", visible),
		chromedp.Click(chromedp.CSS("#passkey-add"), visible))
	b.waitText("the new passkey in the list", "#passkey-list", "Laptop")
	creds, err := chromedp.Call(b.ctx, webauthn.GetCredentials, webauthn.GetCredentialsParams{AuthenticatorID: auth.AuthenticatorID})
	if err != nil {
		t.Fatal(err)
	}
	if len(creds.Credentials) != 1 || creds.Credentials[0].RpID != "localhost" || !creds.Credentials[0].IsResidentCredential {
		t.Fatalf("authenticator credentials: %+v", creds.Credentials)
	}
	b.do("rename the passkey", chromedp.Click(chromedp.CSS("#passkey-list button[id^='passkey-rename-']"), visible))
	b.do("type the new name",
		clear("#passkey-list form input"),
		chromedp.SendKeys(chromedp.CSS("#passkey-list form input"), "Work laptop", visible),
		chromedp.Click(chromedp.CSS("#passkey-list form button[type=submit]"), visible))
	b.waitText("the renamed passkey", "#passkey-list .passkey-name", "Work laptop")
	var factors []struct{ ID, Type, Name string }
	srv.call("GET", "/api/my-account/mfa-verifications", token, nil, nil, http.StatusOK, &factors)
	if len(factors) != 1 || factors[0].Type != "WebAuthn" || factors[0].Name != "Work laptop" {
		t.Fatalf("stored factors: %+v", factors)
	}
	b.shot("passkey")
	b.checkConsole("passkeys")

	// 7. Set up TOTP: the QR code encodes the otpauth URI of the secret
	// shown beside it; a code computed from that secret turns it on.
	b.do("start TOTP", chromedp.Click(chromedp.CSS("#totp-setup"), visible))
	b.waitFor("the QR code", `document.querySelector('#totp-qr path') !== null`)
	secret := eval[string](b, "read the secret", `document.querySelector('#totp-secret').dataset.secret`)
	if shown := strings.ReplaceAll(b.text("#totp-secret"), " ", ""); shown != secret || len(secret) != 32 {
		t.Fatalf("secret shown %q, kept %q", shown, secret)
	}
	checkQR(t, b, secret)
	b.shot("totp-qr")
	totp, err := totpCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b.do("confirm TOTP",
		chromedp.SendKeys(chromedp.CSS("#totp-code"), totp, visible),
		chromedp.Click(chromedp.CSS("#totp-confirm"), visible))
	b.waitFor("TOTP on", `document.querySelector('#totp-state')?.dataset.on === 'true'`)
	b.waitText("the TOTP notice", "#toast", "Authenticator app turned on")
	b.shot("totp-on")
	b.checkConsole("TOTP")

	// 8. Generate backup codes, see them, download them, see how many are
	// left. The tab forgets its verification first, so the page asks again:
	// this time with a code sent to the email.
	b.do("forget the verification", chromedp.Evaluate[chromedp.Void](`sessionStorage.removeItem('myaccount.verification')`))
	b.do("generate backup codes", chromedp.Click(chromedp.CSS("#backup-generate"), visible))
	b.do("verify with an email code",
		chromedp.Click(chromedp.CSS("#verify-tab-email"), visible),
		chromedp.Click(chromedp.CSS("#verify-send"), visible))
	b.waitFor("the code sent", `document.querySelector('#verify-submit')?.disabled === false`)
	b.do("enter the emailed code",
		chromedp.SendKeys(chromedp.CSS("#verify-code"), srv.outboxCode(email), visible),
		chromedp.Click(chromedp.CSS("#verify-submit"), visible))
	b.waitFor("ten codes", `document.querySelectorAll('#backup-codes li').length === 10`)
	codes := eval[[]string](b, "read the codes", `[...document.querySelectorAll('#backup-codes code')].map((c) => c.textContent)`)
	b.waitFor("ten left", `document.querySelector('#backup-remaining')?.dataset.remaining === '10'`)
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		t.Fatal(err)
	}
	b.do("download the codes", chromedp.Click(chromedp.CSS("#backup-download"), visible))
	file := waitFile(t, filepath.Join(downloads, "backup-codes.txt"))
	for _, c := range codes {
		if len(c) != 10 || !strings.Contains(file, c+"\n") {
			t.Fatalf("code %q missing from the downloaded file:\n%s", c, file)
		}
	}
	b.shot("backup-codes")
	b.checkConsole("backup codes")

	// 9. Link the mock social account: the page leaves for the provider's
	// page on the server, which sends it back to finish the link.
	b.do("link mock-social", chromedp.Click(chromedp.CSS("#social-link-mock-social"), visible))
	b.waitFor("the provider's page", `location.pathname === '/dev/social/authorize'`)
	b.do("sign in at the provider",
		chromedp.SendKeys(chromedp.CSS("input[name=name]"), "Ada at Mock", visible),
		chromedp.Click(chromedp.CSS("button[type=submit]"), visible))
	b.waitText("the linked account", "#social-state-mock-social", "Ada at Mock")
	b.waitFor("a clean address", `location.search === ''`)
	srv.call("GET", "/api/my-account", token, nil, nil, http.StatusOK, &me)
	if me.Identities["mock-social"].UserID != "social-user-1" {
		t.Fatalf("stored identities %+v", me.Identities)
	}
	b.checkConsole("link a social account")

	// 10. MFA settings: skip the second factor at sign-in.
	b.do("skip MFA at sign-in", chromedp.Click(chromedp.CSS("#mfa-skip"), visible))
	b.waitText("the settings notice", "#toast", "Sign-in settings updated")
	b.waitFor("the settings drawn anew", `(() => { const c = document.querySelector('#mfa-skip'); return !!c && c.checked && !c.disabled; })()`)
	var settings struct{ SkipMfaOnSignIn bool }
	srv.call("GET", "/api/my-account/mfa-settings", token, nil, nil, http.StatusOK, &settings)
	if !settings.SkipMfaOnSignIn {
		t.Fatal("skipMfaOnSignIn not stored")
	}
	// The details were folded again when the page came back from the
	// provider (a new page load); fold them if they are not.
	if eval[bool](b, "are the details open", `document.querySelector('#claims-details').open`) {
		b.do("fold the details", chromedp.Click(chromedp.CSS("#claims-summary"), visible))
	}
	b.waitFor("the details folded", `document.querySelector('#claims-details')?.open === false`)
	b.shot("all-set")
	picture(t, b, filepath.Join(shots, "settings-page.png"))
	b.checkConsole("MFA settings")

	// 11. Look at the backup codes again, replace the authenticator app,
	// change the password, unlink the social account, remove the passkey.
	b.do("show the backup codes", chromedp.Click(chromedp.CSS("#backup-show"), visible))
	b.waitFor("the stored codes", `document.querySelectorAll('#backup-codes li').length === 10`)
	if again := eval[[]string](b, "read the codes", `[...document.querySelectorAll('#backup-codes code')].map((c) => c.textContent)`); strings.Join(again, " ") != strings.Join(codes, " ") {
		t.Fatalf("stored codes %v, generated %v", again, codes)
	}
	b.do("replace the authenticator app", chromedp.Click(chromedp.CSS("#totp-replace"), visible))
	b.waitFor("a new secret", fmt.Sprintf(`(document.querySelector('#totp-secret')?.dataset.secret || %s) !== %s`, js(secret), js(secret)))
	secret = eval[string](b, "read the new secret", `document.querySelector('#totp-secret').dataset.secret`)
	if totp, err = totpCode(secret, time.Now()); err != nil {
		t.Fatal(err)
	}
	b.do("confirm the new app",
		chromedp.SendKeys(chromedp.CSS("#totp-code"), totp, visible),
		chromedp.Click(chromedp.CSS("#totp-confirm"), visible))
	b.waitText("the replaced notice", "#toast", "Authenticator app replaced")
	const newPassword = "another-horse-42"
	b.do("change the password",
		chromedp.SendKeys(chromedp.CSS("#password-new"), newPassword, visible),
		chromedp.SendKeys(chromedp.CSS("#password-repeat"), newPassword, visible),
		chromedp.Click(chromedp.CSS("#password-save"), visible))
	b.waitText("the password notice", "#toast", "Password updated")
	srv.call("POST", "/api/verifications/password", token, nil, map[string]any{"password": newPassword}, http.StatusCreated, nil)
	b.do("unlink mock-social",
		chromedp.Click(chromedp.CSS("#social-unlink-mock-social"), visible),
		chromedp.Click(chromedp.CSS("#confirm-ok"), visible))
	b.waitText("the account unlinked", "#social-state-mock-social", "Not linked")
	b.do("remove the passkey",
		chromedp.Click(chromedp.CSS("#passkey-list button[id^='passkey-remove-']"), visible),
		chromedp.Click(chromedp.CSS("#confirm-ok"), visible))
	b.waitText("no passkey left", "#passkey-list", "No passkeys yet.")
	srv.call("GET", "/api/my-account/mfa-verifications", token, nil, nil, http.StatusOK, &factors)
	if len(factors) != 2 || factors[0].Type != "Totp" || factors[1].Type != "BackupCode" {
		t.Fatalf("factors after the changes: %+v", factors)
	}
	b.checkConsole("more changes")

	// 12. The admin makes the name read-only and turns email off. The page
	// still offers the name; saving it gets the server's refusal, shown as
	// is, and the page follows the new settings.
	var center struct{ Fields map[string]string }
	srv.call("GET", "/api/account-center", adminToken, nil, nil, http.StatusOK, &center)
	center.Fields["name"] = "ReadOnly"
	center.Fields["email"] = "Off"
	srv.call("PATCH", "/api/account-center", adminToken, nil, map[string]any{"fields": center.Fields}, http.StatusOK, nil)
	var refusal struct{ Code, Message string }
	srv.call("PATCH", "/api/my-account", token, map[string]string{"Accept-Language": "en"}, map[string]any{"name": "x"}, http.StatusBadRequest, &refusal)
	b.do("save the name again",
		clear("#name-input"),
		chromedp.SendKeys(chromedp.CSS("#name-input"), "Countess of Lovelace", visible),
		chromedp.Click(chromedp.CSS("#name-save"), visible))
	b.waitText("the server's refusal", "#sec-profile-msg", refusal.Message)
	b.waitFor("the name read-only", `document.querySelector('#name-input')?.disabled === true && document.querySelector('#name-save') === null`)
	b.waitFor("the email gone", `document.querySelector('#email-row') === null && document.querySelector('#phone-row') !== null`)
	if got := b.text("#name-form .badge"); got != "Read only" {
		t.Fatalf("name badge %q", got)
	}
	b.shot("read-only")
	b.do("reload", chromedp.Reload())
	b.waitFor("still read-only after a reload", `document.querySelector('#name-input')?.disabled === true && document.querySelector('#email-row') === null`)
	b.checkConsole("read-only fields")

	// 13. In Korean: the page's labels, and the server's message for a
	// password the policy rejects (asked for directly to compare).
	var rec struct{ VerificationRecordID string }
	srv.call("POST", "/api/verifications/password", token, nil, map[string]any{"password": newPassword}, http.StatusCreated, &rec)
	var rejected struct{ Code, Message string }
	srv.call("POST", "/api/my-account/password", token, map[string]string{"Accept-Language": "ko", "logto-verification-id": rec.VerificationRecordID},
		map[string]any{"password": "123"}, http.StatusUnprocessableEntity, &rejected)
	if rejected.Code != "password.rejected" || rejected.Message == "" {
		t.Fatalf("weak password answer: %+v", rejected)
	}
	b.do("open the page in Korean", chromedp.Navigate(srv.page+"/?lang=ko"))
	b.waitText("the Korean title", "h1", "계정 설정")
	b.waitText("a Korean label", "#sec-password h2", "비밀번호")
	b.do("try a weak password",
		chromedp.SendKeys(chromedp.CSS("#password-new"), "123", visible),
		chromedp.SendKeys(chromedp.CSS("#password-repeat"), "123", visible),
		chromedp.Click(chromedp.CSS("#password-save"), visible))
	b.waitText("the server's Korean message", "#sec-password-msg", rejected.Message)
	b.shot("korean")
	b.checkConsole("Korean")

	// 14. The admin turns the account center off: the page says so (and
	// keeps the person signed in), then comes back when it is on again.
	srv.call("PATCH", "/api/account-center", adminToken, nil, map[string]any{"enabled": false}, http.StatusOK, nil)
	b.do("reload with the account center off", chromedp.Reload())
	b.waitText("the account center off", "#sec-disabled", "계정 센터가 꺼져 있습니다")
	if b.exists("#sec-profile") || !b.exists("#sign-out") {
		t.Fatal("with the account center off, the page still shows the profile or lost the sign-out button")
	}
	srv.call("PATCH", "/api/account-center", adminToken, nil, map[string]any{"enabled": true}, http.StatusOK, nil)
	b.do("reload with the account center on", chromedp.Reload())
	b.waitFor("the profile back", `document.querySelector('#sec-profile') !== null`)
	b.checkConsole("account center off")

	t.Logf("the page walk took %s", time.Since(began).Round(time.Millisecond))
}

// checkQR reads the QR code the page drew and checks it against an
// independent encoder: it carries the otpauth URI of the secret shown, at
// level M, and the page's encoder, asked for the reference's mask, draws
// exactly the reference symbol.
func checkQR(t *testing.T, b *tab, secret string) {
	t.Helper()
	uri := eval[string](b, "read the QR's URI", `document.querySelector('#totp-qr').dataset.uri`)
	if !strings.HasPrefix(uri, "otpauth://totp/") || !strings.Contains(uri, "secret="+secret) {
		t.Fatalf("QR URI %q does not carry the secret %s", uri, secret)
	}
	size := eval[int](b, "read the QR's size", `Number(document.querySelector('#totp-qr').dataset.modules)`)
	path := eval[string](b, "read the QR's path", `document.querySelector('#totp-qr path').getAttribute('d')`)
	shown := parseSVGPath(t, path, size)
	want := referenceQR(t, uri)
	if len(shown) != len(want) {
		t.Fatalf("QR of %d modules, reference %d", len(shown), len(want))
	}
	level, shownMask := formatInfo(t, shown)
	if level != 0 { // M is 00 in the format information
		t.Fatalf("QR level bits %02b, want M (00)", level)
	}
	_, refMask := formatInfo(t, want)
	// The page's own encoder with the mask it chose must draw what is
	// shown, and with the reference's mask the reference itself.
	for _, c := range []struct {
		mask int
		want matrix
	}{{shownMask, shown}, {refMask, want}} {
		got := eval[[][]bool](b, "encode with the page's module",
			fmt.Sprintf(`import('/app/js/qr.js').then((m) => m.qrMatrix(%s, 'M', %d).modules)`, js(uri), c.mask))
		if !equal(got, c.want) {
			t.Fatalf("QR with mask %d differs:\npage:\n%s\nwant:\n%s", c.mask, matrix(got), c.want)
		}
	}
}

// picture saves the top of the page in a 1200x1400 window, the README's
// picture.
func picture(t *testing.T, b *tab, path string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	b.do("a window for the picture", chromedp.EmulateViewport(1200, 1400),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.querySelector('#toast').classList.remove('show')`),
		chromedp.Sleep(300*time.Millisecond))
	img, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	b.do("the window back", chromedp.ResetViewport())
	if err := os.WriteFile(path, img, 0o644); err != nil {
		t.Fatal(err)
	}
}

// clearToast empties the notice line, so the next notice can be waited for.
func clearToast() chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(() => { const t = document.querySelector('#toast'); t.textContent = ''; t.classList.remove('show'); })()`)
}

// writePNG writes a 64x64 picture to path.
func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{uint8(60 + x*2), uint8(70 + y), 220, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitFile waits for a download to land and returns its content.
func waitFile(t *testing.T, path string) string {
	t.Helper()
	deadline := time.Now().Add(actionTimeout)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return string(b)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no download at %s", path)
	return ""
}
