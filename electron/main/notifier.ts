import { Notification } from 'electron';
import type { Notice } from '../core/expiry/notices';
import type { Notifier } from '../core/ports';

/**
 * Native notifications for the core's notices. Same id = same notification: the old one is
 * closed before the new one shows, so a worse tier replaces rather than stacks.
 */
export class ElectronNotifier implements Notifier {
  private readonly shown = new Map<string, Notification>();

  constructor(private readonly onClick: (notice: Notice) => void) {}

  notify(notice: Notice): void {
    if (!Notification.isSupported()) return;
    this.withdraw(notice.id);
    const n = new Notification({ title: notice.title, body: notice.body });
    n.on('click', () => this.onClick(notice));
    n.on('close', () => {
      if (this.shown.get(notice.id) === n) this.shown.delete(notice.id);
    });
    this.shown.set(notice.id, n);
    n.show();
  }

  withdraw(id: string): void {
    const n = this.shown.get(id);
    this.shown.delete(id);
    n?.close();
  }
}
