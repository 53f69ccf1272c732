// Small DOM helpers: an element builder, the card every section is drawn
// in, form rows, notices and the modal dialogs.

import { t } from './i18n.js';

// h builds an element. props: class, text, html is not supported on
// purpose (everything shown is text), on: {event: handler}, any other key
// is an attribute (true sets it empty, false/null/undefined leaves it out).
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// card is a section's frame: a title, a badge when the account center
// makes it read-only, an optional lead, a message line, and the body.
export function card(id, title, mode, lead) {
  const body = h('div', { class: 'card-body' });
  const msg = h('p', { class: 'msg', role: 'status', 'aria-live': 'polite', id: `${id}-msg` });
  const el = h('section', { class: 'card', id, 'data-mode': mode },
    h('header', { class: 'card-head' },
      h('h2', { text: title }),
      mode === 'ReadOnly' ? h('span', { class: 'badge', text: t('app.readOnly') }) : null),
    lead ? h('p', { class: 'lead', text: lead }) : null,
    msg, body);
  return { el, body, msg };
}

// readOnlyBadge marks one read-only field inside an editable card.
export function readOnlyBadge(mode) {
  return mode === 'ReadOnly' ? h('span', { class: 'badge small', text: t('app.readOnly') }) : null;
}

// showMessage writes a success or error line into a card's message area.
export function showMessage(msg, text, kind = 'error') {
  msg.textContent = text;
  msg.className = `msg ${kind}`;
}

// field is a labelled input.
export function field(id, label, input, hint) {
  input.id = id;
  return h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    input,
    hint ? h('small', { class: 'hint', text: hint }) : null);
}

// busy disables a button while work runs, and returns the work's result.
export async function busy(button, work) {
  if (!button) return work();
  const wasDisabled = button.disabled;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = wasDisabled;
    button.removeAttribute('aria-busy');
  }
}

let toastTimer;
// toast shows a short notice at the bottom of the page.
export function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 3500);
}

// Cancelled is what a dialog rejects with when the person closes it.
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

// modal opens a <dialog> with title and content; build(close) returns the
// content and gets close(value) to resolve the promise. Escape or the
// cancel button reject with Cancelled.
export function modal(id, title, build) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const dialog = h('dialog', { id, class: 'dialog', 'aria-labelledby': `${id}-title` });
    const close = (value, error) => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      if (error) reject(error);
      else resolve(value);
    };
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      close(undefined, new Cancelled());
    });
    dialog.append(h('h2', { id: `${id}-title`, text: title }), build(close, () => close(undefined, new Cancelled())));
    document.body.append(dialog);
    dialog.showModal();
  });
}

// confirmDialog asks a yes/no question; it resolves true or rejects with
// Cancelled.
export function confirmDialog(text, confirmLabel = t('app.confirm'), danger = true) {
  return modal('confirm-dialog', t('app.confirm'), (close, cancel) => h('div', {},
    h('p', { text }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', id: 'confirm-cancel', text: t('app.cancel'), on: { click: cancel } }),
      h('button', { type: 'button', class: danger ? 'danger' : 'primary', id: 'confirm-ok', text: confirmLabel, on: { click: () => close(true) } }))));
}
