// Linked social accounts. Linking leaves the page for the provider's
// sign-in and comes back with its answer in the query string; the page
// then verifies that answer (POST /api/verifications/social/verify) and
// links the identity (POST /api/my-account/identities).

import { api } from '../api.js';
import { h, card, busy, toast, confirmDialog } from '../dom.js';
import { t } from '../i18n.js';

// CONNECTORS are the social connectors this deployment offers. The Account
// API has no route that lists them, so an app names its own; the example
// server has the mock one in dev mode.
const CONNECTORS = [{ id: 'mock-social', target: 'mock-social', name: 'Mock social' }];

const PENDING = 'myaccount.social';
const CALLBACK_PARAM = 'social';

export function socialSection(app) {
  if (!app.readable('social')) return null;
  const editable = app.editable('social');
  const identities = app.state.me.identities || {};
  const c = card('sec-social', t('social.title'), app.mode('social'));
  const list = h('ul', { class: 'list', id: 'social-list' });
  for (const conn of CONNECTORS) {
    const linked = identities[conn.target];
    const who = linked ? (linked.details && (linked.details.name || linked.details.email)) || linked.userId : '';
    const action = !editable ? null : linked
      ? h('button', { type: 'button', class: 'secondary', id: `social-unlink-${conn.id}`, text: t('social.unlink'), on: { click: (e) => unlink(app, c, conn, e.currentTarget) } })
      : h('button', { type: 'button', class: 'primary', id: `social-link-${conn.id}`, text: t('social.link'), on: { click: (e) => link(app, c, conn, e.currentTarget) } });
    list.append(h('li', { class: 'item', id: `social-${conn.id}`, 'data-linked': linked ? 'true' : 'false' },
      h('span', { class: 'item-icon', 'aria-hidden': 'true', text: conn.name[0] }),
      h('div', { class: 'item-main' },
        h('strong', { text: conn.name }),
        h('small', { class: 'muted', id: `social-state-${conn.id}`, text: linked ? t('social.linked', { who }) : t('social.notLinked') })),
      action));
  }
  c.body.append(list);
  return c.el;
}

async function link(app, c, conn, button) {
  await busy(button, async () => {
    try {
      // Confirm who the person is before leaving: the record comes back
      // with the pending link, so the page asks nothing after the return.
      await app.verified(async (vh) => {
        const state = crypto.randomUUID();
        const redirectUri = `${location.origin}${location.pathname}?${CALLBACK_PARAM}=${encodeURIComponent(conn.id)}`;
        const rec = await api.post('/api/verifications/social', { connectorId: conn.id, state, redirectUri });
        sessionStorage.setItem(PENDING, JSON.stringify({ connectorId: conn.id, state, recordId: rec.verificationRecordId, vh: vh || null }));
        location.assign(rec.authorizationUri);
      }, { optional: true });
    } catch (err) {
      app.fail(c, err);
    }
  });
}

async function unlink(app, c, conn, button) {
  await busy(button, async () => {
    try {
      await confirmDialog(t('social.confirmUnlink', { name: conn.name }), t('social.unlink'));
      await app.verified((vh) => api.del(`/api/my-account/identities/${encodeURIComponent(conn.target)}`, { vh }), { optional: true });
      toast(t('social.unlinkedToast', { name: conn.name }));
      await app.reload();
    } catch (err) {
      app.fail(c, err);
    }
  });
}

// finishSocialLink completes a link when the page is the provider's
// redirect target; it reports an error to show, or null. The query string
// is cleaned either way, so a reload does not replay it.
export async function finishSocialLink(app) {
  const params = new URLSearchParams(location.search);
  const connectorId = params.get(CALLBACK_PARAM);
  if (!connectorId) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  params.delete(CALLBACK_PARAM);
  const data = Object.fromEntries(params.entries());
  const clean = new URLSearchParams();
  if (params.has('lang')) clean.set('lang', params.get('lang'));
  history.replaceState(null, '', location.pathname + (clean.size ? `?${clean}` : ''));
  if (!pending || pending.connectorId !== connectorId || pending.state !== data.state) {
    return new Error(t('social.stateMismatch'));
  }
  delete data.lang;
  const conn = CONNECTORS.find((x) => x.id === connectorId) || { name: connectorId };
  try {
    await api.post('/api/verifications/social/verify', { verificationRecordId: pending.recordId, connectorData: data });
    const body = { newIdentifierVerificationRecordId: pending.recordId };
    if (pending.vh) {
      try {
        await api.post('/api/my-account/identities', body, { vh: pending.vh });
      } catch (err) {
        if (err.code !== 'verification_record.permission_denied') throw err;
        await app.verified((vh) => api.post('/api/my-account/identities', body, { vh }), { optional: true });
      }
    } else {
      await app.verified((vh) => api.post('/api/my-account/identities', body, { vh }), { optional: true });
    }
    toast(t('social.linkedToast', { name: conn.name }));
    return null;
  } catch (err) {
    return err;
  }
}
