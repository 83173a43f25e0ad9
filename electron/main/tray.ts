import { app, Menu, nativeImage, Tray } from 'electron';
import type { TrayModel } from '../core/expiry/tray-model';
import type { StatusIndicator } from '../core/ports';
import { trayMenuTemplate, type TrayActions } from './tray-menu';
import { TRAY_ICON, TRAY_ICON_ALERT } from './tray-icons';

/** Renders the core's tray model. Created after app 'ready'; updates before that are kept and applied then. */
export class TrayIndicator implements StatusIndicator {
  private tray: Tray | null = null;
  private pending: TrayModel | null = null;

  constructor(private readonly actions: TrayActions) {}

  attach(): void {
    this.tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON));
    this.tray.on('click', () => this.actions.openWindow());
    if (this.pending) this.update(this.pending);
  }

  update(model: TrayModel): void {
    if (!this.tray) {
      this.pending = model;
      return;
    }
    this.tray.setImage(nativeImage.createFromDataURL(model.badgeCount > 0 ? TRAY_ICON_ALERT : TRAY_ICON));
    this.tray.setToolTip(model.tooltip);
    // macOS shows text next to the icon; elsewhere the tooltip and the red dot carry the count.
    if (process.platform === 'darwin') this.tray.setTitle(model.badgeCount > 0 ? String(model.badgeCount) : '');
    app.setBadgeCount(model.badgeCount);
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model, this.actions)));
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }
}
