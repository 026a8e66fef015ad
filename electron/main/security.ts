import { OSD_MOBILE_CSS_HASH } from '../../shared/security/cspHashes';
import { isAppUrl, isExternalLink } from './appOrigin';

/**
 * The policy for every app:// page: same spirit as browser mode's, but there is no WebSocket (events come over
 * IPC), so nothing but the app's own origin is reachable. 'self' is app://sightline (a standard, secure scheme).
 */
export function appContentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${OSD_MOBILE_CSS_HASH}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  url: string;
}

/** The renderer is a single page that routes itself: no navigation of any frame is ever needed. */
export function denyNavigation(e: PreventableEvent): void {
  e.preventDefault();
}

/** <webview> is disabled in webPreferences; this refuses attaching one even if that ever changed. */
export function denyWebview(e: PreventableEvent): void {
  e.preventDefault();
}

/** Redirects (none of ours ever redirect) may not lead away from app://sightline/. */
export function denyForeignRedirect(e: NavigationEvent): void {
  if (!isAppUrl(e.url)) e.preventDefault();
}

export type OpenExternal = (url: string) => unknown;

/** No new Electron windows ever; https links (target=_blank) open in the system browser instead. */
export function windowOpenHandler(openExternal: OpenExternal): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    if (isExternalLink(url)) {
      try {
        void Promise.resolve(openExternal(url)).catch(() => undefined);
      } catch {
        // The system browser is a convenience; failing to open it must not affect the app.
      }
    }
    return { action: 'deny' };
  };
}

/** Permissions the UI needs. Empty: no camera, microphone, geolocation, notifications, clipboard-read, MIDI, HID… */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function denyPermissionRequest(_webContents: unknown, permission: string, callback: (granted: boolean) => void): void {
  callback(GRANTED_PERMISSIONS.has(permission));
}

export function denyPermissionCheck(_webContents: unknown, permission: string): boolean {
  return GRANTED_PERMISSIONS.has(permission);
}

export function denyDevicePermission(): boolean {
  return false;
}

/**
 * Network requests the session lets through: only the app's own origin and in-memory data/blob URLs
 * (plus DevTools' own pages in development). Everything else (http, https, ws, file, ftp…) is cancelled.
 */
export function isAllowedRequest(url: string, isDev: boolean): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:app://sightline/')) return true;
  return isDev && url.startsWith('devtools://');
}

/** The subset of Electron's WebContents that hardening touches (typed structurally so it is testable). */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-frame-navigate', listener: (e: PreventableEvent) => void): unknown;
  on(event: 'will-redirect', listener: (e: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Applied to every WebContents the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: HardenableContents, openExternal: OpenExternal): void {
  contents.on('will-navigate', denyNavigation);
  contents.on('will-frame-navigate', denyNavigation);
  contents.on('will-redirect', denyForeignRedirect);
  contents.on('will-attach-webview', denyWebview);
  contents.setWindowOpenHandler(windowOpenHandler(openExternal));
}

/** The IPC sender check: only frames currently showing app://sightline/… may call the core. */
export function isTrustedSender(frame: { readonly url: string } | null | undefined): boolean {
  if (!frame) return false;
  try {
    return isAppUrl(frame.url);
  } catch {
    // A frame that was destroyed mid-call throws on access: not trusted.
    return false;
  }
}
