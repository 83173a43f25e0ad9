import type { MenuItemConstructorOptions } from 'electron';
import type { TrayModel } from '../core/expiry/tray-model';

export interface TrayActions {
  openWindow(): void;
  openKey(keyId: string, action: 'open' | 'rotate'): void;
  copySecret(keyId: string): void;
  checkNow(): void;
  quit(): void;
}

/** Pure: the native menu for a tray model. Each urgent key gets Rotate, Copy secret and Open. */
export function trayMenuTemplate(model: TrayModel, actions: TrayActions): MenuItemConstructorOptions[] {
  const keys: MenuItemConstructorOptions[] = model.items.map((item) => ({
    label: item.label,
    submenu: [
      { label: 'Rotate…', click: () => actions.openKey(item.keyId, 'rotate') },
      { label: 'Copy secret', click: () => actions.copySecret(item.keyId) },
      { label: 'Open', click: () => actions.openKey(item.keyId, 'open') },
    ],
  }));
  if (model.moreCount > 0) keys.push({ label: `${model.moreCount} more…`, click: () => actions.openWindow() });
  return [
    { label: model.tooltip.replace(/^Keydeck — /, ''), enabled: false },
    ...(keys.length ? [{ type: 'separator' as const }, ...keys] : []),
    { type: 'separator' },
    { label: 'Open Keydeck', click: () => actions.openWindow() },
    { label: 'Check now', click: () => actions.checkNow() },
    { type: 'separator' },
    { label: 'Quit Keydeck', click: () => actions.quit() },
  ];
}
