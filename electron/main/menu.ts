import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * Standard roles only, so copy and paste work in every field. Reload and
 * DevTools exist only in development: a reload drops the renderer's state,
 * and DevTools have no place on a clinic workstation.
 */
export function buildAppMenu(options: { isPackaged: boolean; platform: NodeJS.Platform; onAbout: () => void }): Menu {
  const development: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

  const template: MenuItemConstructorOptions[] = [
    ...(options.platform === 'darwin'
      ? [
          {
            label: 'Consent Desk',
            submenu: [
              { label: 'About Consent Desk', click: () => options.onAbout() },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...development,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Consent Desk', click: () => options.onAbout() }] },
  ];
  return Menu.buildFromTemplate(template);
}
