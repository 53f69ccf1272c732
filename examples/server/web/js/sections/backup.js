// Backup codes: generate a set (shown once, with a download), see how many
// are left, look at them again behind the identity re-check, replace them.

import { api } from '../api.js';
import { h, card, busy, toast, confirmDialog } from '../dom.js';
import { t } from '../i18n.js';
import { copy } from './totp.js';

const CODES_PER_SET = 10;

// fresh are codes just generated; shown are the stored codes fetched on
// request ({code, usedAt?}).
let fresh = null;
let shown = null;

export function backupSection(app) {
  if (!app.readable('mfa')) return null;
  const editable = app.editable('mfa');
  const factors = app.state.factors;
  const set = factors.find((f) => f.type === 'BackupCode');
  const hasOther = factors.some((f) => f.type === 'Totp' || f.type === 'WebAuthn');
  const c = card('sec-backup', t('backup.title'), app.mode('mfa'), t('backup.lead'));
  if (!set) {
    fresh = null;
    shown = null;
  }

  if (set) {
    c.body.append(h('p', { class: 'value', id: 'backup-remaining', 'data-remaining': String(set.remainCodes), text: t('backup.remaining', { n: set.remainCodes, total: CODES_PER_SET }) }));
  } else {
    c.body.append(h('p', { class: 'value muted', id: 'backup-remaining', 'data-remaining': '0', text: hasOther ? t('backup.none') : t('backup.needFactor') }));
  }

  if (fresh) {
    c.body.append(h('p', { class: 'notice', text: t('backup.fresh') }), codeList(fresh.map((code) => ({ code }))));
  } else if (shown) {
    c.body.append(codeList(shown));
  }

  const actions = h('div', { class: 'actions left' });
  if (fresh || shown) {
    const codes = (fresh || shown.filter((x) => !x.usedAt).map((x) => x.code));
    actions.append(
      h('button', { type: 'button', class: 'primary', id: 'backup-download', text: t('backup.download'), on: { click: () => download(app, codes) } }),
      h('button', { type: 'button', class: 'secondary', id: 'backup-copy', text: t('app.copy'), on: { click: () => copy(codes.join('\n')) } }),
      h('button', { type: 'button', class: 'link', id: 'backup-hide', text: t('backup.hide'), on: { click: () => { fresh = null; shown = null; app.render(); } } }));
  } else if (set) {
    actions.append(h('button', {
      type: 'button', class: 'secondary', id: 'backup-show', text: t('backup.show'),
      on: {
        click: (e) => busy(e.currentTarget, async () => {
          try {
            const res = await app.verified((vh) => api.get('/api/my-account/mfa-verifications/backup-codes', { vh }));
            shown = res.codes || [];
            app.render();
          } catch (err) {
            app.fail(c, err);
          }
        }),
      },
    }));
  }
  if (editable && hasOther) {
    actions.append(h('button', {
      type: 'button', class: set ? 'link' : 'primary', id: 'backup-generate', text: set ? t('backup.regenerate') : t('backup.generate'),
      on: { click: (e) => busy(e.currentTarget, () => generate(app, c, set)) },
    }));
  }
  if (actions.childElementCount) c.body.append(actions);
  return c.el;
}

function codeList(codes) {
  return h('ol', { class: 'codes', id: 'backup-codes' }, codes.map((x) => h('li', { class: x.usedAt ? 'used' : '' },
    h('code', { text: x.code }),
    x.usedAt ? h('small', { class: 'muted', text: ` ${t('backup.used')}` }) : null)));
}

// generate makes a new set and binds it. A set with unused codes must go
// first: the server refuses a second active set.
async function generate(app, c, set) {
  try {
    if (set) await confirmDialog(t('backup.confirmReplace'), t('backup.regenerate'));
    await app.verified(async (vh) => {
      if (set && set.remainCodes > 0) {
        await api.del(`/api/my-account/mfa-verifications/${encodeURIComponent(set.id)}`, { vh });
      }
      const { codes } = await api.post('/api/my-account/mfa-verifications/backup-codes/generate');
      await api.post('/api/my-account/mfa-verifications', { type: 'BackupCode', codes }, { vh });
      fresh = codes;
      shown = null;
    });
    toast(t('backup.generated'));
    await app.reload();
  } catch (err) {
    app.fail(c, err);
  }
}

// download saves the codes as a text file.
function download(app, codes) {
  const me = app.state.me;
  const who = me.primaryEmail || me.username || me.id;
  const text = `${t('backup.fileHeader', { who })}\n${location.origin}\n\n${codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = h('a', { href: url, download: 'backup-codes.txt', class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
