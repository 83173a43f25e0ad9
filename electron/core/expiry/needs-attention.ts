import type { AttentionItem } from '../../../shared/contract/rotation';
import type { ExpiryStatus } from '../../../shared/domain';
import type { NeedsAttention } from '../../../shared/contract/attention';

/**
 * One answer to "what needs me?", for the sidebar, the window's attention view and the CLI's
 * `attention` alike: rotations and revocations waiting on the user, plus keys in a warning tier
 * that are not snoozed. The count is of keys (a key with both counts once) plus keyless items.
 */
export function needsAttention(rotations: AttentionItem[], expiry: ExpiryStatus): NeedsAttention {
  const warnings = expiry.entries.filter((e) => e.severity > 0 && !e.snoozed);
  const keys = new Set<string>();
  let keyless = 0;
  for (const r of rotations) {
    if (r.keyId) keys.add(r.keyId);
    else keyless++;
  }
  for (const w of warnings) keys.add(w.keyId);
  return { count: keys.size + keyless, keyIds: [...keys], rotations, warnings };
}
