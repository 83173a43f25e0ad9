import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { lazyRecord, lazySchema } from '../../../shared/lazy-schema';
import { contract } from '../../../shared/contract';

describe('schemas built on first use', () => {
  it('builds a schema once, when something first asks, and then acts exactly as it', () => {
    let builds = 0;
    const Id = lazySchema(() => (builds++, z.string().min(2)));
    const Item = lazySchema(() => (builds++, z.object({ id: Id, tags: z.array(z.string()) })));
    const List = z.array(Item);
    expect(builds).toBe(0);
    expect(List.parse([{ id: 'k_1', tags: ['a'] }])).toEqual([{ id: 'k_1', tags: ['a'] }]);
    expect(builds).toBe(2);
    expect(List.safeParse([{ id: 'x', tags: [] }]).success).toBe(false);
    expect(Item).toBeInstanceOf(z.ZodObject);
    expect(Object.keys(Item.shape)).toEqual(['id', 'tags']);
    expect(Item.extend({ more: z.number() }).parse({ id: 'k_2', tags: [], more: 1 })).toEqual({ id: 'k_2', tags: [], more: 1 });
    expect(builds).toBe(2);
  });

  it('still strips what an output schema does not declare', () => {
    const Out = lazySchema(() => z.object({ id: z.string() }));
    expect(z.array(Out).parse([{ id: 'k_1', secret: 'sk-never-leaves' }])).toEqual([{ id: 'k_1' }]);
    const key = { id: 'k_1', workspaceId: null, provider: 'kernle', name: 'n', masked: 'sk…1', remoteId: null, scopes: [], projectId: null, createdAt: 'c', expiresAt: null, validFrom: null, lastUsedAt: null, revokedAt: null, graceUntil: null, status: 'active', hasSecret: true, source: 'imported' };
    expect(contract['keys.get'].output.parse({ ...key, secretRef: 'sk-never-leaves' })).toEqual({ ...key, supersededBy: null });
  });

  it('builds each entry of a record on its first access, once', () => {
    const built: string[] = [];
    const rec = lazyRecord({ a: () => (built.push('a'), { n: 1 }), b: () => (built.push('b'), { n: 2 }) });
    expect(Object.keys(rec)).toEqual(['a', 'b']);
    expect(built).toEqual([]);
    expect(rec.b.n).toBe(2);
    expect(rec.b).toBe(rec.b);
    expect(built).toEqual(['b']);
  });
});
