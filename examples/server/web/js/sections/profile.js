// Profile: avatar, name, username, the OpenID profile claims and custom
// data. Each follows its own account-center field.

import { api } from '../api.js';
import { h, card, field, busy, toast, readOnlyBadge } from '../dom.js';
import { t } from '../i18n.js';

const CLAIMS = [
  ['givenName', 'profile.givenName'],
  ['familyName', 'profile.familyName'],
  ['middleName', 'profile.middleName'],
  ['nickname', 'profile.nickname'],
  ['preferredUsername', 'profile.preferredUsername'],
  ['website', 'profile.website', 'url'],
  ['profile', 'profile.profileUrl', 'url'],
  ['gender', 'profile.gender'],
  ['birthdate', 'profile.birthdate', 'date'],
  ['zoneinfo', 'profile.zoneinfo'],
  ['locale', 'profile.locale'],
];
const ADDRESS = [
  ['streetAddress', 'profile.streetAddress'],
  ['locality', 'profile.locality'],
  ['region', 'profile.region'],
  ['postalCode', 'profile.postalCode'],
  ['country', 'profile.country'],
];

// initials is what the avatar placeholder shows.
export function initials(me) {
  const s = (me.name || me.username || me.primaryEmail || '?').trim();
  return s.split(/\s+/).slice(0, 2).map((w) => w[0]).join('').toUpperCase();
}

export function profileSection(app) {
  const fields = ['avatar', 'name', 'username', 'profile', 'customData'];
  if (!fields.some((f) => app.readable(f))) return null;
  const me = app.state.me;
  const anyEdit = fields.some((f) => app.editable(f));
  const c = card('sec-profile', t('profile.title'), anyEdit ? 'Edit' : 'ReadOnly');

  if (app.readable('avatar')) c.body.append(avatarRow(app, c, me));
  if (app.readable('name')) {
    c.body.append(textRow(app, c, {
      id: 'name', label: t('profile.name'), value: me.name, mode: app.mode('name'), autocomplete: 'name',
      save: (value) => api.patch('/api/my-account', { name: value || null }),
    }));
  }
  if (app.readable('username')) {
    c.body.append(textRow(app, c, {
      id: 'username', label: t('profile.username'), value: me.username, mode: app.mode('username'),
      autocomplete: 'username', hint: t('profile.usernameHint'), pattern: '[A-Za-z_][A-Za-z0-9_]*',
      save: (value) => app.verified((vh) => api.patch('/api/my-account', { username: value || null }, { vh })),
    }));
  }
  if (app.readable('profile')) c.body.append(claimsForm(app, c, me.profile || {}));
  if (app.readable('customData')) c.body.append(customDataForm(app, c, me.customData || {}));
  return c.el;
}

function avatarRow(app, c, me) {
  const editable = app.editable('avatar');
  const pic = me.avatar
    ? h('img', { class: 'avatar large', id: 'avatar-img', src: me.avatar, alt: t('profile.avatar') })
    : h('span', { class: 'avatar large placeholder', id: 'avatar-img', 'aria-hidden': 'true', text: initials(me) });
  const file = h('input', { type: 'file', id: 'avatar-file', accept: 'image/png,image/jpeg,image/gif,image/webp,image/bmp', class: 'visually-hidden' });
  const upload = h('label', { for: 'avatar-file', class: 'button secondary', id: 'avatar-upload', text: t('profile.avatarUpload') });
  file.addEventListener('change', async () => {
    const chosen = file.files && file.files[0];
    if (!chosen) return;
    upload.textContent = t('profile.avatarUploading');
    try {
      const form = new FormData();
      form.append('file', chosen, chosen.name);
      const { url } = await api.post('/api/my-account/user-assets/avatar', form);
      await api.patch('/api/my-account', { avatar: url });
      toast(t('profile.avatarUpdated'));
      await app.reload();
    } catch (err) {
      upload.textContent = t('profile.avatarUpload');
      app.fail(c, err);
    }
  });
  const remove = me.avatar && editable
    ? h('button', {
      type: 'button', class: 'link', id: 'avatar-remove', text: t('app.remove'),
      on: {
        click: (e) => busy(e.currentTarget, async () => {
          try {
            await api.patch('/api/my-account', { avatar: null });
            toast(t('profile.avatarRemoved'));
            await app.reload();
          } catch (err) {
            app.fail(c, err);
          }
        }),
      },
    })
    : null;
  return h('div', { class: 'row avatar-row' },
    h('span', { class: 'row-label', text: t('profile.avatar') }),
    h('div', { class: 'row-value' }, pic, editable ? h('div', { class: 'inline' }, file, upload, remove) : null));
}

