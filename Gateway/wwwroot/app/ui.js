// A tiny DOM helper: h('tag.class', {attrs, on: {event}}, ...children). Text is always text, never HTML.
export function h(spec, props, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (props && (typeof props !== 'object' || props instanceof Node || Array.isArray(props))) { children.unshift(props); props = null; }
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key === 'on') for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false && value != null) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function mount(target, ...children) {
  target.replaceChildren();
  append(target, children);
}

let toastTimer;
export function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 3000);
}

/** A problem-details error in words: the server's detail, plus the wait for a rate limit. */
export function describe(error) {
  if (!error || !error.status) return error?.message || String(error);
  let text = error.message;
  if (error.status === 429 && error.retryAfter) text += ` (try again in ${error.retryAfter} s)`;
  return text;
}

/** A form's submit handler that shows a failure in words in the given element. */
export function submit(form, output, handler) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    output.textContent = '';
    output.className = 'error';
    const button = form.querySelector('button[type="submit"], button:not([type])');
    if (button) button.disabled = true;
    try {
      await handler(new FormData(form));
    } catch (error) {
      output.textContent = describe(error);
    } finally {
      if (button) button.disabled = false;
    }
  });
}

export const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
export const dateTime = (value) => new Date(value).toLocaleString();
export const short = (hash) => (hash ? `${hash.slice(0, 10)}…` : '');
