// The page's only door to the server: fetch with the bearer token, the
// page's language as Accept-Language (so error messages come back
// localized), and the server's {code, message, data} errors as ApiError.

import { lang, t } from './i18n.js';

const TOKEN_KEY = 'myaccount.token';

// ApiError is an error answer: status, stable code, localized message.
export class ApiError extends Error {
  constructor(status, code, message, data) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.data = data;
  }
}

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (value) => localStorage.setItem(TOKEN_KEY, value),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

// request sends one call. body is sent as JSON, or as is when it is
// FormData; vh is the logto-verification-id of a verified record; anonymous
// leaves the token out.
export async function request(method, path, { body, vh, anonymous = false } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang };
  const bearer = token.get();
  if (bearer && !anonymous) headers.Authorization = `Bearer ${bearer}`;
  if (vh) headers['logto-verification-id'] = vh;
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body: payload, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', t('error.network'));
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const obj = data && typeof data === 'object' ? data : {};
    throw new ApiError(res.status, obj.code || `http.${res.status}`, obj.message || res.statusText || `HTTP ${res.status}`, obj.data);
  }
  return data;
}

export const api = {
  get: (path, opts) => request('GET', path, opts),
  post: (path, body, opts) => request('POST', path, { ...opts, body }),
  put: (path, body, opts) => request('PUT', path, { ...opts, body }),
  patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
  del: (path, opts) => request('DELETE', path, opts),
};
