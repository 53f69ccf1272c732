// The identity re-check: sensitive routes want a verified record in the
// logto-verification-id header: a password record, or a code
// sent to the user's current email or phone. A record can be reused until
// it expires (ten minutes), so the page keeps it for this tab and asks
// again only when it is gone or the server refuses it.

import { api, ApiError } from './api.js';
import { h, modal, field, busy } from './dom.js';
import { t } from './i18n.js';

const KEY = 'myaccount.verification';
// Ask again a little before the server would refuse the record.
const MARGIN_MS = 30_000;

function load(userId) {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (v && v.userId === userId && Date.parse(v.expiresAt) - MARGIN_MS > Date.now()) return v.id;
  } catch {
    // a damaged entry is as good as none
  }
  return null;
}

function keep(userId, id, expiresAt) {
  sessionStorage.setItem(KEY, JSON.stringify({ userId, id, expiresAt }));
}

export function forgetVerification() {
  sessionStorage.removeItem(KEY);
}

// reverifyWithPassword replaces the kept record after a password change:
// the server ends every record made before it, and the person has just
// typed the new password, so the page proves it at once rather than ask.
// A failure here is no failure of the change: the page asks next time.
export async function reverifyWithPassword(me, password) {
  forgetVerification();
  try {
    const rec = await api.post('/api/verifications/password', { password });
    keep(me.id, rec.verificationRecordId, rec.expiresAt);
  } catch {
    // asked for again when a route wants it
  }
}

// verified runs fn(vh) with a verification record id, asking the person to
// confirm who they are when there is none. With optional, a user who has
// no password, email or phone (nothing to verify with) is let through
// without one, as the routes with a conditional check allow.
// A refused record (expired meanwhile) is dropped and asked for once more.
export async function verified(me, fn, { optional = false } = {}) {
  if (optional && !me.hasSecurityVerificationMethod) return fn(undefined);
  let vh = load(me.id) || (await ask(me));
  try {
    return await fn(vh);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'verification_record.permission_denied') throw err;
    forgetVerification();
    vh = await ask(me);
    return fn(vh);
  }
}

// methods are the ways this user can prove who they are.
function methods(me) {
  const out = [];
  if (me.hasPassword) out.push({ kind: 'password', label: t('verify.withPassword') });
  if (me.primaryEmail) out.push({ kind: 'email', label: t('verify.withEmail'), to: me.primaryEmail });
  if (me.primaryPhone) out.push({ kind: 'phone', label: t('verify.withPhone'), to: me.primaryPhone });
  return out;
}

// ask opens the dialog and resolves with a verified record id.
function ask(me) {
  const available = methods(me);
  if (available.length === 0) {
    return Promise.reject(new ApiError(401, 'verification_record.permission_denied', t('verify.noMethod')));
  }
  return modal('verify-dialog', t('verify.title'), (close, cancel) => {
    const error = h('p', { class: 'msg error', role: 'alert', id: 'verify-error' });
    const pane = h('div', { class: 'verify-pane' });
    const tabs = available.length > 1
      ? h('div', { class: 'tabs', role: 'tablist' }, available.map((m) => h('button', {
        type: 'button', role: 'tab', class: 'tab', id: `verify-tab-${m.kind}`, text: m.label,
        on: { click: () => show(m) },
      })))
      : null;

    const fail = (err) => {
      error.textContent = err.message;
    };

    function passwordForm() {
      const input = h('input', { type: 'password', autocomplete: 'current-password', required: true });
      const submit = h('button', { type: 'submit', class: 'primary', id: 'verify-submit', text: t('app.continue') });
      const form = h('form', {
        on: {
          submit: async (e) => {
            e.preventDefault();
            error.textContent = '';
            await busy(submit, async () => {
              try {
                const rec = await api.post('/api/verifications/password', { password: input.value });
                keep(me.id, rec.verificationRecordId, rec.expiresAt);
                close(rec.verificationRecordId);
              } catch (err) {
                fail(err);
              }
            });
          },
        },
      }, field('verify-password', t('verify.password'), input), actions(submit));
      setTimeout(() => input.focus());
      return form;
    }

    function codeForm(m) {
      const identifier = { type: m.kind, value: m.to };
      let record;
      const code = h('input', { inputmode: 'numeric', autocomplete: 'one-time-code', required: true, maxlength: 6 });
      const send = h('button', { type: 'button', class: 'secondary', id: 'verify-send', text: t('verify.sendTo', { to: m.to }) });
      const submit = h('button', { type: 'submit', class: 'primary', id: 'verify-submit', text: t('app.continue'), disabled: true });
      send.addEventListener('click', () => busy(send, async () => {
        error.textContent = '';
        try {
          record = await api.post('/api/verifications/verification-code', { identifier });
          submit.disabled = false;
          code.focus();
        } catch (err) {
          fail(err);
        }
      }));
      return h('form', {
        on: {
          submit: async (e) => {
            e.preventDefault();
            if (!record) return;
            error.textContent = '';
            await busy(submit, async () => {
              try {
                await api.post('/api/verifications/verification-code/verify', {
                  identifier, verificationId: record.verificationRecordId, code: code.value.trim(),
                });
                keep(me.id, record.verificationRecordId, record.expiresAt);
                close(record.verificationRecordId);
              } catch (err) {
                fail(err);
              }
            });
          },
        },
      }, send, field('verify-code', t('verify.code'), code), actions(submit));
    }

    function actions(submit) {
      return h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'verify-cancel', text: t('app.cancel'), on: { click: cancel } }),
        submit);
    }

    function show(m) {
      error.textContent = '';
      pane.replaceChildren(m.kind === 'password' ? passwordForm() : codeForm(m));
      if (tabs) {
        for (const b of tabs.children) b.setAttribute('aria-selected', String(b.id === `verify-tab-${m.kind}`));
      }
    }

    show(available[0]);
    return h('div', {}, h('p', { class: 'lead', text: t('verify.lead') }), tabs, pane, error);
  });
}
