import type { Db } from '../store/database';
import type { SecretStore } from '../ports';
import { secretWorks } from '../../../shared/domain';
import { keyStatus } from '../vault/key-status';
import { MultiMatcher } from './matcher';
import { MIN_SECRET_LENGTH, patternsFor, type Pattern } from './encodings';

export interface KeyProblem {
  keyId: string;
  keyName: string;
  message: string;
}

/**
 * One scan's secrets, read from the keychain once and held only here, in memory, as the
 * matcher's patterns. Nothing derived from them is written anywhere.
 */
export interface SecretSet {
  keyIds: string[];
  patterns: Pattern[];
  matcher: MultiMatcher | null;
  problems: KeyProblem[];
}

/** A key worth looking for: its secret still works (current, or superseded but not yet retired). */
export function validKeys(db: Db, now: Date): Array<{ id: string; name: string }> {
  const rows = db.prepare('SELECT id, name, revoked_at, remote_deleted_at, grace_until, expires_at FROM keys WHERE has_secret = 1 ORDER BY id').all() as Array<{
    id: string;
    name: string;
    revoked_at: string | null;
    remote_deleted_at: string | null;
    grace_until: string | null;
    expires_at: string | null;
  }>;
  return rows.filter((r) => secretWorks(keyStatus(r, now))).map((r) => ({ id: r.id, name: r.name }));
}

/** Reads each key once; a key the keychain refuses is reported and left out, the rest are searched. */
export async function loadSecrets(keys: Array<{ id: string; name: string }>, store: SecretStore): Promise<SecretSet> {
  const patterns: Pattern[] = [];
  const problems: KeyProblem[] = [];
  const keyIds: string[] = [];
  for (const k of keys) {
    let secret: string | null;
    try {
      secret = await store.get(k.id);
    } catch (e) {
      // The adapter's error names the keychain's state, never the value.
      problems.push({ keyId: k.id, keyName: k.name, message: `the keychain refused to give this key's secret (${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'}); unlock the keychain and scan again` });
      continue;
    }
    if (secret === null) {
      problems.push({ keyId: k.id, keyName: k.name, message: "the keychain no longer holds this key's secret; import it again to have it searched" });
      continue;
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      problems.push({ keyId: k.id, keyName: k.name, message: `the secret is shorter than ${MIN_SECRET_LENGTH} characters: searching for it would match by chance` });
      continue;
    }
    keyIds.push(k.id);
    patterns.push(...patternsFor(k.id, secret));
  }
  return { keyIds, patterns, matcher: patterns.length ? new MultiMatcher(patterns.map((p) => p.bytes)) : null, problems };
}

/** Drops the scan's references to the secrets, so they can be collected as soon as it ends. */
export function forget(set: SecretSet): void {
  set.patterns.length = 0;
  set.matcher = null;
}
