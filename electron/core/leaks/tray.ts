import type { StatusIndicator } from '../ports';
import type { TrayItem, TrayModel } from '../expiry/tray-model';

export interface LeakTrayEntry {
  keyId: string;
  keyName: string;
  findings: number;
  exposed: boolean;
}

/** Above every expiry tier: a leaked secret is usable by someone else today. */
const LEAK_SEVERITY = 10;

/**
 * Puts keys with open leak findings into the tray the expiry watcher computes: the watcher's
 * model passes through, leak entries go first and count in the badge. Sits between the core and
 * the shell's indicator, so neither the watcher nor the shell has to know about leaks.
 */
export class LeakTrayIndicator implements StatusIndicator {
  private base: TrayModel | null = null;

  constructor(
    private readonly inner: StatusIndicator,
    private readonly entries: () => LeakTrayEntry[],
  ) {}

  update(model: TrayModel): void {
    this.base = model;
    this.inner.update(this.merge(model));
  }

  /** After a scan or a resolve: show the new leak entries with the watcher's last model. */
  refresh(): void {
    if (this.base) this.inner.update(this.merge(this.base));
  }

  private merge(model: TrayModel): TrayModel {
    const leaks = this.entries();
    if (leaks.length === 0) return model;
    const leakItems: TrayItem[] = leaks.map((l) => ({
      keyId: l.keyId,
      label: `${l.keyName} — leaked (${l.findings} place${l.findings === 1 ? '' : 's'}${l.exposed ? ', pushed' : ''})`,
      severity: LEAK_SEVERITY,
      snoozed: false,
    }));
    const leaked = new Set(leaks.map((l) => l.keyId));
    const items = [...leakItems, ...model.items.filter((i) => !leaked.has(i.keyId))];
    const extra = leaks.filter((l) => !model.items.some((i) => i.keyId === l.keyId)).length;
    const badgeCount = model.badgeCount + extra;
    return {
      ...model,
      items: items.slice(0, Math.max(model.items.length, 8)),
      moreCount: model.moreCount + Math.max(0, items.length - Math.max(model.items.length, 8)),
      badgeCount,
      tooltip: `Keydeck — ${leaks.length} leaked key${leaks.length === 1 ? '' : 's'}${model.badgeCount ? `, ${model.badgeCount} need${model.badgeCount === 1 ? 's' : ''} attention` : ''}`,
    };
  }
}
