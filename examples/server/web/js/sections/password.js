// Password: set or change it. A user with a password, email or phone
// confirms who they are first; one with none of them may set a first
// password directly.

import { api } from '../api.js';
import { h, card, field, busy, toast, showMessage } from '../dom.js';
import { t } from '../i18n.js';

export function passwordSection(app) {
  if (!app.readable('password')) return null;
  const me = app.state.me;
  const editable = app.editable('password');
  const c = card('sec-password', t('password.title'), app.mode('password'));
  c.body.append(h('p', { class: 'value', id: 'password-state', text: me.hasPassword ? t('password.isSet') : t('password.notSet') }));
  if (!editable) return c.el;

  const first = h('input', { type: 'password', autocomplete: 'new-password', required: true });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'password-save', text: me.hasPassword ? t('password.saveChange') : t('password.saveSet') });
  c.body.append(h('form', {
    class: 'block', id: 'password-form',
    on: {
      submit: async (e) => {
        e.preventDefault();
        if (first.value !== again.value) {
          showMessage(c.msg, t('password.mismatch'));
          return;
        }
        await busy(submit, async () => {
          try {
            await app.verified((vh) => api.post('/api/my-account/password', { password: first.value }, { vh }), { optional: true });
            await app.reverifyWithPassword(first.value);
            first.value = '';
            again.value = '';
            toast(t('password.updated'));
            await app.reload();
          } catch (err) {
            app.fail(c, err);
          }
        });
      },
    },
  },
  h('div', { class: 'grid' }, field('password-new', t('password.new'), first), field('password-repeat', t('password.repeat'), again)),
  h('div', { class: 'actions' }, submit)));
  return c.el;
}
