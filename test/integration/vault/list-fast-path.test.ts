import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../../electron/core/ipc/router';
import { silentLogger } from '../../../electron/core/log';
import type { Db } from '../../../electron/core/store/database';
import type { KeyRow } from '../../../electron/core/store/rows';
import { keyStatus } from '../../../electron/core/vault/key-status';
import type { ParsedInput } from '../../../shared/contract';
import type { KeySummary } from '../../../shared/domain';
import { seedKeys } from '../../helpers/seed-keys';
import { clientFor, makeTestCore, must, type TestCore } from '../../helpers/test-core';

/**
 * The list before it answered from rowids and a cache (as shipped up to issue 13): every column,
 * sorted by SQLite, every row converted, status filtered afterwards. Kept here as the oracle, with
 * the order spelled out to the last tie (migration 0012), where it used to be whatever index SQLite chose.
 */
function oldList(db: Db, filter: Filter, now: Date): KeySummary[] {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (filter.workspaceId) {
    where.push('workspace_id = @workspaceId');
    params.workspaceId = filter.workspaceId;
  }
  if (filter.provider) {
    where.push('provider = @provider');
    params.provider = filter.provider;
  }
  if (filter.query) {
    where.push(
      `(name LIKE @q ESCAPE '\\' OR masked LIKE @q ESCAPE '\\' OR scopes LIKE @q ESCAPE '\\' OR IFNULL(project_id, '') LIKE @q ESCAPE '\\'` +
        ` OR workspace_id IN (SELECT id FROM workspaces WHERE name LIKE @q ESCAPE '\\' OR environment LIKE @q ESCAPE '\\'))`,
    );
    params.q = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (filter.current) where.push('(superseded_by IS NULL OR NOT EXISTS (SELECT 1 FROM keys n WHERE n.id = keys.superseded_by))');
  if (filter.hideRevoked) where.push('revoked_at IS NULL');
  const rows = db.prepare(`SELECT * FROM keys ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(name), created_at, name, masked, rowid`).all(params) as KeyRow[];
  const all: KeySummary[] = rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    provider: row.provider as KeySummary['provider'],
    name: row.name,
    masked: row.masked,
    remoteId: row.remote_id,
    scopes: JSON.parse(row.scopes) as string[],
    projectId: row.project_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    validFrom: row.valid_from ?? null,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    graceUntil: row.grace_until,
    status: keyStatus(row, now),
    hasSecret: row.has_secret === 1,
    source: row.source as KeySummary['source'],
    supersededBy: row.superseded_by ?? null,
  }));
  if (filter.status === 'working') {
    return all.filter((k) => (k.status === 'active' || k.status === 'grace') && (!k.validFrom || Date.parse(k.validFrom) <= now.getTime()));
  }
  return filter.status ? all.filter((k) => k.status === filter.status) : all;
}

type Filter = ParsedInput<'keys.list'>;

const QUERIES: Array<string | undefined> = [undefined, 'alpha', 'ALPHA', 'needle', '_50%', '%', '_', '\\', 'Payments', 'prod', 'staging', 'read', 'proj_3', 'sk-…00', 'nothing-like-this'];
const STATUSES: Array<Filter['status']> = [undefined, 'active', 'expired', 'revoked', 'grace', 'deleted_remote', 'working'];

function* filters(): Generator<Filter> {
  for (const query of QUERIES)
    for (const workspaceId of [undefined, 'w_seed0001'])
      for (const provider of [undefined, 'kernel-sh'] as const)
        for (const status of STATUSES)
          for (const current of [undefined, true])
            for (const hideRevoked of [undefined, true]) {
              const f: Filter = { query, workspaceId, provider, status, current, hideRevoked };
              yield Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Filter;
            }
}