// textRow is a one-input form: the value, and Save when editable.
function textRow(app, c, { id, label, value, mode, save, hint, pattern, autocomplete }) {
  const editable = mode === 'Edit';
  const input = h('input', { type: 'text', value: value || '', disabled: !editable, autocomplete, pattern, placeholder: editable ? '' : t('app.notSet') });
  const button = editable ? h('button', { type: 'submit', class: 'primary', id: `${id}-save`, text: t('app.save') }) : null;
  const form = h('form', {
    class: 'row', id: `${id}-form`, 'data-mode': mode,
    on: {
      submit: async (e) => {
        e.preventDefault();
        await busy(button, async () => {
          try {
            await save(input.value.trim());
            toast(t('app.saved'));
            await app.reload();
          } catch (err) {
            app.fail(c, err);
          }
        });
      },
    },
  },
  h('span', { class: 'row-label' }, h('label', { for: `${id}-input`, text: label }), readOnlyBadge(mode)),
  h('div', { class: 'row-value' }, h('div', { class: 'inline' }, input, button), hint && editable ? h('small', { class: 'hint', text: hint }) : null));
  input.id = `${id}-input`;
  return form;
}

function claimsForm(app, c, profile) {
  const editable = app.editable('profile');
  const inputs = {};
  const address = profile.address || {};
  const grid = (list, values, prefix) => h('div', { class: 'grid' }, list.map(([key, label, type]) => {
    const input = h('input', { type: type || 'text', value: values[key] || '', disabled: !editable });
    inputs[prefix + key] = input;
    return field(`claim-${prefix}${key}`, t(label), input);
  }));
  const button = editable ? h('button', { type: 'submit', class: 'primary', id: 'claims-save', text: t('profile.saveDetails') }) : null;
  return disclosure('claims', t('profile.details'), h('form', {
    id: 'claims-form', 'data-mode': app.mode('profile'),
    on: {
      submit: async (e) => {
        e.preventDefault();
        const patch = {};
        for (const [key] of CLAIMS) {
          const v = inputs[key].value.trim();
          if (v !== (profile[key] || '')) patch[key] = v;
        }
        const addr = {};
        let addrChanged = false;
        for (const [key] of ADDRESS) {
          const v = inputs[`address.${key}`].value.trim();
          if (v) addr[key] = v;
          if (v !== (address[key] || '')) addrChanged = true;
        }
        if (addrChanged) patch.address = addr;
        await busy(button, async () => {
          try {
            await api.patch('/api/my-account/profile', patch);
            toast(t('app.saved'));
            await app.reload();
          } catch (err) {
            app.fail(c, err);
          }
        });
      },
    },
  },
  grid(CLAIMS, profile, ''),
  h('h4', { text: t('profile.address') }),
  grid(ADDRESS, address, 'address.'),
  button ? h('div', { class: 'actions' }, button) : null));
}

function customDataForm(app, c, data) {
  const editable = app.editable('customData');
  const area = h('textarea', { rows: 4, spellcheck: 'false', disabled: !editable, class: 'mono' });
  area.value = JSON.stringify(data, null, 2);
  const button = editable ? h('button', { type: 'submit', class: 'secondary', id: 'custom-data-save', text: t('app.save') }) : null;
  return disclosure('custom-data', t('profile.customData'), h('form', {
    id: 'custom-data-form', 'data-mode': app.mode('customData'),
    on: {
      submit: async (e) => {
        e.preventDefault();
        let value;
        try {
          value = JSON.parse(area.value || '{}');
        } catch {
          value = null;
        }
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          app.fail(c, new Error(t('profile.customDataInvalid')));
          return;
        }
        await busy(button, async () => {
          try {
            await api.patch('/api/my-account', { customData: value });
            toast(t('app.saved'));
            await app.reload();
          } catch (err) {
            app.fail(c, err);
          }
        });
      },
    },
  },
  field('custom-data', t('profile.customDataLabel'), area),
  button ? h('div', { class: 'actions' }, button) : null));
}

// opened remembers which disclosures the person opened, across renders.
const opened = new Set();

// disclosure folds rarely changed fields under a summary line.
function disclosure(id, title, content) {
  const el = h('details', { class: 'block', id: `${id}-details`, open: opened.has(id) },
    h('summary', { id: `${id}-summary`, text: title }), content);
  el.addEventListener('toggle', () => {
    if (el.open) opened.add(id);
    else opened.delete(id);
  });
  return el;
}
