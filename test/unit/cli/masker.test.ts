import { describe, expect, it } from 'vitest';
import { StreamMasker, CONCEALED } from '../../../electron/cli/run/masker';

const run = (secrets: string[], chunks: string[]) => {
  const m = new StreamMasker(secrets);
  const parts = chunks.map((c) => m.push(Buffer.from(c)).toString());
  return { parts, all: parts.join('') + m.flush().toString() };
};

describe('the streaming masker', () => {
  it('masks a secret inside one write, and every occurrence', () => {
    expect(run(['sk_live_abcdef'], ['token=sk_live_abcdef and sk_live_abcdef\n']).all).toBe(`token=${CONCEALED} and ${CONCEALED}\n`);
  });

  it('masks a secret split across two (or many) writes, holding back only a possible beginning', () => {
    const r = run(['sk_live_abcdef'], ['token=sk_li', 've_abc', 'def done\n']);
    expect(r.all).toBe(`token=${CONCEALED} done\n`);
    expect(r.parts[0]).toBe('token=');
    expect(r.parts.join('')).not.toContain('sk_li');
    const bytes = run(['sk_live_abcdef'], [...'x sk_live_abcdef y'].map((c) => c));
    expect(bytes.all).toBe(`x ${CONCEALED} y`);
  });

  it('lets text through at once when its tail cannot start a secret', () => {
    expect(run(['sk_live_abcdef'], ['ready\n']).parts[0]).toBe('ready\n');
    // A held beginning that never became the secret goes out unchanged at the end.
    expect(run(['sk_live_abcdef'], ['ends with sk_li']).all).toBe('ends with sk_li');
  });

  it('prefers the longest secret where two overlap, and never cuts a UTF-8 character', () => {
    expect(run(['abc', 'abcdef'], ['xabcdefx']).all).toBe(`x${CONCEALED}x`);
    const euro = Buffer.from('€ sk_1234 €');
    const m = new StreamMasker(['sk_1234']);
    const out = Buffer.concat([m.push(euro.subarray(0, 1)), m.push(euro.subarray(1, 8)), m.push(euro.subarray(8)), m.flush()]).toString();
    expect(out).toBe(`€ ${CONCEALED} €`);
  });
});
