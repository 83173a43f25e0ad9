import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { isReference } from '../../../shared/domain';
import { usageError } from '../context';

/** VAR=REF for the child: `var` null when the variable's name comes from the provider's convention. */
export interface RefAssignment {
  variable: string | null;
  ref: string;
  from: string;
}

export interface EnvPlan {
  /** Plain values from --env-file: passed through as written. */
  plain: Record<string, string>;
  refs: RefAssignment[];
}

const VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * --env-file files in order, then -e pairs: a later assignment of the same variable wins. In a
 * file only keydeck:// values are references (anything else is a plain value); after -e every
 * value is a reference, name or id, since -e exists to name keys.
 */
export function planEnv(envFiles: string[], pairs: string[]): EnvPlan {
  const plain: Record<string, string> = {};
  const refs = new Map<string, RefAssignment>();
  const unnamed: RefAssignment[] = [];
  for (const file of envFiles) {
    for (const [variable, value] of Object.entries(readEnvFile(file))) {
      if (isReference(value.trim())) {
        delete plain[variable];
        refs.set(variable, { variable, ref: value.trim(), from: file });
      } else {
        refs.delete(variable);
        plain[variable] = value;
      }
    }
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq === -1) {
      unnamed.push({ variable: null, ref: pair, from: `-e ${pair}` });
      continue;
    }
    const variable = pair.slice(0, eq);
    const ref = pair.slice(eq + 1);
    if (!VAR.test(variable)) throw usageError(`-e ${pair}: "${variable}" is not an environment variable name (letters, digits and _, not starting with a digit).`);
    if (!ref) throw usageError(`-e ${variable}= names no key: write -e ${variable}=keydeck://workspace/key.`);
    delete plain[variable];
    refs.set(variable, { variable, ref, from: `-e ${variable}` });
  }
  return { plain, refs: [...refs.values(), ...unnamed] };
}

function readEnvFile(file: string): Record<string, string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw usageError(`--env-file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder, not a file' : 'cannot be read'}.`);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw usageError(`--env-file ${file} is not UTF-8 text. Save it as UTF-8 and try again.`);
  }
  return parse(bytes);
}
