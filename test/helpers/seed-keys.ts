import type { Db } from '../../electron/core/store/database';
import { PROVIDER_IDS, WORKSPACE_COLORS } from '../../shared/domain';

/**
 * A deterministic vault for list tests and the list bench, written straight to SQLite (no
 * keychain: these keys have no secrets, `has_secret` says so for most of them). Every status
 * the list knows appears, relative to `now`: active (never expiring and expiring later),
 * expired by date, in grace, grace over, revoked, deleted at the service, not valid yet; plus
 * rotation lineages (some pointing at a key that no longer exists), names that differ only in
 * case, LIKE wildcards in names, and keys outside any workspace.
 */
export interface SeedOptions {
  keys: number;
  workspaces: number;
  now: Date;
}

const ENVS = ['dev', 'staging', 'prod'] as const;
const WORDS = ['alpha', 'Beta', 'gamma', 'delta', 'Epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa'];

export function seedKeys(db: Db, o: SeedOptions): { workspaceIds: string[]; keyIds: string[] } {
  const t = o.now.getTime();
  const iso = (deltaDays: number) => new Date(t + deltaDays * 86_400_000).toISOString();
  const workspaceIds: string[] = [];
  const keyIds: string[] = [];
  const insWs = db.prepare(
    `INSERT INTO workspaces (id, name, provider, base_url, environment, color, created_at, updated_at)
     VALUES (@id, @name, @provider, 'https://example.invalid', @environment, @color, @at, @at)`,
  );
  const insKey = db.prepare(
    `INSERT INTO keys (id, workspace_id, provider, remote_id, name, masked, fingerprint, scopes, project_id, created_at,
       expires_at, last_used_at, revoked_at, grace_until, remote_deleted_at, has_secret, source, updated_at, valid_from, superseded_by)
     VALUES (@id, @workspace_id, @provider, @remote_id, @name, @masked, NULL, @scopes, @project_id, @created_at,
       @expires_at, NULL, @revoked_at, @grace_until, @remote_deleted_at, @has_secret, @source, @created_at, @valid_from, @superseded_by)`,
  );
  db.transaction(() => {
    for (let w = 0; w < o.workspaces; w++) {
      const id = `w_seed${String(w).padStart(4, '0')}`;
      const environment = ENVS[w % 3]!;
      insWs.run({ id, name: `${w % 7 === 0 ? 'Payments' : 'team'}-${w}`, provider: PROVIDER_IDS[w % PROVIDER_IDS.length], environment, color: WORKSPACE_COLORS[w % WORKSPACE_COLORS.length], at: iso(-400) });
      workspaceIds.push(id);
    }
    for (let i = 0; i < o.keys; i++) {
      const id = `k_seed${String(i).padStart(6, '0')}`;
      const w = i % 13 === 0 ? null : (i * 7) % o.workspaces;
      const kind = i % 50;
      // Half the names carry "alpha" (a broad search), one in ~1,000 carries "needle" (a narrow one).
      const word = i % 2 === 0 ? 'alpha' : WORDS[(i >> 1) % WORDS.length]!;
      const needle = i % 997 === 5 ? '-needle' : '';
      const wild = i % 211 === 3 ? '_50%' : '';
      const name = `${i % 3 === 0 ? word.toUpperCase() : word}${needle}${wild}-${(i * 7919) % 10_000}`;
      insKey.run({
        id,
        workspace_id: w === null ? null : workspaceIds[w],
        provider: w === null ? PROVIDER_IDS[i % PROVIDER_IDS.length] : PROVIDER_IDS[w % PROVIDER_IDS.length],
        remote_id: w === null ? null : `r_${i}`,
        name,
        masked: `sk-…${String(i % 10_000).padStart(4, '0')}`,
        scopes: JSON.stringify(i % 4 === 0 ? ['read'] : i % 4 === 1 ? ['read', 'write'] : i % 4 === 2 ? [] : ['admin']),
        project_id: i % 5 === 0 ? null : `proj_${i % 17}`,
        // Some keys share a created_at, so the tie-break on name order shows.
        created_at: iso(-300 + (i % 97)),
        // 6 % expired by date, a few expiring soon, most later or never.
        expires_at: kind < 3 ? iso(-1 - (i % 30)) : kind < 6 ? iso(3) : kind < 30 ? iso(90 + (i % 200)) : kind === 49 ? iso(0) : null,
        revoked_at: kind === 40 || kind === 41 ? iso(-5) : null,
        grace_until: kind === 42 ? iso(2) : kind === 43 ? iso(-2) : null,
        remote_deleted_at: kind === 44 ? iso(-10) : null,
        has_secret: kind === 44 ? 0 : 1,
        source: w === null ? 'imported' : i % 3 === 0 ? 'synced' : 'created',
        valid_from: kind === 45 ? iso(10) : kind === 46 ? iso(-10) : null,
        // Rotation lineages: an old generation points at its successor; a few at a key that is gone.
        superseded_by: kind === 40 || kind === 42 ? `k_seed${String(i + 1).padStart(6, '0')}` : kind === 43 ? 'k_gone' : null,
      });
      keyIds.push(id);
    }
  })();
  return { workspaceIds, keyIds };
}
