import { relativeTime as sharedRelativeTime } from '../../../shared/format/time';

const DAY = 86_400_000;
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

/** The tray's and the notifications' formatter (shared/format/time.ts), so all three say the same. */
export function relativeTime(iso: string, now = Date.now()): string {
  return sharedRelativeTime(iso, new Date(now));
}

export function exactTime(iso: string): string {
  return exact.format(new Date(iso));
}

export function daysUntil(iso: string, now = Date.now()): number {
  return (Date.parse(iso) - now) / DAY;
}