describe('keys.list from an index and a cache answers as the old list did', () => {
  let core: TestCore;
  let api: ReturnType<typeof clientFor>;
  const secrets = ['sk_live_list_fast_path_0000000001', 'sk_live_list_fast_path_0000000002'] as const;
  beforeEach(async () => {
    core = makeTestCore();
    api = clientFor(core.router);
    seedKeys(core.db, { keys: 300, workspaces: 6, now: core.clock.now() });
    // Two real keys with real secrets in the keychain: the outputs below must never carry them.
    await must(api.invoke('keys.import', { name: 'alpha-real', provider: 'kernle', secret: secrets[0], workspaceId: 'w_seed0001', expiresAt: '2026-11-25' }));
    await must(api.invoke('keys.import', { name: 'Alpha-real', provider: 'kernel-sh', secret: secrets[1], scopes: ['read'] }));
  });
  afterEach(() => core.cleanup());

  const compareAll = async (only?: (f: Filter) => boolean) => {
    let compared = 0;
    let nonEmpty = 0;
    for (const f of filters()) {
      if (only && !only(f)) continue;
      const got = await must(api.invoke('keys.list', f));
      expect(got, JSON.stringify(f)).toEqual(oldList(core.db, f, core.clock.now()));
      for (const s of secrets) expect(JSON.stringify(got)).not.toContain(s);
      compared++;
      if (got.length) nonEmpty++;
    }
    return { compared, nonEmpty };
  };

  it('matches for every filter, status, search and sort combination, and the seed has every status', async () => {
    const all = await must(api.invoke('keys.list', {}));
    expect(new Set(all.map((k) => k.status))).toEqual(new Set(['active', 'expired', 'revoked', 'grace', 'deleted_remote']));
    const { compared, nonEmpty } = await compareAll();
    expect(compared).toBe(QUERIES.length * 2 * 2 * STATUSES.length * 2 * 2);
    expect(nonEmpty).toBeGreaterThan(compared / 3);
  });

  it('still matches once the clock crosses expiry and grace dates, forwards and back', async () => {
    const statusOnly = (f: Filter) => !f.query || f.query === 'alpha';
    const before = await must(api.invoke('keys.list', { status: 'grace' }));
    expect(before.length).toBeGreaterThan(0);
    core.clock.advance(2.5 * 86_400_000); // the seed's graces end in 2 days
    expect(await must(api.invoke('keys.list', { status: 'grace' }))).toEqual([]);
    await compareAll(statusOnly);
    core.clock.advance(2 * 86_400_000); // the imported key expires on 2026-11-25, others in 3 days
    expect((await must(api.invoke('keys.list', { query: 'alpha-real', status: 'expired', workspaceId: 'w_seed0001' }))).map((k) => k.name)).toEqual(['alpha-real']);
    await compareAll(statusOnly);
    core.clock.set('2026-10-01T00:00:00Z');
    await compareAll(statusOnly);
  });

  it('shows writes at once: its own, and another connection’s', async () => {
    await must(api.invoke('keys.list', {}));
    const renamed = await must(api.invoke('keys.import', { name: 'aaa-first', provider: 'other', secret: 'sk_live_list_fast_path_0000000003' }));
    expect((await must(api.invoke('keys.list', {})))[0]?.id).toBe(renamed.id);
    const other = new Database(core.dbFile);
    try {
      other.prepare(`UPDATE keys SET name = 'zzz-last', revoked_at = '2026-01-01T00:00:00.000Z' WHERE id = ?`).run(renamed.id);
    } finally {
      other.close();
    }
    const after = await must(api.invoke('keys.list', {}));
    expect(after.at(-1)).toMatchObject({ id: renamed.id, name: 'zzz-last', status: 'revoked' });
    await compareAll((f) => !f.query && !f.provider);
  });

  it('keeps its cache over writes that change no key (another process\'s audit entry, a setting), and rebuilds it when any process changes a key', async () => {
    const first = core.services.keys.list({});
    const other = new Database(core.dbFile);
    try {
      // What a `keydeck read` in another process writes: one audit entry.
      other.prepare(`INSERT INTO audit_events (at, kind, key_id, workspace_id, summary) VALUES (?, 'revealed', ?, NULL, 'Read')`).run('2026-11-23T12:00:00.000Z', first[0]!.id);
      const second = core.services.keys.list({});
      expect(second[0]).toBe(first[0]); // the same cached row, not a rebuilt one
      other.prepare(`UPDATE keys SET last_used_at = '2026-11-23T12:00:00.000Z' WHERE id = ?`).run(first[3]!.id);
    } finally {
      other.close();
    }
    const third = core.services.keys.list({});
    expect(third[3]).not.toBe(first[3]);
    expect(third[3]).toMatchObject({ id: first[3]!.id, lastUsedAt: '2026-11-23T12:00:00.000Z' });
    // Only the changed key was read again.
    expect(third[0]).toBe(first[0]);
    expect(third.at(-1)).toBe(first.at(-1));
    await compareAll((f) => !f.query && !f.provider);
  });

  it('follows keys another process deletes and adds, and reads everything again when the change log no longer reaches back', async () => {
    const first = core.services.keys.list({});
    const other = new Database(core.dbFile);
    try {
      const gone = first[5]!.id;
      other.prepare(`DELETE FROM keys WHERE id = ?`).run(gone);
      other.prepare(`INSERT INTO keys (id, provider, name, masked, created_at, source, updated_at) VALUES ('k_added_by_other', 'other', 'aaa-added-elsewhere', 'sk-…0001', '2026-01-01T00:00:00.000Z', 'imported', '2026-01-01T00:00:00.000Z')`).run();
      const second = core.services.keys.list({});
      expect(second.map((k) => k.id)).not.toContain(gone);
      expect(second[0]).toMatchObject({ id: 'k_added_by_other', name: 'aaa-added-elsewhere' });
      expect(second[1]).toBe(first[0]);
      await compareAll((f) => !f.query && !f.provider);
      // A change the log no longer holds (pruned past this cache's last look): the whole table is read.
      other.prepare(`UPDATE keys SET name = 'zzz-renamed-elsewhere' WHERE id = ?`).run(first[0]!.id);
      other.prepare(`DELETE FROM key_changes`).run();
      other.prepare(`UPDATE keys SET last_used_at = '2026-11-23T12:00:00.000Z' WHERE id = ?`).run(first[1]!.id);
    } finally {
      other.close();
    }
    const third = core.services.keys.list({});
    expect(third.at(-1)).toMatchObject({ id: first[0]!.id, name: 'zzz-renamed-elsewhere' });
    expect(third.find((k) => k.id === first[2]!.id)).not.toBe(first[2]); // read again
    await compareAll((f) => !f.query && !f.provider);
    // A VACUUM elsewhere may renumber rows and leaves no entry in the log: everything is read again.
    const vacuum = new Database(core.dbFile);
    try {
      vacuum.exec('VACUUM');
    } finally {
      vacuum.close();
    }
    expect(core.services.keys.list({})[0]).not.toBe(third[0]);
    await compareAll((f) => !f.query && !f.provider);
  });

  it('searches from the trigram index kept by triggers: a rename elsewhere is found by its new name at once, quotes are literal', async () => {
    const [victim] = core.services.keys.list({});
    const other = new Database(core.dbFile);
    try {
      other.prepare(`UPDATE keys SET name = 'quartz-"quoted"-deploy' WHERE id = ?`).run(victim!.id);
    } finally {
      other.close();
    }
    for (const query of ['quartz', 'QUARTZ-"QUOTED', '"quoted"', 'rtz-"q']) {
      expect((await must(api.invoke('keys.list', { query }))).map((k) => k.id), query).toEqual([victim!.id]);
    }
    expect(await must(api.invoke('keys.list', { query: victim!.name }))).not.toContainEqual(expect.objectContaining({ id: victim!.id }));
    await compareAll(() => true);
  });

  it('never lets a column outside the summary reach the caller', async () => {
    core.db.exec(`ALTER TABLE keys ADD COLUMN secret TEXT; UPDATE keys SET secret = 'sk_live_column_that_must_not_cross'`);
    const got = await must(api.invoke('keys.list', {}));
    expect(got.length).toBeGreaterThan(300);
    expect(JSON.stringify(got)).not.toContain('sk_live_column_that_must_not_cross');
    expect(Object.keys(got[7]!).sort()).toEqual(Object.keys(oldList(core.db, {}, core.clock.now())[7]!).sort());
  });
});

