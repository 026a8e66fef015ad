import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/main/menu';

const roles = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
const menu = (t: MenuItemConstructorOptions[], label: string) => t.find((m) => m.label?.replace('&', '') === label)!;

describe('application menu', () => {
  it('has File, Edit, View and Help', () => {
    const t = menuTemplate({ isDev: false, isMac: false });
    expect(t.map((m) => m.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(roles(menu(t, 'File').submenu as MenuItemConstructorOptions[])).toEqual(['quit']);
    expect(roles(menu(t, 'Edit').submenu as MenuItemConstructorOptions[])).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(roles(menu(t, 'Help').submenu as MenuItemConstructorOptions[])).toEqual(['about']);
  });

  it('offers reload and DevTools only in development; fullscreen always', () => {
    const prod = roles(menu(menuTemplate({ isDev: false, isMac: false }), 'View').submenu as MenuItemConstructorOptions[]);
    expect(prod).toEqual(['togglefullscreen']);
    const dev = roles(menu(menuTemplate({ isDev: true, isMac: false }), 'View').submenu as MenuItemConstructorOptions[]);
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'togglefullscreen']));
    expect(roles(menuTemplate({ isDev: false, isMac: true }))).not.toContain('toggleDevTools');
  });

  it('follows macOS conventions there (app menu first, File closes the window)', () => {
    const t = menuTemplate({ isDev: false, isMac: true });
    expect(t[0].role).toBe('appMenu');
    expect(roles(menu(t, 'File').submenu as MenuItemConstructorOptions[])).toEqual(['close']);
  });
});
