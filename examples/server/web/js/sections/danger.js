// Account deletion: a link to the app's own deletion page when the account
// center names one (deleteAccountUrl), and DELETE /api/my-account when the
// deleteAccount field allows it.

import { api } from '../api.js';
import { h, card, busy, confirmDialog } from '../dom.js';
import { t } from '../i18n.js';

export function dangerSection(app) {
  const url = app.state.center && app.state.center.deleteAccountUrl;
  const editable = app.editable('deleteAccount');
  if (!url && !editable) return null;
  const c = card('sec-danger', t('danger.title'), 'Edit', t('danger.lead'));
  c.el.classList.add('danger-zone');
  const actions = h('div', { class: 'actions left' });
  if (url && /^https?:\/\//.test(url)) {
    actions.append(h('a', { class: 'button secondary', href: url, rel: 'noopener', text: t('danger.external') }));
  }
  if (editable) {
    actions.append(h('button', {
      type: 'button', class: 'danger', id: 'account-delete', text: t('danger.delete'),
      on: {
        click: (e) => busy(e.currentTarget, async () => {
          try {
            await confirmDialog(t('danger.confirm'), t('danger.delete'));
            await app.verified((vh) => api.del('/api/my-account', { vh }));
            app.signedOut(t('danger.deleted'), 'success');
          } catch (err) {
            app.fail(c, err);
          }
        }),
      },
    }));
  }
  c.body.append(actions);
  return c.el;
}
