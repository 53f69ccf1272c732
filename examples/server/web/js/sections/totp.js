// Authenticator app (TOTP): a new secret shown as a QR code (drawn by
// qr.js) and as text, confirmed with a code from the app; replace it with
// a new one, or remove it.

import { api } from '../api.js';
import { h, card, field, busy, toast, confirmDialog } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { qrSVG } from '../qr.js';

// pending is a secret being set up: {secret, uri, replacing}.
let pending = null;

export function totpSection(app) {
  if (!app.readable('mfa')) return null;
  const editable = app.editable('mfa');
  const factor = app.state.factors.find((f) => f.type === 'Totp');
  const c = card('sec-totp', t('totp.title'), app.mode('mfa'), t('totp.lead'));
  const status = h('p', { class: 'value', id: 'totp-state', 'data-on': factor ? 'true' : 'false', text: factor ? t('totp.on', { date: formatDate(factor.createdAt) }) : t('totp.off') });
  c.body.append(status);
  if (!editable) {
    pending = null;
    return c.el;
  }
  if (pending) {
    c.body.append(setupForm(app, c));
    return c.el;
  }
  const start = (replacing) => (e) => busy(e.currentTarget, async () => {
    try {
      const res = await api.post('/api/my-account/mfa-verifications/totp-secret/generate');
      pending = { secret: res.secret, uri: res.otpauthUri || otpauthURI(res.secret, app.state.me), replacing };
      app.render();
    } catch (err) {
      app.fail(c, err);
    }
  });
  if (factor) {
    c.body.append(h('div', { class: 'actions left' },
      h('button', { type: 'button', class: 'secondary', id: 'totp-replace', text: t('totp.replace'), on: { click: start(true) } }),
      h('button', {
        type: 'button', class: 'link danger', id: 'totp-remove', text: t('app.remove'),
        on: {
          click: (e) => busy(e.currentTarget, async () => {
            try {
              await confirmDialog(t('totp.confirmRemove'), t('app.remove'));
              await app.verified((vh) => api.del(`/api/my-account/mfa-verifications/${encodeURIComponent(factor.id)}`, { vh }));
              toast(t('totp.removed'));
              await app.reload();
            } catch (err) {
              app.fail(c, err);
            }
          }),
        },
      })));
  } else {
    c.body.append(h('div', { class: 'actions left' },
      h('button', { type: 'button', class: 'primary', id: 'totp-setup', text: t('totp.setUp'), on: { click: start(false) } })));
  }
  return c.el;
}

// otpauthURI builds the key URI an authenticator app reads, for a server
// that answers only the secret (as Logto does).
function otpauthURI(secret, me) {
  const issuer = location.hostname;
  const account = me.primaryEmail || me.primaryPhone || me.username || me.id;
  const q = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?${q}`;
}

function setupForm(app, c) {
  const { secret, uri, replacing } = pending;
  const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, pattern: '\\d{6}', maxlength: 6 });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'totp-confirm', text: t('totp.confirm') });
  const qr = qrSVG(uri, { label: t('totp.scan'), px: 176 });
  qr.id = 'totp-qr';
  qr.dataset.uri = uri;
  const grouped = secret.replace(/(.{4})/g, '$1 ').trim();
  setTimeout(() => code.focus());
  return h('form', {
    class: 'totp-setup', id: 'totp-form',
    on: {
      submit: async (e) => {
        e.preventDefault();
        await busy(submit, async () => {
          try {
            const value = code.value.trim();
            await app.verified((vh) => (replacing
              ? api.put('/api/my-account/mfa-verifications/totp', { secret, code: value }, { vh })
              : api.post('/api/my-account/mfa-verifications', { type: 'Totp', secret, code: value }, { vh })));
            pending = null;
            toast(replacing ? t('totp.replaced') : t('totp.added'));
            await app.reload();
          } catch (err) {
            app.fail(c, err);
          }
        });
      },
    },
  },
  h('div', { class: 'qr' }, qr),
  h('div', { class: 'totp-steps' },
    h('p', { text: t('totp.scan') }),
    h('div', { class: 'secret' },
      h('span', { class: 'row-label', text: t('totp.secret') }),
      h('code', { id: 'totp-secret', 'data-secret': secret, text: grouped }),
      h('button', {
        type: 'button', class: 'link', id: 'totp-copy', text: t('app.copy'),
        on: { click: () => copy(secret) },
      })),
    field('totp-code', t('totp.code'), code),
    h('div', { class: 'actions left' },
      submit,
      h('button', { type: 'button', class: 'secondary', id: 'totp-cancel', text: t('app.cancel'), on: { click: () => { pending = null; app.render(); } } }))));
}

// copy puts text on the clipboard when the browser lets the page do it.
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast(t('app.copied'));
  } catch {
    // No clipboard permission (an insecure origin, say): the text is on
    // the page to select by hand.
  }
}
