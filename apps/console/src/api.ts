import { useSyncExternalStore } from 'react';

/** RFC 9457 problem+json as the API sends it (messages in Chinese). */
export interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: { field: string; code: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `请求失败（HTTP ${problem.status}）`);
  }
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

// ---- the session: tokens in localStorage, observable so the app returns to the login page when they go

const KEY = 'techmarket.tokens';
const listeners = new Set<() => void>();
let tokens: Tokens | null = read();
/** Why the session ended, shown once on the login page. */
let endedBecause: string | null = null;

function read(): Tokens | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
}

function setTokens(t: Tokens | null, reason: string | null = null) {
  tokens = t;
  endedBecause = reason;
  if (t) localStorage.setItem(KEY, JSON.stringify(t));
  else localStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** True while a session (tokens) exists; re-renders when it ends. */
export const useLoggedIn = () => useSyncExternalStore(subscribe, () => tokens !== null);
export const takeEndReason = () => {
  const r = endedBecause;
  endedBecause = null;
  return r;
};

// ---- requests

type Query = Record<string, string | number | boolean | string[] | undefined | null>;

function url(path: string, query?: Query) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, String(one));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

async function send(method: string, path: string, body: unknown, query: Query | undefined, access: string | null): Promise<Response> {
  return fetch(url(path, query), {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(access ? { authorization: `Bearer ${access}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function problemOf(res: Response): Promise<ApiError> {
  const body = await res.json().catch(() => ({}));
  return new ApiError({ status: res.status, ...body });
}

/** One refresh at a time: parallel requests that all got 401 wait for the same new tokens. */
let refreshing: Promise<boolean> | null = null;

function refresh(): Promise<boolean> {
  const current = tokens;
  if (!current) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const res = await send('POST', '/auth/refresh', { refreshToken: current.refreshToken }, undefined, null);
      if (!res.ok) return false;
      const t = (await res.json()) as Tokens;
      setTokens({ accessToken: t.accessToken, refreshToken: t.refreshToken });
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * A request with the session's access token. On 401 the tokens are refreshed silently
 * (POST /auth/refresh) and the request is sent once more; when the refresh is refused the session
 * ends and the app shows the login page.
 */
export async function api<T>(method: string, path: string, opts: { body?: unknown; query?: Query } = {}): Promise<T> {
  const res = await withSession((access) => send(method, path, opts.body, opts.query, access));
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Sends with the access token; on 401 refreshes once and resends, or ends the session. Throws the problem of a failed answer. */
async function withSession(make: (access: string | null) => Promise<Response>): Promise<Response> {
  let res = await make(tokens?.accessToken ?? null);
  if (res.status === 401 && tokens) {
    if (await refresh()) res = await make(tokens?.accessToken ?? null);
    else {
      setTokens(null, '登录已过期，请重新登录');
      throw await problemOf(res);
    }
  }
  if (!res.ok) throw await problemOf(res);
  return res;
}

const bearer = (access: string | null): Record<string, string> => (access ? { authorization: `Bearer ${access}` } : {});

/** Uploads one file as multipart/form-data (field `file`), e.g. a spreadsheet to import. */
export async function upload<T>(path: string, query: Query, file: Blob, fileName: string): Promise<T> {
  const res = await withSession((access) => {
    const form = new FormData();
    form.append('file', file, fileName);
    return fetch(url(path, query), { method: 'POST', headers: { accept: 'application/json', ...bearer(access) }, body: form });
  });
  return (await res.json()) as T;
}

/**
 * Downloads a file the API makes (an XLSX export) with the session's token and saves it under
 * the name the API gives (Content-Disposition `filename*`, in Chinese).
 */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const res = await withSession((access) => fetch(url(path, query), { headers: bearer(access) }));
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : fallbackName;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export async function login(username: string, password: string): Promise<void> {
  const res = await send('POST', '/auth/login', { username, password }, undefined, null);
  if (!res.ok) throw await problemOf(res);
  const t = (await res.json()) as Tokens;
  setTokens({ accessToken: t.accessToken, refreshToken: t.refreshToken });
}

export async function logout(): Promise<void> {
  const t = tokens;
  if (t) await send('POST', '/auth/logout', { refreshToken: t.refreshToken }, undefined, t.accessToken).catch(() => undefined);
  setTokens(null);
}
