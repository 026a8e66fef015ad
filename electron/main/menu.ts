import type { MenuItemConstructorOptions } from 'electron';

export interface MenuInput {
  isDev: boolean;
  isMac: boolean;
}

/** File: Quit; Edit: standard roles; View: reload/DevTools only in development, fullscreen; Help: About. */
export function menuTemplate({ isDev, isMac }: MenuInput): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'togglefullscreen' }]
    : [{ role: 'togglefullscreen' }];
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    { label: '&View', submenu: view },
    { label: '&Help', role: 'help', submenu: [{ role: 'about', label: 'About Sightline' }] },
  ];
}
