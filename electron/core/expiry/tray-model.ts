import type { ExpiryStatus } from '../../../shared/domain';
import { expiryPhrase, where } from './notices';

export interface TrayItem {
  keyId: string;
  label: string;
  severity: number;
  snoozed: boolean;
}

export interface TrayModel {
  tooltip: string;
  badgeCount: number;
  items: TrayItem[];
  /** Warned keys not listed because the menu keeps only the most urgent. */
  moreCount: number;
}

export const TRAY_MAX_ITEMS = 8;

/** Pure: what the tray shows for a watcher state. The shell only turns this into a native menu. */
export function trayModel(status: ExpiryStatus, now: Date): TrayModel {
  const warned = status.entries.filter((e) => e.severity > 0);
  const items = warned.slice(0, TRAY_MAX_ITEMS).map((e) => {
    const place = where(e);
    return {
      keyId: e.keyId,
      label: `${place ? `${place} · ` : ''}${e.keyName} — ${expiryPhrase(e, now)}${e.snoozed ? ' (snoozed)' : ''}`,
      severity: e.severity,
      snoozed: e.snoozed,
    };
  });
  const n = status.attentionCount;
  return {
    tooltip: n === 0 ? 'Keydeck — no keys need attention' : `Keydeck — ${n} key${n === 1 ? ' needs' : 's need'} attention`,
    badgeCount: n,
    items,
    moreCount: Math.max(0, warned.length - items.length),
  };
}
