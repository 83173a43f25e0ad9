import type { ExpiryEntry, ExpiryStatus } from '../../../shared/domain';
import { PROVIDERS } from '../../../shared/domain';
import { relativeTime } from '../../../shared/format/time';
import { NO_FLAGS, type HygieneFlags } from './hygiene';

export interface Notice {
  /** Stable per key, so a worse tier replaces the earlier notification instead of stacking. */
  id: string;
  title: string;
  body: string;
  keyId?: string;
  /** Where a click leads when the notice is about several keys. */
  screen?: 'leaks' | 'health';
}

export const noticeId = (keyId: string) => `expiry:${keyId}`;
export const DIGEST_NOTICE_ID = 'expiry:digest';

export function where(e: Pick<ExpiryEntry, 'workspaceName' | 'environment'>): string {
  if (!e.workspaceName) return '';
  return e.environment ? `${e.workspaceName} (${e.environment})` : e.workspaceName;
}

/** The one-line state of a key for menus and notifications: "expires in 2 days", "expired 3 hours ago". */
export function expiryPhrase(e: Pick<ExpiryEntry, 'tier' | 'deadline' | 'validFrom' | 'createdAt'>, now: Date): string {
  if (e.tier === 'not_yet_valid' && e.validFrom) return `valid ${relativeTime(e.validFrom, now)}`;
  if (e.tier === 'no_expiry') return `never expires — created ${relativeTime(e.createdAt, now)}`;
  if (!e.deadline) return 'no expiry date';
  return e.tier === 'expired' ? `expired ${relativeTime(e.deadline, now)}` : `expires ${relativeTime(e.deadline, now)}`;
}

/** Pure: what the OS notification says for a key that just entered a worse tier. */
export function noticeFor(e: ExpiryEntry, now: Date): Notice {
  const place = where(e);
  const title = `${e.keyName}${place ? ` · ${place}` : ''} ${expiryPhrase(e, now)}`;
  const service = PROVIDERS[e.provider].label;
  const date = e.deadline ? ` on ${e.deadline.slice(0, 16).replace('T', ' ')} UTC` : '';
  const body =
    e.tier === 'expired'
      ? `This ${service} key stopped working${date}. Rotate it to issue a replacement.`
      : `This ${service} key stops working${date}. Rotate it now; click to open it in Keydeck.`;
  return { id: noticeId(e.keyId), title, body, keyId: e.keyId };
}

/** Pure: the once-a-day summary used instead of per-key notices in digest mode; leaked and over-policy keys count too. */
export function digestFor(status: ExpiryStatus, flags: HygieneFlags = NO_FLAGS): Notice | null {
  const warned = status.entries.filter((e) => e.severity > 0 && !e.snoozed);
  const names = new Map<string, string>(warned.map((e) => [e.keyId, e.keyName]));
  for (const k of [...flags.leaked, ...flags.overPolicy]) if (!names.has(k.keyId)) names.set(k.keyId, k.keyName);
  if (names.size === 0) return null;
  const expired = warned.filter((e) => e.tier === 'expired').length;
  const soon = warned.length - expired;
  const parts = [
    expired ? `${expired} expired` : '',
    soon ? `${soon} expiring soon` : '',
    flags.leaked.length ? `${flags.leaked.length} leaked` : '',
    flags.overPolicy.length ? `${flags.overPolicy.length} over policy` : '',
  ].filter(Boolean);
  const all = [...names.values()];
  const first = all.slice(0, 3).join(', ');
  return {
    id: DIGEST_NOTICE_ID,
    title: `${names.size} key${names.size === 1 ? ' needs' : 's need'} attention: ${parts.join(', ')}`,
    body: `${first}${all.length > 3 ? ` and ${all.length - 3} more` : ''}. Open Keydeck to rotate them.`,
  };
}
