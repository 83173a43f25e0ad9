import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueMessages } from '../../../shared/contract/issue-messages';

const schema = z.strictObject({
  name: z.string().min(1, 'is required'),
  env: z.enum(['dev', 'prod']),
  days: z.number().int().min(1).max(3650),
  tags: z.array(z.string()).max(2),
  code: z.string().max(4),
});
const messages = (input: unknown) => Object.fromEntries(issueMessages(schema.safeParse(input).error!.issues));

describe('validation messages for people', () => {
  it('reads as the end of a sentence after the field name', () => {
    expect(messages({ name: 5, env: 'qa', days: 1.5, tags: ['a', 'b', 'c'], code: 'abcdef', extra: 1 })).toEqual({
      name: 'must be text',
      env: 'must be one of dev, prod',
      days: 'must be a whole number',
      tags: 'must have at most 2 items',
      code: 'must be at most 4 characters',
      extra: 'is not a field of this request',
    });
  });
  it('says "is required" for a missing field and keeps custom messages', () => {
    expect(messages({ name: '', env: 'dev', tags: [], code: '' })).toEqual({ name: 'is required', days: 'is required' });
    expect(messages({ name: 'x', env: 'dev', days: 0, tags: [], code: '' })).toEqual({ days: 'must be at least 1' });
  });
  it('names the whole input when it is not an object', () => {
    expect(messages(42)).toEqual({ '(input)': 'must be an object' });
  });
});
