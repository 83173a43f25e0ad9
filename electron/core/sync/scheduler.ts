export interface LimitedTask<T> {
  host: string;
  run: () => Promise<T>;
}

/**
 * Runs tasks with at most `concurrency` at once and at most `perHost` against any one host.
 * When a slot frees, the first waiting task whose host has room starts, so one slow host
 * never holds slots that other hosts could use.
 */
export function runLimited<T>(tasks: Array<LimitedTask<T>>, limits: { concurrency: number; perHost: number }): Promise<Array<PromiseSettledResult<T>>> {
  const results: Array<PromiseSettledResult<T>> = new Array(tasks.length);
  const waiting = tasks.map((_, i) => i);
  const busy = new Map<string, number>();
  let running = 0;
  let finished = 0;

  return new Promise((resolve) => {
    if (tasks.length === 0) return resolve(results);
    const pump = () => {
      for (let w = 0; w < waiting.length && running < limits.concurrency; ) {
        const i = waiting[w] as number;
        const task = tasks[i] as LimitedTask<T>;
        if ((busy.get(task.host) ?? 0) >= limits.perHost) {
          w++;
          continue;
        }
        waiting.splice(w, 1);
        running++;
        busy.set(task.host, (busy.get(task.host) ?? 0) + 1);
        void task
          .run()
          .then(
            (value) => (results[i] = { status: 'fulfilled', value }),
            (reason: unknown) => (results[i] = { status: 'rejected', reason }),
          )
          .finally(() => {
            running--;
            busy.set(task.host, (busy.get(task.host) ?? 1) - 1);
            if (++finished === tasks.length) resolve(results);
            else pump();
          });
      }
    };
    pump();
  });
}
