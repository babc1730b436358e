/**
 * Spreading independent tasks (a file to format, a folder of files to lint) over worker threads,
 * with the results in the order of the tasks whatever thread did each one: a report from four
 * threads is byte for byte the report of one.
 *
 * The main thread works too: it hands out small chunks of tasks to the workers as they ask for more
 * and runs chunks itself in between, so a slow worker (or one still starting) never holds the run
 * up, and a worker that dies has its chunk run again on the main thread.
 */
import type { Worker } from "node:worker_threads";

/** The kinds of work a worker can do; each names a handler in `worker.ts`. */
export type WorkKind = "lint" | "fmt";

/** What a worker is started with. */
export interface WorkerSetup {
  kind: WorkKind;
  /** The handler's options (structured-cloneable). */
  options: unknown;
}

/** A chunk of tasks sent to a worker, and the reply. */
export interface ChunkMessage {
  id: number;
  tasks: unknown[];
}
export interface ChunkReply {
  id: number;
  results: unknown[];
}

/** The flag that makes `bin/start.js` run the worker loop instead of the CLI. */
export const WORKER_FLAG = "--qatconf-worker";

let workerScript: string | undefined;

/**
 * Where workers start from: the CLI's own entry script, set by the bundle's entry when the CLI runs
 * as installed. Without it (the library, the single executable, tests in-process) work stays on
 * the main thread.
 */
export function setWorkerScript(path: string | undefined): void {
  workerScript = path;
}

/**
 * Files each thread should have at least before another thread is worth starting. Each thread
 * warms up its own JIT: on a 2-core machine a second thread cost about 0.4 s of CPU over 1,000
 * files, so it pays for itself in wall time from about 1,000 files a thread (bench/README.md).
 */
export const MIN_FILES_PER_THREAD = 1000;

/**
 * How many threads (the main one included) a run of `count` tasks uses. `jobs` is `--jobs`: a
 * number is taken as asked (never more threads than tasks), `undefined` chooses by the number of
 * files and the cores that are free.
 */
export function threadCount(jobs: number | undefined, count: number): number {
  if (workerScript === undefined || count < 2) return 1;
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, count));
  if (count < 2 * MIN_FILES_PER_THREAD) return 1;
  // Cores other work is not using, as `make -l` judges it: on a busy CI runner, extra threads only
  // add their warm-up to a run that cannot go faster.
  const os = process.getBuiltinModule("node:os");
  const cores = os.availableParallelism();
  const free = Math.max(1, cores - Math.round(os.loadavg()[0] ?? 0));
  return Math.max(1, Math.min(free, Math.floor(count / MIN_FILES_PER_THREAD)));
}

/**
 * Runs `run` over every task, on `threads` threads, and returns the results in task order.
 * `run` on the main thread and the worker's handler for `setup.kind` must do the same thing.
 */
export async function runTasks<T, R>(
  tasks: readonly T[],
  threads: number,
  setup: WorkerSetup,
  run: (task: T) => R | Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  if (threads <= 1 || workerScript === undefined) {
    for (let i = 0; i < tasks.length; i++) results[i] = await run(tasks[i] as T);
    return results;
  }
  // Small enough that the last chunks even out the threads, large enough that messages stay few.
  const size = Math.max(1, Math.min(64, Math.ceil(tasks.length / (threads * 8))));
  const chunks: number[] = [];
  for (let start = 0; start < tasks.length; start += size) chunks.push(start);
  let next = 0;
  const runHere = async (start: number): Promise<void> => {
    const end = Math.min(start + size, tasks.length);
    for (let i = start; i < end; i++) results[i] = await run(tasks[i] as T);
  };
  // Loaded only here (a few milliseconds of start-up that a one-file run does not pay), and not by
  // import(): the bundle runs in a vm.Script, which has no dynamic-import callback.
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  const script = workerScript;
  const workers: Array<Promise<void>> = [];
  for (let w = 1; w < threads; w++) {
    workers.push(
      new Promise<void>((done) => {
        const worker: Worker = new Worker(script, { argv: [WORKER_FLAG, setup.kind], workerData: setup });
        let current: number | undefined;
        const feed = (): void => {
          if (next >= chunks.length) {
            current = undefined;
            finished = true;
            worker.postMessage(null);
            worker.unref();
            done();
            return;
          }
          current = chunks[next++] as number;
          const message: ChunkMessage = {
            id: current,
            tasks: tasks.slice(current, Math.min(current + size, tasks.length)),
          };
          worker.postMessage(message);
        };
        worker.on("message", (reply: ChunkReply) => {
          for (let i = 0; i < reply.results.length; i++) results[reply.id + i] = reply.results[i] as R;
          feed();
        });
        // A worker that fails or stops leaves its chunk to the main thread: slower, never a wrong report.
        let finished = false;
        const lose = (): void => {
          if (finished) return;
          finished = true;
          const lost = current;
          current = undefined;
          void (lost === undefined ? Promise.resolve() : runHere(lost)).then(done);
        };
        worker.on("error", lose);
        worker.on("exit", lose);
        feed();
      }),
    );
  }
  // QATCONF_WORKERS_ONLY=1 keeps the main thread from taking chunks, so that a test sees every file
  // go through a worker.
  while (next < chunks.length && process.env.QATCONF_WORKERS_ONLY !== "1") {
    await runHere(chunks[next++] as number);
    // Let the workers' replies in, so they get their next chunk without waiting for this thread.
    await new Promise<void>((resume) => setImmediate(resume));
  }
  await Promise.all(workers);
  return results;
}
