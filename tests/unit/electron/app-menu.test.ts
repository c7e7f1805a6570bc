import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuCommands, type MenuCommand } from '../../../shared/api/shell-events';
import { appMenuTemplate, type MenuDeps } from '../../../electron/main/app-menu';

function menu(platform: NodeJS.Platform, overrides: Partial<MenuDeps> = {}) {
  const sent: MenuCommand[] = [];
  const loginSettings: boolean[] = [];
  const template = appMenuTemplate({
    platform,
    send: (c) => sent.push(c),
    openAtLogin: false,
    setOpenAtLogin: (on) => loginSettings.push(on),
    isPackaged: true,
    ...overrides,
  });
  const items = (list: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    list.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
  const all = items(template);
  const byId = (id: string) => all.find((item) => item.id === id)!;
  const click = (id: string, checked?: boolean) => (byId(id).click as (item: { checked?: boolean }) => void)({ checked });
  return { template, all, byId, click, sent, loginSettings };
}

describe('the native menu', () => {
  it('has File, Edit, View, Window and Help, and the app menu on macOS', () => {
    expect(menu('linux').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(menu('win32').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(menu('darwin').template.map((m) => m.label)).toEqual(['Margin', '&File', '&Edit', '&View', '&Window', '&Help']);
    const mac = menu('darwin').template[0]!.submenu as MenuItemConstructorOptions[];
    expect(mac.map((i) => i.role).filter(Boolean)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('shows the editor’s shortcuts and sends each command to the renderer', () => {
    const { byId, click, sent } = menu('linux');
    expect(byId('document.new').accelerator).toBe('CmdOrCtrl+Alt+N');
    expect(byId('document.rename').accelerator).toBe('F2');
    expect(byId('view.focusMode').accelerator).toBe('CmdOrCtrl+Shift+F');
    expect(byId('view.darkTheme').accelerator).toBe('CmdOrCtrl+Shift+L');
    expect(byId('document.trash').accelerator).toBe('Delete');
    expect(byId('help.shortcuts').accelerator).toBe('CmdOrCtrl+/');
    // On Windows and Linux the page keeps its own keys: the accelerator is shown, not registered.
    for (const command of menuCommands) {
      const item = byId(command);
      expect(item, command).toBeDefined();
      if (item.accelerator) expect(item.registerAccelerator, command).toBe(false);
      click(command);
    }
    expect(sent).toEqual([...menuCommands]);
  });

  it('never takes Delete from the editor on macOS', () => {
    expect(menu('darwin').byId('document.trash').accelerator).toBeUndefined();
  });

  it('is quiet by default: open at login is off until the writer turns it on', () => {
    const { byId, click, loginSettings } = menu('linux');
    expect(byId('open-at-login')).toMatchObject({ type: 'checkbox', checked: false });
    click('open-at-login', true);
    expect(loginSettings).toEqual([true]);
    expect(menu('linux', { openAtLogin: true }).byId('open-at-login').checked).toBe(true);
  });

  it('offers developer tools only in a development build', () => {
    expect(menu('linux').all.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(menu('linux', { isPackaged: false }).all.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
