import type { Database } from 'better-sqlite3';
import type { DraftingSettings } from '../../../shared/contract/review';
import { appendAudit } from '../audit/audit';
import { CoreError } from '../errors';

interface SettingsRow {
  backend: 'builtin' | 'openai';
  url: string;
  model: string;
  timeout_ms: number;
  retries: number;
  remote_confirmed_url: string | null;
}

const DEFAULTS: SettingsRow = { backend: 'builtin', url: '', model: '', timeout_ms: 60_000, retries: 2, remote_confirmed_url: null };

/** True when the URL's host is this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function parseUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CoreError('INVALID_INPUT', `"${url}" is not a URL; give the server's base URL, e.g. http://127.0.0.1:8080/v1.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CoreError('INVALID_INPUT', `The drafting URL must start with http:// or https://, not ${u.protocol}.`);
  return u;
}

function readRow(db: Database): SettingsRow {
  return (db.prepare('SELECT backend, url, model, timeout_ms, retries, remote_confirmed_url FROM drafting_settings WHERE id = 1').get() as SettingsRow | undefined) ?? DEFAULTS;
}

function toSettings(r: SettingsRow): DraftingSettings {
  const remote = r.url !== '' && !isLoopbackUrl(r.url);
  return { backend: r.backend, url: r.url, model: r.model, timeoutMs: r.timeout_ms, retries: r.retries, remote, remoteConfirmed: remote && r.remote_confirmed_url === r.url };
}

export function getDraftingSettings(db: Database): DraftingSettings {
  return toSettings(readRow(db));
}

export interface SaveSettingsInput {
  backend: 'builtin' | 'openai';
  url: string;
  model: string;
  timeoutMs: number;
  retries: number;
  confirmRemote: boolean;
}

/**
 * Saves the settings. Choosing the chat backend needs a URL and a model; a URL on another machine is refused
 * (code FORBIDDEN, so the UI can ask) until the user confirms that region images may be sent there.
 */
export function saveDraftingSettings(db: Database, actorId: number | null, input: SaveSettingsInput): DraftingSettings {
  const url = input.url.replace(/\/+$/, '');
  if (url) parseUrl(url);
  if (input.backend === 'openai') {
    if (!url) throw new CoreError('INVALID_INPUT', 'The chat backend needs the URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1.');
    if (!input.model) throw new CoreError('INVALID_INPUT', 'The chat backend needs a model name (as the server knows it).');
  }
  const before = readRow(db);
  const remote = url !== '' && !isLoopbackUrl(url);
  const alreadyConfirmed = before.remote_confirmed_url === url;
  if (input.backend === 'openai' && remote && !input.confirmRemote && !alreadyConfirmed) {
    throw new CoreError(
      'FORBIDDEN',
      `${new URL(url).host} is not this computer: region images and texts would be sent to it. Confirm that this is allowed to use it.`,
      { reason: 'remote-url', url },
    );
  }
  const row: SettingsRow = {
    backend: input.backend,
    url,
    model: input.model,
    timeout_ms: input.timeoutMs,
    retries: input.retries,
    remote_confirmed_url: remote && (input.confirmRemote || alreadyConfirmed) ? url : null,
  };
  db.transaction(() => {
    db.prepare(
      `INSERT INTO drafting_settings (id, backend, url, model, timeout_ms, retries, remote_confirmed_url, updated_at) VALUES (1, @backend, @url, @model, @timeout_ms, @retries, @remote_confirmed_url, @now)
       ON CONFLICT(id) DO UPDATE SET backend = excluded.backend, url = excluded.url, model = excluded.model, timeout_ms = excluded.timeout_ms, retries = excluded.retries,
       remote_confirmed_url = excluded.remote_confirmed_url, updated_at = excluded.updated_at`,
    ).run({ ...row, now: new Date().toISOString() });
    appendAudit(db, { actorId, action: 'review.settings.save', entity: 'drafting_settings', entityId: 1, before: toSettings(before), after: toSettings(row) });
  })();
  return toSettings(row);
}
