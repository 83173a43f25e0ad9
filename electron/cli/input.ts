import { printError } from './output';

/** Everything piped in, as text. */
export async function readAllStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A secret: typed at a terminal without echo after a clear prompt, or piped in
 * (`pbpaste | keydeck import …`). Never from arguments: argv is visible to every process.
 */
export async function readSecret(prompt: string, stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (!stdin.isTTY) return (await readAllStdin(stdin)).trim();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (fn: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      fn();
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(() => resolve(value.trim()));
        if (ch === '\u0003') return done(() => reject(new InterruptedError()));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    // Echo off before the prompt shows: whatever is typed after it never reaches the screen.
    stdin.setRawMode(true);
    printError(`${prompt} (input is hidden; press Enter when done):`);
    stdin.resume();
    stdin.on('data', onData);
  });
}

export class InterruptedError extends Error {
  constructor() {
    super('Interrupted: nothing was stored.');
  }
}
