import type { z } from 'zod';

const NOUN: Record<string, string> = { string: 'text', int: 'a whole number', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list' };

/**
 * zod's default wording is for programmers ("Invalid input: expected int, received number").
 * These read as the end of a sentence after the field name, for forms and the CLI alike.
 * Custom messages from the schemas (written for people already) pass through unchanged.
 */
export function issueMessages(issues: readonly z.core.$ZodIssue[]): Array<[path: string, message: string]> {
  const out: Array<[string, string]> = [];
  for (const issue of issues) {
    const path = issue.path.length ? issue.path.join('.') : '(input)';
    switch (issue.code) {
      case 'invalid_type':
        // Issues carry no input value (on purpose: values may be secrets), only zod's own wording.
        out.push([path, /received undefined$/.test(issue.message) ? 'is required' : `must be ${NOUN[issue.expected] ?? issue.expected}`]);
        break;
      case 'invalid_value':
        out.push([path, `must be one of ${issue.values.map(String).join(', ')}`]);
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push([path === '(input)' ? key : `${path}.${key}`, 'is not a field of this request']);
        break;
      case 'too_small':
      case 'too_big':
        out.push([path, issue.message.startsWith('Too ') ? sizeMessage(issue) : issue.message]);
        break;
      default:
        out.push([path, issue.message]);
    }
  }
  return out;
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const word = issue.code === 'too_small' ? 'at least' : 'at most';
  if (issue.origin === 'string') return `must be ${word} ${bound} characters`;
  if (issue.origin === 'array') return `must have ${word} ${bound} items`;
  return `must be ${word} ${bound}`;
}
