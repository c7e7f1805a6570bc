import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/shell-events';

export interface MenuDeps {
  platform: NodeJS.Platform;
  /** Sends a command to the focused window's renderer (over its studio port, as a `menu:command` event). */
  send(command: MenuCommand): void;
  openAtLogin: boolean;
  setOpenAtLogin(on: boolean): void;
  /** Developer tools only in a development build. */
  isPackaged: boolean;
}

/**
 * An editor command as a menu item. The renderer already handles these keys itself, so on
 * Windows and Linux the accelerator is shown but not registered (registering it would take
 * the key away from the page); on macOS the menu owns the key and the renderer gets the
 * `menu:command` event instead.
 */
const command = (deps: MenuDeps, label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
  label,
  id: cmd,
  ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
  click: () => deps.send(cmd),
});

/** File, Edit, View, Window, Help (and the app menu on macOS), with the editor's shortcuts. */
export function appMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const mac = deps.platform === 'darwin';
  const openAtLogin: MenuItemConstructorOptions = {
    label: 'Open Margin at Login',
    id: 'open-at-login',
    type: 'checkbox',
    checked: deps.openAtLogin,
    click: (item) => deps.setOpenAtLogin(item.checked),
  };
  const appMenu: MenuItemConstructorOptions = {
    label: 'Margin',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      openAtLogin,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command(deps, 'New Document', 'document.new', 'CmdOrCtrl+Alt+N'),
      command(deps, 'Rename Document', 'document.rename', 'F2'),
      command(deps, 'Take Snapshot', 'document.snapshot'),
      // Delete stays the page's own key on macOS, where a registered accelerator would take it from the editor.
      command(deps, 'Move to Trash', 'document.trash', mac ? undefined : 'Delete'),
      { type: 'separator' },
      ...(mac ? [{ role: 'close' } as const] : [openAtLogin, { type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command(deps, 'Focus Mode', 'view.focusMode', 'CmdOrCtrl+Shift+F'),
      command(deps, 'Dark Theme', 'view.darkTheme', 'CmdOrCtrl+Shift+L'),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(deps.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const]),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [command(deps, 'Keyboard Shortcuts', 'help.shortcuts', 'CmdOrCtrl+/'), ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const])],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help];
}
