// Passkeys (WebAuthn): add one with the browser's own JSON helpers
// (PublicKeyCredential.parseCreationOptionsFromJSON, credential.toJSON()),
// list, rename and remove them. Governed by the passkey field, which
// falls back to mfa.

import { api } from '../api.js';
import { h, card, field, busy, toast, confirmDialog } from '../dom.js';
import { t, formatDate } from '../i18n.js';

// renaming is the id of the passkey whose name is being edited.
let renaming = null;

export function passkeysSection(app) {
  if (!app.readable('passkey')) return null;
  const editable = app.editable('passkey');
  const c = card('sec-passkeys', t('passkeys.title'), app.mode('passkey'), t('passkeys.lead'));
  const keys = app.state.factors.filter((f) => f.type === 'WebAuthn');
  const list = h('ul', { class: 'list', id: 'passkey-list' });
  if (keys.length === 0) list.append(h('li', { class: 'item muted', text: t('passkeys.none') }));
  for (const key of keys) list.append(item(app, c, key, editable));
  c.body.append(list);
  if (!editable) return c.el;

  const supported = typeof window.PublicKeyCredential === 'function' &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function';
  if (!supported) {
    c.body.append(h('p', { class: 'hint', text: t('passkeys.unsupported') }));
    return c.el;
  }
  const name = h('input', { type: 'text', maxlength: 64, placeholder: t('passkeys.defaultName') });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'passkey-add', text: t('passkeys.add') });
  c.body.append(h('form', {
    class: 'inline-form', id: 'passkey-form',
    on: {
      submit: async (e) => {
        e.preventDefault();
        await busy(submit, async () => {
          try {
            await add(app, name.value.trim() || t('passkeys.defaultName'));
            toast(t('passkeys.added'));
            await app.reload();
          } catch (err) {
            if (err && err.name === 'NotAllowedError') err = new Error(t('passkeys.cancelled'));
            app.fail(c, err);
          }
        });
      },
    },
  }, field('passkey-name', t('passkeys.name'), name), submit));
  return c.el;
}

// add runs the registration ceremony and binds the new passkey.
function add(app, name) {
  return app.verified(async (vh) => {
    const reg = await api.post('/api/verifications/web-authn/registration');
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(reg.registrationOptions);
    const credential = await navigator.credentials.create({ publicKey });
    if (!credential) throw new Error(t('passkeys.cancelled'));
    await api.post('/api/verifications/web-authn/registration/verify', {
      verificationRecordId: reg.verificationRecordId,
      payload: { ...credential.toJSON(), type: 'WebAuthn' },
    });
    await api.post('/api/my-account/mfa-verifications', {
      type: 'WebAuthn', newIdentifierVerificationRecordId: reg.verificationRecordId, name,
    }, { vh });
  });
}

function label(key) {
  return key.name || t('passkeys.unnamed');
}

function item(app, c, key, editable) {
  const when = [t('passkeys.createdAt', { date: formatDate(key.createdAt) })];
  if (key.lastUsedAt) when.push(t('passkeys.lastUsed', { date: formatDate(key.lastUsedAt) }));
  const main = h('div', { class: 'item-main' },
    h('strong', { class: 'passkey-name', text: label(key) }),
    h('small', { class: 'muted', text: when.join(' · ') }));
  let actions = null;
  if (editable && renaming === key.id) {
    const input = h('input', { type: 'text', value: key.name || '', maxlength: 64, required: true, 'aria-label': t('app.rename') });
    const save = h('button', { type: 'submit', class: 'primary', id: `passkey-rename-save-${key.id}`, text: t('app.save') });
    setTimeout(() => input.focus());
    actions = h('form', {
      class: 'inline', id: `passkey-rename-form-${key.id}`,
      on: {
        submit: async (e) => {
          e.preventDefault();
          await busy(save, async () => {
            try {
              await app.verified((vh) => api.patch(`/api/my-account/mfa-verifications/${encodeURIComponent(key.id)}/name`, { name: input.value.trim() }, { vh }));
              renaming = null;
              toast(t('passkeys.renamed'));
              await app.reload();
            } catch (err) {
              app.fail(c, err);
            }
          });
        },
      },
    }, input, save, h('button', { type: 'button', class: 'secondary', text: t('app.cancel'), on: { click: () => { renaming = null; app.render(); } } }));
  } else if (editable) {
    actions = h('div', { class: 'inline' },
      h('button', { type: 'button', class: 'secondary', id: `passkey-rename-${key.id}`, text: t('app.rename'), on: { click: () => { renaming = key.id; app.render(); } } }),
      h('button', {
        type: 'button', class: 'link danger', id: `passkey-remove-${key.id}`, text: t('app.remove'),
        on: {
          click: (e) => busy(e.currentTarget, async () => {
            try {
              await confirmDialog(t('passkeys.confirmRemove', { name: label(key) }), t('app.remove'));
              await app.verified((vh) => api.del(`/api/my-account/mfa-verifications/${encodeURIComponent(key.id)}`, { vh }));
              toast(t('passkeys.removed'));
              await app.reload();
            } catch (err) {
              app.fail(c, err);
            }
          }),
        },
      }));
  }
  return h('li', { class: 'item passkey', 'data-id': key.id },
    h('span', { class: 'item-icon', 'aria-hidden': 'true' }, keyIcon()), main, actions);
}

// keyIcon is a small key drawn in SVG (no icon font or emoji needed).
function keyIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M7 14a3 3 0 1 1 0-6 3 3 0 0 1 0 6zm0-8a5 5 0 1 0 4.58 7H14v2h2v-2h2v3h2v-5h-8.42A5 5 0 0 0 7 6z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}