describe('the router checks long lists without parsing each row, and lets no undeclared field cross', () => {
  const row = (i: number, extra: Record<string, unknown> = {}) => ({
    id: `k_${i}`, workspaceId: null, provider: 'other', name: `n${i}`, masked: 'sk-…0000', remoteId: null, scopes: ['read'],
    projectId: null, createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null, validFrom: null, lastUsedAt: null, revokedAt: null,
    graceUntil: null, status: 'active', hasSecret: true, source: 'imported', supersededBy: null, ...extra,
  });
  const routerReturning = (rows: unknown[]) => createRouter({ 'keys.list': () => rows } as unknown as Handlers, silentLogger);

  it('drops undeclared fields on the first row, a middle row and the last', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(i, i === 0 || i === 25 || i === 49 ? { secret: 'sk_live_injected', _internal: { a: 1 } } : {}));
    const r = await routerReturning(rows).invoke('keys.list', {});
    expect(r.ok).toBe(true);
    const value = (r as { value: Array<Record<string, unknown>> }).value;
    expect(value).toHaveLength(50);
    expect(JSON.stringify(value)).not.toContain('sk_live_injected');
    for (const v of value) expect(Object.keys(v).sort()).toEqual(Object.keys(row(0)).sort());
  });

  it('applies defaults and refuses a malformed row anywhere in the list', async () => {
    const noDefault = Array.from({ length: 5 }, (_, i) => row(i));
    delete (noDefault[3] as Record<string, unknown>).supersededBy;
    const ok = await routerReturning(noDefault).invoke('keys.list', {});
    expect(ok.ok && (ok.value as KeySummary[])[3]?.supersededBy).toBe(null);
    for (const bad of [{ status: 'bogus' }, { scopes: [1] }, { hasSecret: 'yes' }, { id: 'not an id!' }]) {
      const rows = Array.from({ length: 5 }, (_, i) => row(i, i === (bad.id ? 0 : 3) ? bad : {}));
      const r = await routerReturning(rows).invoke('keys.list', {});
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      expect(!r.ok && r.error.code).toBe('internal');
    }
  });

  it('passes the key service\'s own list whole only while it is that list: frozen, and a copy with a foreign row is checked row by row', async () => {
    const core = makeTestCore();
    try {
      seedKeys(core.db, { keys: 20, workspaces: 2, now: core.clock.now() });
      const list = core.services.keys.list({});
      expect(Object.isFrozen(list)).toBe(true);
      expect(() => (list as KeySummary[]).push(row(99, { secret: 'sk_live_pushed' }) as unknown as KeySummary)).toThrow(TypeError);
      // The same vetted rows in another array, with one row from elsewhere: that row is checked and trimmed.
      const mixed = [...list, row(98, { secret: 'sk_live_foreign' })];
      const r = await routerReturning(mixed).invoke('keys.list', {});
      expect(r.ok).toBe(true);
      const value = (r as { value: Array<Record<string, unknown>> }).value;
      expect(value).toHaveLength(21);
      expect(JSON.stringify(value)).not.toContain('sk_live_foreign');
      expect(value[20]).toEqual(row(98));
    } finally {
      await core.cleanup();
    }
  });

  it('hands out the cached rows frozen, so no caller can add a field to them', async () => {
    const core = makeTestCore();
    try {
      seedKeys(core.db, { keys: 20, workspaces: 2, now: core.clock.now() });
      const first = core.services.keys.list({});
      expect(Object.isFrozen(first[0])).toBe(true);
      expect(() => Object.assign(first[0]!, { secret: 'x' })).toThrow(TypeError);
      expect(Object.keys((await must(clientFor(core.router).invoke('keys.list', {})))[0]!)).not.toContain('secret');
    } finally {
      await core.cleanup();
    }
  });
});
