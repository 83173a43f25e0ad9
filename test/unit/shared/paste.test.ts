import { describe, expect, it } from 'vitest';
import { interpretPaste } from '../../../shared/domain/paste';

describe('interpreting a pasted secret', () => {
  it.each([
    ['KERNEL_API_KEY=sk_live_abcdefghijklmnop', 'sk_live_abcdefghijklmnop', 'KERNEL_API_KEY', 'kernel-api-key', 'kernel-sh'],
    ['export KERNEL_API_KEY="sk_live_abcdefghijklmnop"  # prod', 'sk_live_abcdefghijklmnop', 'KERNEL_API_KEY', 'kernel-api-key', 'kernel-sh'],
    ["KERNEL_TOKEN='asm_abcdefghijklmnop'\n", 'asm_abcdefghijklmnop', 'KERNEL_TOKEN', 'kernel-token', 'asimov-kernel'],
    ['KINESIS_API_TOKEN = kpat_abcdefghijkl # ci', 'kpat_abcdefghijkl', 'KINESIS_API_TOKEN', 'kinesis-api-token', 'kinesis'],
    ['MEMORY=knl_sk_0123456789abcdef0123456789abcdef', 'knl_sk_0123456789abcdef0123456789abcdef', 'MEMORY', 'memory', 'kernle'],
  ])('%s', (text, value, variable, suggestedName, suggestedProvider) => {
    expect(interpretPaste(text)).toEqual({ value, variable, suggestedName, suggestedProvider });
  });

  it('an assignment to an unknown variable still gives its value, without a service', () => {
    expect(interpretPaste('API_KEY=opaque-value-123')).toEqual({ value: 'opaque-value-123', variable: 'API_KEY', suggestedName: 'api-key' });
  });

  it.each([
    ['a plain token', 'sk_live_abcdefghijklmnop'],
    ['base64 with padding', 'dGhpcyBpcyBhIHRva2Vu=='],
    ['a lower-case name', 'token=abc123456789'],
    ['two lines', 'A_KEY=one\nB_KEY=two'],
    ['an empty value', 'KERNEL_API_KEY='],
    ['an unterminated quote', 'KERNEL_API_KEY="sk_abc'],
  ])('%s is left as pasted', (_, text) => {
    expect(interpretPaste(text)).toEqual({ value: text });
  });
});
