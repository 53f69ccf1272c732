// The settings page's entry point: the header, the sign-in panel or the
// sections, and what makes the page follow the server (reload when the tab
// comes back into view, or when a change is refused by the account
// center).

import { token } from './api.js';
import { app, describe } from './app.js';
import { h, showMessage } from './dom.js';
import { t, lang, languages, setLanguage } from './i18n.js';
import { forgetVerification } from './verify.js';
import { signInPanel } from './sections/signin.js';
import { profileSection, initials } from './sections/profile.js';
import { contactSection } from './sections/contact.js';
import { passwordSection } from './sections/password.js';
import { socialSection, finishSocialLink } from './sections/social.js';
import { passkeysSection } from './sections/passkeys.js';
import { totpSection } from './sections/totp.js';
import { backupSection } from './sections/backup.js';
import { mfaSettingsSection } from './sections/mfa.js';
import { dangerSection } from './sections/danger.js';

const root = document.getElementById('app');

// GROUPS order the sections under the side navigation's headings.
const GROUPS = [
  ['nav.profile', [profileSection]],
  ['nav.contact', [contactSection]],
  ['nav.security', [passwordSection, socialSection, passkeysSection]],
  ['nav.mfa', [totpSection, backupSection, mfaSettingsSection]],
  ['', [dangerSection]],
];

function languagePicker() {
  const select = h('select', { id: 'lang', 'aria-label': t('app.language') },
    languages.map(([code, name]) => h('option', { value: code, text: name })));
  select.value = lang;
  select.addEventListener('change', () => {
    setLanguage(select.value);
    const url = new URL(location.href);
    url.searchParams.set('lang', select.value);
    history.replaceState(null, '', url);
    document.title = t('app.title');
    if (app.state.center) app.render();
    else showSignIn();
  });
  return select;
}

function topbar(me) {
  const who = me ? me.name || me.username || me.primaryEmail || me.primaryPhone || me.id : '';
  return h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), h('h1', { text: t('app.title') })),
    h('div', { class: 'tools' },
      languagePicker(),
      me ? h('div', { class: 'user', id: 'user-chip', title: t('app.signedInAs', { who }) },
        me.avatar ? h('img', { class: 'avatar small', src: me.avatar, alt: '' }) : h('span', { class: 'avatar small placeholder', 'aria-hidden': 'true', text: initials(me) }),
        h('span', { id: 'user-name', text: who })) : null,
      token.get() ? h('button', { type: 'button', class: 'secondary', id: 'sign-out', text: t('app.signOut'), on: { click: () => app.signedOut() } }) : null));
}

function showSignIn(notice) {
  document.title = t('app.title');
  root.replaceChildren(topbar(null), h('main', { class: 'single' }, signInPanel(start, notice)));
}

app.render = () => {
  const { center, me } = app.state;
  document.title = t('app.title');
  document.getElementById('custom-css').textContent = (center && center.customCss) || '';
  const nav = h('nav', { class: 'sidenav', 'aria-label': t('app.title') });
  const main = h('main', { id: 'main' });
  if (!center.enabled || !me) {
    main.append(h('section', { class: 'card', id: 'sec-disabled' }, h('p', { text: t('app.disabled') })));
  }
  for (const [heading, sections] of GROUPS) {
    if (!center.enabled || !me) break;
    const cards = sections.map((s) => s(app)).filter(Boolean);
    if (cards.length === 0) continue;
    // A heading over one link would only repeat it.
    if (heading && cards.length > 1) nav.append(h('span', { class: 'nav-heading', text: t(heading) }));
    for (const el of cards) {
      nav.append(h('a', { href: `#${el.id}`, text: el.querySelector('h2').textContent }));
      main.append(el);
    }
  }
  root.replaceChildren(topbar(me), h('div', { class: 'layout' }, nav, main));
  for (const [id, text] of Object.entries(app.flash)) {
    const msg = document.getElementById(`${id}-msg`);
    if (msg) showMessage(msg, text, 'error');
  }
  app.flash = {};
};

app.signedOut = (text, kind) => {
  token.clear();
  forgetVerification();
  app.state = { center: null, me: null, factors: [], mfaSettings: null };
  showSignIn(text ? { text, kind } : null);
};

// start loads the account and draws the page, finishing a social link
// first when the page is a provider's redirect target.
async function start() {
  if (!token.get()) {
    showSignIn();
    return;
  }
  root.replaceChildren(topbar(null), h('p', { class: 'loading', text: t('app.loading') }));
  try {
    await app.load();
    if (new URLSearchParams(location.search).has('social')) {
      const err = await finishSocialLink(app);
      if (err) app.flash['sec-social'] = describe(err);
      await app.load();
    }
  } catch (err) {
    app.fatal(err);
    return;
  }
  app.render();
}

// The tab coming back into view may find the settings or the account
// changed elsewhere (the admin, another tab): draw them anew if so.
document.addEventListener('visibilitychange', async () => {
  if (document.visibilityState !== 'visible' || !app.state.center || !token.get()) return;
  try {
    if (await app.load()) app.render();
  } catch (err) {
    app.fatal(err);
  }
});

setLanguage(lang);
start();
