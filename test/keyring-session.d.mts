/** See keyring-session.mjs. */
export function reexecInKeyringSession(script: string, args: string[], cwd: string, nodeArgs?: string[]): void;
