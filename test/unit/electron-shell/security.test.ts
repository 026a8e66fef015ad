import { describe, expect, it } from 'vitest';
import { isAppUrl, isExternalLink } from '../../../electron/main/appOrigin';
import {
  appContentSecurityPolicy,
  denyDevicePermission,
  denyPermissionCheck,
  denyPermissionRequest,
  hardenWebContents,
  isAllowedRequest,
  isTrustedSender,
  windowOpenHandler,
  type HardenableContents,
  type NavigationEvent,
} from '../../../electron/main/security';

function preventable(url = 'app://sightline/index.html'): NavigationEvent & { prevented: boolean } {
  const e = {
    url,
    prevented: false,
    preventDefault() {
      e.prevented = true;
    },
  };
  return e;
}

/** Records what hardening registers on a WebContents, so the handlers can be fired like Electron would. */
function fakeContents() {
  const listeners = new Map<string, (e: NavigationEvent) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const contents: HardenableContents = {
    on(event: string, listener: (e: NavigationEvent) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(h) {
      openHandler = h;
    },
  };
  return { contents, listeners, open: (url: string) => openHandler!({ url }) };
}

describe('app origin', () => {
  it('accepts only app://sightline itself', () => {
    expect(isAppUrl('app://sightline/index.html')).toBe(true);
    expect(isAppUrl('app://sightline/res/slides/1/tile.jpeg')).toBe(true);
    for (const bad of ['app://other/index.html', 'app://sightline.evil/', 'app://sightline@evil/', 'app://sightline:8080/', 'file:///app/index.html', 'http://sightline/', 'https://evil.example/', 'app:sightline/index.html', '', 'not a url', null, undefined, 42]) {
      expect(isAppUrl(bad), String(bad)).toBe(false);
    }
  });

  it('treats only credential-free https links as external links', () => {
    expect(isExternalLink('https://example.org/docs')).toBe(true);
    for (const bad of ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'https://user:pw@example.org/', 'app://sightline/']) {
      expect(isExternalLink(bad), bad).toBe(false);
    }
  });
});

describe('content security policy for app:// pages', () => {
  const csp = appContentSecurityPolicy();
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('allows scripts only from the app itself (no inline, no eval, no remote)', () => {
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(directive('default-src')).toBe("default-src 'self'");
  });

  it('lets the page reach nothing but its own origin and forbids plugins, framing, base and form tricks', () => {
    expect(directive('connect-src')).toBe("connect-src 'self'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('base-uri')).toBe("base-uri 'none'");
    expect(directive('form-action')).toBe("form-action 'none'");
  });
});

describe('web contents hardening', () => {
  it('prevents every navigation, including to app:// itself (the UI is one page that routes itself)', () => {
    const { contents, listeners } = fakeContents();
    hardenWebContents(contents, () => undefined);
    for (const event of ['will-navigate', 'will-frame-navigate']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://sightline/other.html']) {
        const e = preventable(url);
        listeners.get(event)!(e);
        expect(e.prevented, `${event} ${url}`).toBe(true);
      }
    }
  });

  it('refuses redirects that leave app://sightline/', () => {
    const { contents, listeners } = fakeContents();
    hardenWebContents(contents, () => undefined);
    const away = preventable('https://evil.example/');
    listeners.get('will-redirect')!(away);
    expect(away.prevented).toBe(true);
    const home = preventable('app://sightline/index.html');
    listeners.get('will-redirect')!(home);
    expect(home.prevented).toBe(false);
  });

  it('refuses to attach a <webview>', () => {
    const { contents, listeners } = fakeContents();
    hardenWebContents(contents, () => undefined);
    const e = preventable();
    listeners.get('will-attach-webview')!(e);
    expect(e.prevented).toBe(true);
  });

  it('never opens a new window; https links go to the system browser, nothing else does', () => {
    const opened: string[] = [];
    const { contents, open } = fakeContents();
    hardenWebContents(contents, (url) => opened.push(url));
    for (const url of ['https://example.org/help', 'http://example.org/', 'file:///etc/passwd', 'app://sightline/index.html', 'javascript:alert(1)']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.org/help']);
  });

  it('keeps denying when the system browser cannot be opened', async () => {
    const handler = windowOpenHandler(() => Promise.reject(new Error('no browser')));
    expect(handler({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const throwing = windowOpenHandler(() => {
      throw new Error('no browser');
    });
    expect(throwing({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  const ALL = ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'idle-detection', 'storage-access', 'fileSystem', 'display-capture', 'keyboardLock', 'unknown'];

  it('denies every permission request', () => {
    for (const p of ALL) {
      let granted: boolean | null = null;
      denyPermissionRequest(null, p, (g) => (granted = g));
      expect(granted, p).toBe(false);
    }
  });

  it('answers every permission check and device check with no', () => {
    for (const p of ALL) expect(denyPermissionCheck(null, p), p).toBe(false);
    expect(denyDevicePermission()).toBe(false);
  });
});

describe('session request filter', () => {
  it('lets through only the app origin and in-memory URLs', () => {
    expect(isAllowedRequest('app://sightline/assets/index.js', false)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', false)).toBe(true);
    expect(isAllowedRequest('blob:app://sightline/5b7e0c1a-1111-2222-3333-444455556666', false)).toBe(true);
    for (const url of ['https://evil.example/x.js', 'http://127.0.0.1:8080/api', 'ws://127.0.0.1:1/', 'file:///etc/passwd', 'app://other/x', 'blob:https://evil.example/1', 'devtools://devtools/bundled/x.html']) {
      expect(isAllowedRequest(url, false), url).toBe(false);
    }
  });

  it('lets DevTools load its own pages in development only', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', true)).toBe(true);
    expect(isAllowedRequest('https://evil.example/', true)).toBe(false);
  });
});

describe('IPC sender validation', () => {
  it('accepts frames showing app://sightline/', () => {
    expect(isTrustedSender({ url: 'app://sightline/index.html' })).toBe(true);
    expect(isTrustedSender({ url: 'app://sightline/library?case=3' })).toBe(true);
  });

  it('refuses file://, http, other app hosts, missing and destroyed frames', () => {
    for (const url of ['file:///home/u/index.html', 'http://evil.example/', 'https://evil.example/', 'app://other/index.html', 'app://sightline.evil/', 'about:blank', '']) {
      expect(isTrustedSender({ url }), url).toBe(false);
    }
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(destroyed)).toBe(false);
  });
});
