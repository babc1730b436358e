/** Entry point of the CLI bundle (`dist/cli.cjs`), loaded by `bin/qatconf.js` after its Node check. */
import { type RunEnd, run as runCli } from "./cli/main.ts";
import { setWorkerScript } from "./cli/pool.ts";

/** For bin/start.js, which keeps the bundle's code cache and cannot import src/ itself. */
export { saveCodeCache } from "./io/code-caches.ts";

/**
 * Runs the CLI. `workerScript` is the script worker threads start from (`bin/qatconf.js`, which
 * runs {@link runWorker} when started with the pool's flag); without it, work stays on one thread.
 * Resolves to how it ended: whether its command did its work, and whether the process may exit
 * at once.
 */
export function run(argv: string[], workerScript?: string): Promise<RunEnd> {
  setWorkerScript(workerScript);
  return runCli(argv);
}

/** The loop of a worker thread (loaded only in workers); `beforeDone` runs when its work is. */
export async function runWorker(beforeDone?: () => void): Promise<void> {
  return (await import("./cli/worker.ts")).runWorker(beforeDone);
}
