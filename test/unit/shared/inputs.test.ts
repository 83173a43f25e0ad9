import { describe, expect, it } from 'vitest';
import { BaseUrlSchema, DateInputSchema, KeyImportInput, SecretSchema } from '../../../shared/contract/inputs';

describe('base URL rule', () => {
  it.each([
    ['https://api.onkernel.com/', 'https://api.onkernel.com'],
    ['http://127.0.0.1:4010/api/v1/', 'http://127.0.0.1:4010/api/v1'],
    ['http://localhost:8080', 'http://localhost:8080'],
  ])('accepts %s as %s', (input, normalized) => {
    expect(BaseUrlSchema.parse(input)).toBe(normalized);
  });

  it.each([
    ['http://api.example.com', 'must use https://'],
    ['ftp://example.com', 'must start with https://'],
    ['api.example.com', 'must be a full URL'],
    ['https://user:pw@example.com', 'must not contain a user name'],
    ['https://example.com/?token=x', 'must not contain a query'],
  ])('rejects %s', (input, message) => {
    const r = BaseUrlSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain(message);
  });
});

describe('pasted secret rule', () => {
  it('trims surrounding whitespace', () => {
    expect(SecretSchema.parse('  sk_abc123\n')).toBe('sk_abc123');
  });
  it('explains a pasted Bearer prefix', () => {
    expect(SecretSchema.safeParse('Bearer sk_abc').error?.issues[0]?.message).toBe("paste the token without the 'Bearer ' prefix");
  });
  it('rejects inner whitespace', () => {
    expect(SecretSchema.safeParse('sk_abc def').error?.issues[0]?.message).toContain('single token');
  });
});

describe('dates', () => {
  it('takes a calendar date as midnight UTC', () => {
    expect(DateInputSchema.parse('2027-01-31')).toBe('2027-01-31T00:00:00.000Z');
  });
  it('normalises timestamps with offsets to UTC', () => {
    expect(DateInputSchema.parse('2027-01-31T10:00:00+02:00')).toBe('2027-01-31T08:00:00.000Z');
  });
  it('rejects other shapes with a hint', () => {
    expect(DateInputSchema.safeParse('31/01/2027').error?.issues[0]?.message).toContain('2027-01-31');
  });
});

describe('import input', () => {
  it('rejects unknown fields rather than ignoring them', () => {
    const r = KeyImportInput.safeParse({ name: 'a', provider: 'kernle', secret: 'sk-1', extra: true });
    expect(r.success).toBe(false);
  });
  it('defaults scopes to none', () => {
    expect(KeyImportInput.parse({ name: 'a', provider: 'kernle', secret: 'sk-1' }).scopes).toEqual([]);
  });
});
