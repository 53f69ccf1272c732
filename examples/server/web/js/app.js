// The page's state and the few things every section needs: what the
// account center allows for a field, reloading the account, running a
// sensitive change behind the identity re-check, and showing errors.

import { api, ApiError } from './api.js';
import { Cancelled, showMessage } from './dom.js';
import { t, has } from './i18n.js';
import { verified, reverifyWithPassword } from './verify.js';

export const app = {
  state: {
    center: null, // GET /api/.well-known/account-center
    me: null, // GET /api/my-account
    factors: [], // GET /api/my-account/mfa-verifications (when mfa is readable)
    mfaSettings: null, // GET /api/my-account/mfa-settings
  },
  // flash holds a message per card for the next render, when an error
  // makes the page reload its state (the card is drawn anew).
  flash: {},
  // render is set by main.js: it draws the page from state.
  render: () => {},
  // signedOut is set by main.js: it drops the token and shows the sign-in.
  signedOut: () => {},

  // mode is the account center's setting for a field: Off, ReadOnly or
  // Edit. An absent field is Off; passkey falls back to mfa.
  mode(field) {
    const c = this.state.center;
    if (!c || !c.enabled) return 'Off';
    const fields = c.fields || {};
    if (field === 'passkey') return fields.passkey || fields.mfa || 'Off';
    return fields[field] || 'Off';
  },
  readable(field) {
    return this.mode(field) !== 'Off';
  },
  editable(field) {
    return this.mode(field) === 'Edit';
  },

  // load fetches everything the page shows. It answers whether anything
  // changed since the last load.
  async load() {
    const [center, me] = await Promise.all([
      api.get('/api/.well-known/account-center', { anonymous: true }),
      // With the account center off, every account route answers
      // account_center.not_enabled: the page says so instead of failing.
      api.get('/api/my-account').catch((err) => {
        if (err instanceof ApiError && err.code === 'account_center.not_enabled') return null;
        throw err;
      }),
    ]);
    const before = JSON.stringify([this.state.center, this.state.me, this.state.factors, this.state.mfaSettings]);
    this.state.center = center;
    this.state.me = me;
    this.state.factors = [];
    this.state.mfaSettings = null;
    if (me && this.readable('mfa')) {
      const [factors, settings] = await Promise.all([
        api.get('/api/my-account/mfa-verifications').catch(() => []),
        api.get('/api/my-account/mfa-settings').catch(() => null),
      ]);
      this.state.factors = Array.isArray(factors) ? factors : [];
      this.state.mfaSettings = settings;
    }
    return before !== JSON.stringify([this.state.center, this.state.me, this.state.factors, this.state.mfaSettings]);
  },

  // reload loads and draws the page again.
  async reload() {
    try {
      await this.load();
    } catch (err) {
      this.fatal(err);
      return;
    }
    this.render();
  },

  // reverifyWithPassword keeps a record of the new password after a
  // password change (the server ends the older ones).
  reverifyWithPassword(password) {
    return reverifyWithPassword(this.state.me, password);
  },

  // verified runs fn(vh) behind the identity re-check (verify.js).
  verified(fn, opts) {
    return verified(this.state.me, fn, opts);
  },

  // fail shows err in a card. A cancelled dialog is no error; an expired
  // token signs out; an account-center refusal means the settings changed
  // under the page, so it reloads them and keeps the message for the card.
  fail(c, err) {
    if (err instanceof Cancelled) return;
    if (err instanceof ApiError && err.status === 401 && err.code.startsWith('auth.')) {
      this.signedOut(t('app.sessionExpired'));
      return;
    }
    const text = describe(err);
    showMessage(c.msg, text, 'error');
    if (err instanceof ApiError && err.code.startsWith('account_center.')) {
      this.flash[c.el.id] = text;
      this.reload();
    }
  },

  // fatal handles an error while loading the whole page.
  fatal(err) {
    if (err instanceof ApiError && err.status === 401) {
      this.signedOut(t('app.sessionExpired'));
      return;
    }
    this.signedOut(describe(err));
  },
};

// describe turns an error into what the person reads: the server's
// localized message, plus the reasons of a rejected password.
export function describe(err) {
  if (!(err instanceof Error)) return String(err);
  let text = err.message;
  if (err instanceof ApiError && err.code === 'password.rejected' && Array.isArray(err.data)) {
    const reasons = err.data
      .map((issue) => {
        const key = `password.issue.${issue.code}`;
        return has(key) ? t(key, issue.interpolation || {}) : '';
      })
      .filter(Boolean);
    if (reasons.length) text += ` ${reasons.join(' ')}`;
  }
  return text;
}
