// The dev sign-in panel: the example server has no login of its own, so in
// dev mode the page creates a user (POST /dev/users) or mints a token for
// an existing one (POST /dev/tokens). An app embedding the library signs
// people in its own way and hands the page their access token; pasting one
// here does the same.

import { api, token } from '../api.js';
import { h, field, busy, showMessage } from '../dom.js';
import { t } from '../i18n.js';

// signInPanel draws the panel; signedIn() is called with the token kept.
export function signInPanel(signedIn, notice) {
  const msg = h('p', { class: 'msg', role: 'status', id: 'signin-msg' });
  if (notice) showMessage(msg, notice.text, notice.kind || 'error');

  const done = (accessToken) => {
    token.set(accessToken);
    signedIn();
  };
  const form = (id, fields, label, send) => {
    const submit = h('button', { type: 'submit', class: 'primary', id: `${id}-submit`, text: label });
    return h('form', {
      id, class: 'block',
      on: {
        submit: async (e) => {
          e.preventDefault();
          await busy(submit, async () => {
            try {
              done(await send());
            } catch (err) {
              showMessage(msg, err.message);
            }
          });
        },
      },
    }, ...fields, h('div', { class: 'actions left' }, submit));
  };

  const username = h('input', { type: 'text', autocomplete: 'off', pattern: '[A-Za-z_][A-Za-z0-9_]*' });
  const password = h('input', { type: 'password', autocomplete: 'new-password' });
  const userId = h('input', { type: 'text', autocomplete: 'off', required: true });
  const pasted = h('textarea', { rows: 3, required: true, spellcheck: 'false', class: 'mono' });

  return h('section', { class: 'card signin', id: 'signin' },
    h('header', { class: 'card-head' }, h('h2', { text: t('signin.title') })),
    h('p', { class: 'lead', text: t('signin.lead') }),
    h('div', { class: 'signin-grid' },
      form('signin-create', [
        h('h3', { text: t('signin.create') }),
        field('signin-username', t('signin.username'), username),
        field('signin-password', t('signin.password'), password, t('signin.passwordHint')),
      ], t('signin.createButton'), async () => {
        const body = {};
        if (username.value.trim()) body.username = username.value.trim();
        if (password.value) body.password = password.value;
        const res = await api.post('/dev/users', body, { anonymous: true });
        return res.accessToken;
      }),
      form('signin-existing', [
        h('h3', { text: t('signin.existing') }),
        field('signin-user-id', t('signin.userId'), userId),
      ], t('signin.existingButton'), async () => {
        const res = await api.post('/dev/tokens', { userId: userId.value.trim() }, { anonymous: true });
        return res.accessToken;
      })),
    h('details', { class: 'block' },
      h('summary', { text: t('signin.token') }),
      form('signin-token', [field('signin-token-value', t('signin.tokenLabel'), pasted)], t('signin.tokenButton'),
        async () => pasted.value.trim())),
    msg);
}
