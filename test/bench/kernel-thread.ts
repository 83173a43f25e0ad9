// The kernel.sh imitation on a thread of its own, for `npm run bench:rotation`: a real service
// answers from elsewhere, so its work must not queue on the caller's event loop (in process, the
// check Keydeck sends while the keychain writes would be served by the very thread that waits
// for the keychain). The bench seeds keys and reads request counts through messages.
import { parentPort, Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { KernelImitation } from '../imitations/kernel-sh';

type Ask = { op: 'seed'; name: string; expiresInDays?: number } | { op: 'routes' } | { op: 'stop' };
type Request = Ask & { id: number };
type Reply = { id: number; value: unknown };

if (parentPort) {
  const port = parentPort;
  const kernel = new KernelImitation();
  const url = await kernel.start();
  port.on('message', (m: Request) => {
    void (async () => {
      const reply = (value: unknown) => port.postMessage({ id: m.id, value } satisfies Reply);
      if (m.op === 'seed') {
        const { record, secret } = kernel.seedKey({ name: m.name, ...(m.expiresInDays ? { expiresInDays: m.expiresInDays } : {}) });
        reply({ id: record.id, secret });
      } else if (m.op === 'routes') reply(kernel.getStats().byRoute);
      else {
        await kernel.stop();
        reply(null);
      }
    })();
  });
  port.postMessage({ id: 0, value: url } satisfies Reply);
}

/** The imitation's thread, seen from the bench. */
export class KernelThread {
  private next = 1;
  private readonly waiting = new Map<number, (v: unknown) => void>();
  private constructor(private readonly worker: Worker, readonly url: string) {
    worker.on('message', (m: Reply) => {
      this.waiting.get(m.id)?.(m.value);
      this.waiting.delete(m.id);
    });
  }

  static async start(): Promise<KernelThread> {
    const worker = new Worker(fileURLToPath(import.meta.url));
    const url = await new Promise<string>((resolve, reject) => {
      worker.once('message', (m: Reply) => resolve(m.value as string));
      worker.once('error', reject);
    });
    return new KernelThread(worker, url);
  }

  private ask<T>(m: Ask): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, resolve as (v: unknown) => void);
      this.worker.postMessage({ ...m, id });
    });
  }

  seedKey(name: string, expiresInDays?: number): Promise<{ id: string; secret: string }> {
    return this.ask({ op: 'seed', name, ...(expiresInDays ? { expiresInDays } : {}) });
  }

  routes(): Promise<Record<string, number>> {
    return this.ask({ op: 'routes' });
  }

  async stop(): Promise<void> {
    await this.ask({ op: 'stop' });
    await this.worker.terminate();
  }
}
