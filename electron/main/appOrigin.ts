/** The renderer is served from app://sightline/ (a privileged standard scheme), never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sightline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True only for URLs on app://sightline/ itself: no other host, no port, no credentials. */
export function isAppUrl(raw: unknown): boolean {
  const u = parse(raw);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/** Links the app may hand to the system browser: plain https, without embedded credentials. */
export function isExternalLink(raw: unknown): boolean {
  const u = parse(raw);
  return u !== null && u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
}
