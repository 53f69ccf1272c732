// Email and phone: change one with a code sent to the new address (send,
// enter, confirm), or remove it. Setting or removing needs the identity
// re-check.

import { api } from '../api.js';
import { h, card, field, busy, toast, confirmDialog, readOnlyBadge } from '../dom.js';
import { t } from '../i18n.js';

// flows keeps a change under way across renders: {step: 'enter'} or
// {step: 'code', value, recordId, verified}.
const flows = { email: null, phone: null };

const KINDS = {
  email: {
    field: 'email', key: 'primaryEmail', route: '/api/my-account/primary-email', body: 'email',
    label: 'contact.email', newLabel: 'contact.newEmail', type: 'email', autocomplete: 'email',
    updated: 'contact.emailUpdated', removed: 'contact.emailRemoved', confirmRemove: 'contact.confirmRemoveEmail',
  },
  phone: {
    field: 'phone', key: 'primaryPhone', route: '/api/my-account/primary-phone', body: 'phone',
    label: 'contact.phone', newLabel: 'contact.newPhone', type: 'tel', autocomplete: 'tel', pattern: '\\d+',
    updated: 'contact.phoneUpdated', removed: 'contact.phoneRemoved', confirmRemove: 'contact.confirmRemovePhone',
  },
};

export function contactSection(app) {
  const shown = Object.values(KINDS).filter((k) => app.readable(k.field));
  if (shown.length === 0) return null;
  const anyEdit = shown.some((k) => app.editable(k.field));
  const c = card('sec-contact', t('contact.title'), anyEdit ? 'Edit' : 'ReadOnly');
  for (const [kind, k] of Object.entries(KINDS)) {
    if (app.readable(k.field)) c.body.append(row(app, c, kind, k));
  }
  return c.el;
}

function row(app, c, kind, k) {
  const me = app.state.me;
  const current = me[k.key];
  const editable = app.editable(k.field);
  const flow = editable ? flows[kind] : null;
  const redraw = () => app.render();

  const value = h('span', { class: current ? 'value' : 'value muted', id: `${kind}-value`, text: current || t('app.notSet') });
  const buttons = editable && !flow
    ? h('div', { class: 'inline' },
      h('button', {
        type: 'button', class: 'secondary', id: `${kind}-change`, text: current ? t('app.change') : t('app.add'),
        on: { click: () => { flows[kind] = { step: 'enter' }; redraw(); } },
      }),
      current ? h('button', {
        type: 'button', class: 'link danger', id: `${kind}-remove`, text: t('app.remove'),
        on: { click: (e) => remove(app, c, kind, k, current, e.currentTarget) },
      }) : null)
    : null;

  let step = null;
  if (flow && flow.step === 'enter') step = enterForm(app, c, kind, k);
  if (flow && flow.step === 'code') step = codeForm(app, c, kind, k, flow);

  return h('div', { class: 'row', id: `${kind}-row`, 'data-mode': app.mode(k.field) },
    h('span', { class: 'row-label' }, t(k.label), readOnlyBadge(app.mode(k.field))),
    h('div', { class: 'row-value' }, h('div', { class: 'inline spread' }, value, buttons), step));
}

// send asks the server to send a code to value and moves to the code step.
async function send(app, c, kind, value) {
  const rec = await api.post('/api/verifications/verification-code', { identifier: { type: kind, value } });
  flows[kind] = { step: 'code', value, recordId: rec.verificationRecordId, verified: false };
  app.render();
}

function enterForm(app, c, kind, k) {
  const input = h('input', { type: k.type, required: true, autocomplete: k.autocomplete, pattern: k.pattern, inputmode: kind === 'phone' ? 'numeric' : undefined });
  const submit = h('button', { type: 'submit', class: 'primary', id: `${kind}-send`, text: t('contact.sendCode') });
  setTimeout(() => input.focus());
  return h('form', {
    class: 'step', id: `${kind}-enter-form`,
    on: {
      submit: async (e) => {
        e.preventDefault();
        await busy(submit, async () => {
          try {
            await send(app, c, kind, input.value.trim());
          } catch (err) {
            app.fail(c, err);
          }
        });
      },
    },
  },
  field(`${kind}-new`, t(k.newLabel), input),
  h('div', { class: 'actions' }, cancelButton(app, kind), submit));
}

function codeForm(app, c, kind, k, flow) {
  const input = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, maxlength: 6 });
  const submit = h('button', { type: 'submit', class: 'primary', id: `${kind}-confirm`, text: t('contact.verifyAndSave') });
  const resend = h('button', {
    type: 'button', class: 'link', id: `${kind}-resend`, text: t('contact.resend'),
    on: {
      click: (e) => busy(e.currentTarget, async () => {
        try {
          await send(app, c, kind, flow.value);
        } catch (err) {
          app.fail(c, err);
        }
      }),
    },
  });
  setTimeout(() => input.focus());
  return h('form', {
    class: 'step', id: `${kind}-code-form`,
    on: {
      submit: async (e) => {
        e.preventDefault();
        await busy(submit, async () => {
          try {
            if (!flow.verified) {
              await api.post('/api/verifications/verification-code/verify', {
                identifier: { type: kind, value: flow.value }, verificationId: flow.recordId, code: input.value.trim(),
              });
              // The code is spent: a second try (say, after a cancelled
              // re-check) must not send it again.
              flow.verified = true;
            }
            await app.verified((vh) => api.post(k.route, { [k.body]: flow.value, newIdentifierVerificationRecordId: flow.recordId }, { vh }));
            flows[kind] = null;
            toast(t(k.updated));
            await app.reload();
          } catch (err) {
            app.fail(c, err);
          }
        });
      },
    },
  },
  h('p', { class: 'hint', id: `${kind}-code-sent`, text: t('contact.codeSent', { to: flow.value }) }),
  field(`${kind}-code`, t('contact.code'), input),
  h('div', { class: 'actions' }, resend, cancelButton(app, kind), submit));
}

function cancelButton(app, kind) {
  return h('button', {
    type: 'button', class: 'secondary', id: `${kind}-cancel`, text: t('app.cancel'),
    on: { click: () => { flows[kind] = null; app.render(); } },
  });
}

async function remove(app, c, kind, k, value, button) {
  await busy(button, async () => {
    try {
      await confirmDialog(t(k.confirmRemove, { value }), t('app.remove'));
      await app.verified((vh) => api.del(k.route, { vh }));
      toast(t(k.removed));
      await app.reload();
    } catch (err) {
      app.fail(c, err);
    }
  });
}
