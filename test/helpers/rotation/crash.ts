import { spawn } from 'node:child_process';
import { CLI, cliEnv } from '../cli';

/**
 * Runs one contract call in the built CLI (the real core, plain Node) with the engine's test hook
 * armed: the child SIGKILLs itself right after `step`. Resolves when the process has exited.
 */
export function runCrashingCli(dataDir: string, service: string, channel: string, input: unknown, step: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'call', channel, '-', '--json'], {
      env: cliEnv(dataDir, service, { KEYDECK_TEST_CRASH_AFTER: step }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    // The input (with a pasted token, for guided flows) goes over stdin, never argv.
    child.stdin.end(JSON.stringify(input));
  });
}
