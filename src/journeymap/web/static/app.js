/* journeymap pages: what every page shares. No inline script: CSP allows only files from here. */
export const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

/** Call the JSON API; resolves to {ok, status, data, etag}, never rejects: status 0 when the server cannot be reached. */
export async function api(method, url, body, headers) {
  const options = { method, credentials: "same-origin", headers: Object.assign({ "X-CSRF-Token": csrf() }, headers || {}) };
  if (body !== undefined) {
    if (typeof body === "string" || body instanceof Blob) {
      options.body = body;
    } else {
      options.body = JSON.stringify(body);
      options.headers["Content-Type"] = "application/json";
    }
  }
  let response;
  try {
    response = await fetch(url, options);
  } catch (error) {
    return { ok: false, status: 0, data: null, etag: null }; // offline, or the page is closing: callers read status 0
  }
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return { ok: response.ok, status: response.status, data, etag: response.headers.get("ETag") };
}

/** Replace {name} placeholders of a translated string. */
export function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
}

/** Pick the plural form of a count message ({one, few, many, other} from the server's catalog) and fill it in. */
export function plural(forms, count, values) {
  const category = new Intl.PluralRules(document.documentElement.lang || "en").select(count);
  const text = forms[category] ?? forms.other ?? Object.values(forms).pop();
  return format(text, { count, ...values });
}

/** Make an element: attributes, then children (strings become text nodes, never HTML). */
export function el(tag, attrs, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * A button that shows only ``symbol`` (an arrow, ×, +): ``title`` is its tooltip and, unless ``label`` says
 * otherwise, its accessible name; ``danger`` marks one that removes something.
 */
export function iconButton(symbol, { title, label, onclick, danger, key }) {
  return el("button", { type: "button", class: danger ? "icon danger" : "icon", title, "aria-label": label ?? title, "data-key": key, onclick }, symbol);
}

export function errorMessage(answer) {
  if (answer.status === 0) return document.body.dataset.unreachable;
  return (answer.data && answer.data.error && answer.data.error.message) || String(answer.status);
}

/** Ask ``question`` in the page's own modal dialog (keyboard and screen reader reach it; Esc cancels); resolve true when confirmed. */
export function confirmDialog(question) {
  const dialog = document.getElementById("confirm-dialog");
  dialog.querySelector("#confirm-dialog-text").textContent = question;
  dialog.returnValue = "";
  const opener = document.activeElement;
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      if (opener && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === "confirm");
    }, { once: true });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-autosubmit]")) {
    form.querySelector("select").addEventListener("change", () => form.submit());
    form.querySelector('button[type="submit"]').classList.add("js-hidden");
  }
  const print = document.getElementById("print");
  if (print) print.addEventListener("click", () => window.print());
});
