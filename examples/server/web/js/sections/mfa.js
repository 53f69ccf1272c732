// Sign-in settings of two-step verification: whether to skip the second
// factor at sign-in (GET/PATCH /api/my-account/mfa-settings).

import { api } from '../api.js';
import { h, card, toast } from '../dom.js';
import { t } from '../i18n.js';

export function mfaSettingsSection(app) {
  const settings = app.state.mfaSettings;
  if (!app.readable('mfa') || !settings) return null;
  const editable = app.editable('mfa');
  const c = card('sec-mfa', t('mfa.title'), app.mode('mfa'));
  const box = h('input', { type: 'checkbox', id: 'mfa-skip', checked: settings.skipMfaOnSignIn === true, disabled: !editable });
  box.addEventListener('change', async () => {
    const wanted = box.checked;
    box.disabled = true;
    try {
      await app.verified((vh) => api.patch('/api/my-account/mfa-settings', { skipMfaOnSignIn: wanted }, { vh }));
      toast(t('mfa.updated'));
      await app.reload();
    } catch (err) {
      box.checked = !wanted;
      box.disabled = false;
      app.fail(c, err);
    }
  });
  c.body.append(h('label', { class: 'switch', for: 'mfa-skip' }, box, h('span', { text: t('mfa.skip') })),
    h('small', { class: 'hint', text: t('mfa.skipHint') }));
  return c.el;
}
