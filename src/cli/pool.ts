/**
 * Spreading independent tasks (a file to format, a folder of files to lint) over worker threads,
 * with the results in the order of the tasks whatever thread did each one: a report from four
 * threads is byte for byte the report of one.
 *
 * The main thread works too: every thread claims small chunks of tasks in turn from one counter in
 * shared memory, so a slow worker (or one still starting) never holds the run up, and a chunk whose
 * results never came (its worker died) is run again on the main thread.
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

/** A worker's results for the chunk of tasks that starts at `id`. */
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
 * Files each thread of each kind of work should have at least before another thread is worth
 * starting. Each thread loads the bundle and warms up its own JIT, and V8's collector and compiler
 * work beside each on helper threads; measured on 2 cores (medians of 8, alternating), a second
 * `fmt` thread paid from about 1,000 files a thread (1.44 s against 1.85 over 10,000 files), and
 * a second `lint` thread, whose code is larger, from about 2,500: 1.33 s against 1.23 over 3,000
 * files, 1.64 against 1.69 over 5,000 and 2.31 against 2.75 over 10,000.
 */
export const MIN_FILES_PER_THREAD: Record<WorkKind, number> = { lint: 2500, fmt: 1000 };

/**
 * How many threads (the main one included) a run of `count` tasks of `kind` uses. `jobs` is
 * `--jobs`: a number is taken as asked (never more threads than tasks), `undefined` chooses by the
 * number of files and the cores that are free.
 */
export function threadCount(jobs: number | undefined, count: number, kind: WorkKind): number {
  if (workerScript === undefined || count < 2) return 1;
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, count));
  const least = MIN_FILES_PER_THREAD[kind];
  if (count < 2 * least) return 1;
  // Cores other work is not using: on a busy CI runner, extra threads only add their warm-up to a
  // run that cannot go faster.
  const os = process.getBuiltinModule("node:os");
  const cores = os.availableParallelism();
  const free = Math.max(1, cores - coresInUse(os.loadavg()[0] ?? 0, runnableElsewhere()));
  return Math.max(1, Math.min(free, Math.floor(count / least)));
}

/**
 * Cores other work keeps busy, from the one-minute load average and the threads runnable elsewhere
 * right now (`undefined` where the system does not say): the smaller of the two. The average lags by
 * a minute: after one qatconf run, or a test step, it still counts that work, and `lint` then `fmt`
 * in one CI job left `fmt` on one thread (1.85 s instead of 1.44 over 10,000 files). The count of
 * the moment is noisy, a short-lived process seen once. Work that is really there shows in both.
 */
export function coresInUse(average: number, runnable: number | undefined): number {
  return Math.min(Math.round(average), runnable ?? Number.POSITIVE_INFINITY);
}

/**
 * Threads runnable now other than this process's own (Linux: the running count of /proc/loadavg,
 * less this process's threads in state R, this one and V8's helpers), or `undefined` elsewhere.
 * The least of readings a millisecond apart: one reading saw other work in a quarter of the runs
 * on an idle machine (a kernel thread, a helper of ours between the two reads), while work that
 * keeps a core busy shows in every reading. Only a run of thousands of files asks, so the few
 * milliseconds are a fraction of a percent of it.
 */
function runnableElsewhere(): number | undefined {
  const fs = process.getBuiltinModule("node:fs");
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let least = Number.POSITIVE_INFINITY;
  try {
    for (let reading = 0; reading < 5 && least > 0; reading++) {
      if (reading > 0) Atomics.wait(pause, 0, 0, 1);
      const running = runningThreads(fs.readFileSync("/proc/loadavg", "latin1"));
      if (running === undefined) return undefined;
      let own = 0;
      for (const task of fs.readdirSync("/proc/self/task")) {
        if (threadState(fs.readFileSync(`/proc/self/task/${task}/stat`, "latin1")) === "R") own++;
      }
      least = Math.min(least, Math.max(0, running - own));
    }
    return least;
  } catch {
    return undefined;
  }
}

/** The running count of a /proc/loadavg line (`0.84 0.66 0.31 2/180 1234` gives 2). */
export function runningThreads(loadavg: string): number | undefined {
  const match = /^\S+ \S+ \S+ (\d+)\//.exec(loadavg);
  return match ? Number(match[1]) : undefined;
}

/** The state letter of a /proc/PID/stat line, after the command name in parentheses (which may hold any character). */
export function threadState(stat: string): string | undefined {
  const end = stat.lastIndexOf(")");
  return end === -1 ? undefined : stat[end + 2];
}

/**
 * What a worker is started with: its setup, every task, the chunk size, and the counter through
 * which every thread claims the next chunk.
 */
export interface WorkerData extends WorkerSetup {
  tasks: readonly unknown[];
  size: number;
  /** One Int32 in shared memory: the next chunk to claim (`Atomics.add`). */
  next: Int32Array;
}

/** Claims the next chunk of `next`: its first task, or `undefined` when none is left. */
export function claimChunk(next: Int32Array, size: number, count: number): number | undefined {
  const start = Atomics.add(next, 0, 1) * size;
  return start < count ? start : undefined;
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
  // Every thread claims its next chunk itself from a counter in shared memory: a worker that
  // finishes one starts the next at once, not when the main thread, busy with a chunk of its own,
  // gets round to sending it one (which left a worker idle half the run). Small enough that the
  // last chunks even out the threads, large enough that replies stay few.
  const size = Math.max(1, Math.min(16, Math.ceil(tasks.length / (threads * 8))));
  const next = new Int32Array(new SharedArrayBuffer(4));
  const done = new Uint8Array(Math.ceil(tasks.length / size));
  const runHere = async (start: number): Promise<void> => {
    const end = Math.min(start + size, tasks.length);
    for (let i = start; i < end; i++) results[i] = await run(tasks[i] as T);
    done[start / size] = 1;
  };
  // Loaded only here (a few milliseconds of start-up that a one-file run does not pay), and not by
  // import(): the bundle runs in a vm.Script, which has no dynamic-import callback.
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  const data: WorkerData = { ...setup, tasks, size, next };
  const workers: Array<Promise<void>> = [];
  for (let w = 1; w < threads; w++) {
    workers.push(
      new Promise<void>((finish) => {
        const worker: Worker = new Worker(workerScript as string, {
          argv: [WORKER_FLAG, setup.kind],
          workerData: data,
        });
        // `null`: the worker found no chunk left. A worker that fails or stops first leaves the
        // chunk it had claimed to the main thread (below): slower, never a wrong report.
        worker.on("message", (reply: ChunkReply | null) => {
          if (reply === null) {
            worker.unref();
            finish();
            return;
          }
          for (let i = 0; i < reply.results.length; i++) results[reply.id + i] = reply.results[i] as R;
          done[reply.id / size] = 1;
        });
        worker.on("error", () => finish());
        worker.on("exit", () => finish());
      }),
    );
  }
  // QATCONF_WORKERS_ONLY=1 keeps the main thread from taking chunks, so that a test sees every file
  // go through a worker.
  if (process.env.QATCONF_WORKERS_ONLY !== "1") {
    for (let start = claimChunk(next, size, tasks.length); start !== undefined; ) {
      await runHere(start);
      // Let the workers' replies in as they come, rather than all at the end.
      await new Promise<void>((resume) => setImmediate(resume));
      start = claimChunk(next, size, tasks.length);
    }
  }
  await Promise.all(workers);
  for (let chunk = 0; chunk < done.length; chunk++) if (done[chunk] === 0) await runHere(chunk * size);
  return results;
}
