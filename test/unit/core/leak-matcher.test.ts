import { describe, expect, it } from 'vitest';
import { MultiMatcher } from '../../../electron/core/leaks/matcher';
import { patternsFor } from '../../../electron/core/leaks/encodings';
import { hitsIn, isBinary } from '../../../electron/core/leaks/content-scan';
import type { SecretSet } from '../../../electron/core/leaks/secret-set';

function rng(seed: number) {
  let x = seed;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0), x);
}
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_-\n ';
const randomText = (r: () => number, n: number) => Buffer.from(Array.from({ length: n }, () => ALPHA[r() % ALPHA.length]).join(''));

function setOf(secrets: Record<string, string>): SecretSet {
  const patterns = Object.entries(secrets).flatMap(([k, v]) => patternsFor(k, v));
  return { keyIds: Object.keys(secrets), patterns, matcher: new MultiMatcher(patterns.map((p) => p.bytes)), problems: [] };
}

describe('multi-pattern matcher', () => {
  it('finds exactly what indexOf finds, at every offset, for 300 patterns planted in random text', () => {
    const r = rng(1);
    const patterns = Array.from({ length: 300 }, (_, i) => randomText(r, 8 + (i % 40)));
    const text = randomText(r, 200_000);
    const planted: Array<[number, number]> = [];
    for (let i = 0; i < 300; i += 3) {
      const at = r() % (text.length - 60);
      patterns[i]!.copy(text, at);
      planted.push([i, at]);
    }
    const expected = new Set<string>();
    patterns.forEach((p, i) => {
      for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1)) expected.add(`${i}@${at}`);
    });
    const got = new Set<string>();
    new MultiMatcher(patterns).find(text, (m) => got.add(`${m.pattern}@${m.offset}`));
    expect(got).toEqual(expected);
    // Planted ones that a later plant did not overwrite are among them.
    expect(planted.filter(([i, at]) => got.has(`${i}@${at}`)).length).toBeGreaterThan(80);
  });

  it('matches at the very start and the very end of the text', () => {
    const m = new MultiMatcher([Buffer.from('secretAAAA1111'), Buffer.from('ZZZZyyyy')]);
    const text = Buffer.from('secretAAAA1111 middle ZZZZyyyy');
    const got: string[] = [];
    m.find(text, (x) => got.push(`${x.pattern}@${x.offset}`));
    expect(got.sort()).toEqual(['0@0', '1@22']);
  });
});

describe('encoded forms of a secret', () => {
  const secret = 'knl_sk_Q7x?Zp+/w9~éabcdef0123';

  it('base64 inside a longer run at every alignment, URL-safe base64, URL-encoding and hex are found and named', () => {
    const set = setOf({ k1: secret });
    for (const pad of ['', 'a', 'ab', 'abc']) {
      const content = Buffer.from(`x\nblob: ${Buffer.from(`${pad}${secret}{"more":1}`).toString('base64')}\n`);
      expect(hitsIn(content, set), `alignment ${pad.length}`).toEqual([{ keyId: 'k1', encoding: 'base64', line: 2 }]);
    }
    const url = Buffer.from(`${pad3()}${secret}`).toString('base64url');
    expect(hitsIn(Buffer.from(`a\nb\nt=${url}\n`), set)).toEqual([{ keyId: 'k1', encoding: 'base64url', line: 3 }]);
    expect(hitsIn(Buffer.from(`u=https://x:${encodeURIComponent(secret)}@h`), set)).toEqual([{ keyId: 'k1', encoding: 'url', line: 1 }]);
    expect(hitsIn(Buffer.from(`h=${Buffer.from(secret).toString('hex')}`), set)).toEqual([{ keyId: 'k1', encoding: 'hex', line: 1 }]);
    expect(hitsIn(Buffer.from(`raw ${secret}`), set)).toEqual([{ keyId: 'k1', encoding: 'raw', line: 1 }]);
  });

  it('decoys that share a prefix or differ by one character match nothing', () => {
    const set = setOf({ k1: secret, k2: 'sk_live_0123456789abcdefXYZ' });
    const decoys = [secret.slice(0, -1) + 'X', 'X' + secret.slice(1), secret.slice(0, 14) + 'zzzzzzzzzzzzzzz', 'sk_live_0123456789abcdefXYz', 'sk_live_0123456789abcdef', Buffer.from(secret.slice(0, -1) + '4').toString('base64')];
    expect(hitsIn(Buffer.from(decoys.join('\n')), set)).toEqual([]);
  });

  it('a NUL in the first 8 KiB marks a file binary', () => {
    expect(isBinary(Buffer.from('text only\n'))).toBe(false);
    expect(isBinary(Buffer.concat([Buffer.alloc(100, 65), Buffer.from([0])]))).toBe(true);
    expect(isBinary(Buffer.concat([Buffer.alloc(9000, 65), Buffer.from([0])]))).toBe(false);
  });
});

const pad3 = () => 'xyz';
