import { describe, expect, it } from 'vitest';
import { tokenizeEnv } from '../../../electron/core/envimport/tokenize';
import { recognise } from '../../../shared/domain/recognise-token';
import { referenceFor } from '../../../shared/domain/reference';

describe('the line-preserving .env tokenizer', () => {
  it('finds each value and its exact span, as dotenv reads it', () => {
    const text = [
      '# comment KERNEL_API_KEY=sk_not_this',
      'export A="double # not a comment"  # comment',
      "B='single'",
      'C=plain value # trailing',
      '  D = spaced  ',
      'E=crlf\r',
      'F=`tick`',
      'G=',
    ].join('\n');
    const got = tokenizeEnv(text).map((a) => ({ line: a.line, name: a.name, value: a.value, quote: a.quote, span: text.slice(a.start, a.end), exact: a.exact }));
    expect(got).toEqual([
      { line: 2, name: 'A', value: 'double # not a comment', quote: '"', span: 'double # not a comment', exact: true },
      { line: 3, name: 'B', value: 'single', quote: "'", span: 'single', exact: true },
      { line: 4, name: 'C', value: 'plain value', quote: '', span: 'plain value', exact: true },
      { line: 5, name: 'D', value: 'spaced', quote: '', span: 'spaced', exact: true },
      { line: 6, name: 'E', value: 'crlf', quote: '', span: 'crlf', exact: true },
      { line: 7, name: 'F', value: 'tick', quote: '`', span: 'tick', exact: true },
      { line: 8, name: 'G', value: '', quote: '', span: '', exact: true },
    ]);
  });

  it('marks what it cannot rewrite exactly: a multi-line value, text after a closing quote', () => {
    const got = tokenizeEnv('M="first\nsecond"\nN="a"b\n').map((a) => [a.name, a.exact]);
    expect(got).toEqual([['M', false], ['N', false]]);
  });
});

describe('recognising a service token', () => {
  it.each([
    ['KERNEL_API_KEY', 'sk_abcdefghijklmnop', 'kernel-sh', 'name'],
    ['PROD_KERNEL_API_KEY', 'opaque-token-1234', 'kernel-sh', 'name'],
    ['KERNEL_TOKEN', 'asm_abcdefghijkl', 'asimov-kernel', 'name'],
    ['KERNLE_API_KEY', 'sk-abcdefghijklmn', 'kernle', 'name'],
    ['KINESIS_API_TOKEN', 'kpat_abcdefghijkl', 'kinesis', 'name'],
    ['MEMORY_KEY', 'knl_sk_0123456789abcdef0123456789abcdef', 'kernle', 'prefix'],
    ['KERNEL_API_KEY', 'knl_sk_0123456789abcdef0123456789abcdef', 'kernle', 'prefix'],
  ])('%s=%s → %s (by %s)', (name, value, provider, by) => {
    expect(recognise(name, value)).toMatchObject({ provider, by, weak: false });
  });

  it('a shared prefix alone is weak evidence; settings and URLs are not tokens', () => {
    expect(recognise('STRIPE_SECRET_KEY', 'sk_test_abcdefghijkl')).toMatchObject({ provider: 'kernel-sh', weak: true });
    expect(recognise('KERNEL_BASE_URL', 'https://api.onkernel.com')).toBeNull();
    expect(recognise('KERNEL_REGION', 'eu-west-1-long')).toBeNull();
    expect(recognise('KERNEL_API_KEY', 'short')).toBeNull();
    expect(recognise('KERNEL_API_KEY', 'keydeck://acme/ci-deploy')).toBeNull();
    expect(recognise('KERNEL_API_KEY', 'two words here')).toBeNull();
  });
});

describe('referenceFor', () => {
  it('lower-cases and percent-encodes names so the reference is one word', () => {
    expect(referenceFor('Acme Prod', 'CI/Deploy key')).toBe('keydeck://acme%20prod/ci%2Fdeploy%20key');
  });
});
