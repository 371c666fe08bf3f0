// What every page of the project does the same way, served by each service from service-support (so a page loads
// nothing from elsewhere): one helper to render, one to call an API, one to read a token. Pages are ES modules that
// import these; each keeps its own i18n table. A missing value renders as nothing, never as "null" or "undefined".

/**
 * An element with attributes and children: {@code on…} attributes are listeners, {@code class} the class name,
 * {@code true} an empty attribute; null, undefined and false attributes and children are left out.
 */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.substring(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Replaces an element's children: null, undefined and false children are left out (the DOM would write "null"). */
export function fill(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false)
    .map(c => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return parent;
}

/** A value as text for the page: empty for a missing value, never "null", "undefined" or "NaN". */
export function text(value) {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? '' : String(value);
}

/**
 * Calls a JSON API: {@code base + path} with {@code method}, a body if one is given (JSON, or as it is with
 * {@code type} its content type: a spreadsheet's bytes), the bearer token and other {@code headers} if given. Answers
 * the parsed body (null when empty); throws an Error whose message is the problem's detail and each field's message
 * (RFC 9457) in the page's language, with {@code status} and the problem's {@code errors} set.
 */
export async function call(base, method, path, { body, token, type, headers: extra } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': language(), ...(extra || {}) };
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = type || 'application/json';
  const sent = body === undefined ? undefined : type ? body : JSON.stringify(body);
  const response = await fetch(base + path, { method, headers, body: sent });
  const raw = await response.text();
  let data = null;
  try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
  if (!response.ok) {
    throw problem(response.status, data);
  }
  return data;
}

/** The page's language as the services' problems take it (Accept-Language): what the page shows, it or en. */
export function language() {
  return document.documentElement.lang || 'en';
}

/** An Error from a problem document (or from the status alone when the body is not one). */
export function problem(status, data) {
  const detail = data && (data.detail || data.title) ? (data.detail || data.title) : String(status);
  const fields = data && Array.isArray(data.errors) && data.errors.length ? ': ' + data.errors.map(e => e.message).join('; ') : '';
  const error = new Error(detail + fields);
  error.status = status;
  error.errors = data && Array.isArray(data.errors) ? data.errors : [];
  return error;
}

/** The claims of a JWT (its payload, base64url and UTF-8 decoded: names with accents stay right), or null. */
export function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part + '='.repeat((4 - part.length % 4) % 4)), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return null;
  }
}
