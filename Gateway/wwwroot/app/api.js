// The public HTTP API, with the bearer token kept for this tab (sessionStorage) and errors as ApiError.
const TOKEN = 'chainchat.token';
const USER = 'chainchat.user';

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? null;
    this.problem = problem ?? {};
    this.retryAfter = retryAfter;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN); },
  get user() { return sessionStorage.getItem(USER); },
  /** The token's subject: the user id (the case-folded username). */
  get userId() {
    const token = this.token;
    if (!token) return null;
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes)).sub;
    } catch { return null; }
  },
  set(token, user) { sessionStorage.setItem(TOKEN, token); sessionStorage.setItem(USER, user); },
  clear() { sessionStorage.removeItem(TOKEN); sessionStorage.removeItem(USER); },
};

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw await failure(response, path);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A refused request as ApiError (its problem details when the body has them); an expired token signs out. */
async function failure(response, path) {
  let problem = null;
  try {
    const text = await response.text();
    problem = text ? JSON.parse(text) : null;
  } catch { /* not JSON (a proxy's error page): the status says enough */ }
  if (response.status === 401 && session.token && !path.startsWith('/api/auth')) {
    session.clear();
    location.hash = '#/signin';
  }
  const retry = Number(response.headers.get('retry-after')) || problem?.retry_after_seconds || null;
  return new ApiError(response.status, problem, retry);
}

/**
 * Sends one file to POST /api/uploads (multipart, the part named "file") and answers the upload's JSON:
 * upload_id, kind (image, audio, video or file) and what the server read from the bytes.
 */
export async function upload(file) {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers = { accept: 'application/json' };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  const response = await fetch('/api/uploads', { method: 'POST', headers, body: form });
  if (!response.ok) throw await failure(response, '/api/uploads');
  return response.json();
}

/** Bytes the page cannot name in a src (they need the bearer token), e.g. an upload, as a Blob. */
export async function blob(path) {
  const headers = {};
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  const response = await fetch(path, { headers });
  if (!response.ok) throw await failure(response, path);
  return response.blob();
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

let chainInfo;
/** The coin's decimals, from GET /api/chain/info (cached for the page). */
export async function info() {
  chainInfo ??= await get('/api/chain/info');
  return chainInfo;
}

/** Units (integer) as coins, e.g. 150000000 -> "1.5". */
export function coins(units, unitsPerCoin = 100000000) {
  const negative = units < 0;
  const abs = BigInt(Math.abs(units));
  const per = BigInt(unitsPerCoin);
  const whole = abs / per;
  let fraction = (abs % per).toString().padStart(String(unitsPerCoin).length - 1, '0').replace(/0+$/, '');
  return (negative ? '-' : '') + whole.toString() + (fraction ? '.' + fraction : '');
}

/** Coins typed by a person ("1.5") as units, or null when it is not a number of coins. */
export function units(text, unitsPerCoin = 100000000) {
  const match = /^\s*(\d+)(?:[.,](\d+))?\s*$/.exec(text ?? '');
  const decimals = String(unitsPerCoin).length - 1;
  if (!match || (match[2] && match[2].length > decimals)) return null;
  return Number(match[1]) * unitsPerCoin + Number((match[2] ?? '').padEnd(decimals, '0') || 0);
}

export const path = (strings, ...values) => strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
