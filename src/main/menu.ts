import type { MenuItemConstructorOptions } from 'electron';

/** What a menu item asks the window to do; the screens act on it. */
export type MenuCommand =
  | { command: 'new' | 'open' | 'open-demo' | 'import' | 'export' | 'check' | 'methodology' }
  | { command: 'open-path'; path: string };

export function menuTemplate(
  send: (command: MenuCommand) => void,
  recent: readonly string[],
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New engagement…', accelerator: 'CmdOrCtrl+N', click: () => send({ command: 'new' }) },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => send({ command: 'open' }) },
      {
        label: 'Open Recent',
        submenu: recent.length
          ? recent.map((path) => ({ label: path, click: () => send({ command: 'open-path', path }) }))
          : [{ label: 'No recent engagements', enabled: false }],
      },
      { label: 'Open demo engagement', click: () => send({ command: 'open-demo' }) },
      { type: 'separator' },
      { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => send({ command: 'import' }) },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => send({ command: 'export' }) },
      { type: 'separator' },
      // SQLite's full checks of the open file; opening runs them only after an unclean close.
      { label: 'Check engagement…', click: () => send({ command: 'check' }) },
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [{ label: 'Methodology', click: () => send({ command: 'methodology' }) }],
    },
  ];
}
