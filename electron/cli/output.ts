import { safeLinesForTerminal } from './terminal-safe';

/**
 * Every byte the CLI writes goes through here, so terminal sanitising (for names and messages
 * that came from a service or a file) has one place to live. Secrets and --json go out exact.
 */
export interface Sinks {
  out(text: string): void;
  err(text: string): void;
}

let sinks: Sinks = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Tests capture output by swapping the sinks; returns the previous ones. */
export function setSinks(next: Sinks): Sinks {
  const prev = sinks;
  sinks = next;
  return prev;
}

/** Text for a person, on stdout. */
export function printHuman(text: string): void {
  sinks.out(`${safeLinesForTerminal(text)}\n`);
}

/** An error or notice for a person, on stderr. */
export function printError(text: string): void {
  sinks.err(`${safeLinesForTerminal(text)}\n`);
}

/** Machine-readable answers: exact, never rewritten. */
export function printJson(value: unknown): void {
  sinks.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Error answers under --json keep the core's Result shape, on stderr. */
export function printJsonError(value: unknown): void {
  sinks.err(`${JSON.stringify(value)}\n`);
}

/** A secret, exactly as stored: not text to tidy, and a newline only when asked. */
export function printSecret(secret: string, newline: boolean): void {
  sinks.out(newline ? `${secret}\n` : secret);
}

/** Commander's own help and usage text. */
export const helpOutput = {
  writeOut: (text: string) => sinks.out(safeLinesForTerminal(text)),
  writeErr: (text: string) => sinks.err(safeLinesForTerminal(text)),
};
