/**
 * A worker thread of `qatconf lint` or `fmt` (see pool.ts): it runs the same per-file step as the
 * main thread, on each chunk of tasks it claims, until none is left.
 */
import { parentPort, workerData } from "node:worker_threads";
import { registryLinter } from "./fix.ts";
import { type FmtJob, type FmtTask, fmtFile } from "./fmt-file.ts";
import type { LintJob } from "./lint-file.ts";
import { type LintGroup, lintGroup } from "./lint-group.ts";
import { type ChunkReply, claimChunk, type WorkerData, type WorkKind } from "./pool.ts";

type Handler = (task: unknown) => Promise<unknown>;

const HANDLERS: Record<WorkKind, (options: unknown) => Handler> = {
  lint: (options) => (group) => lintGroup(group as LintGroup, options as LintJob, registryLinter),
  fmt: (options) => (task) => fmtFile(task as FmtTask, options as FmtJob),
};

/**
 * Runs chunks, claimed from the counter every thread shares, until none is left; then
 * `beforeDone` (bin/start.js keeps the worker's code cache), before the main thread hears that
 * this worker is done and may end the process.
 */
export async function runWorker(beforeDone?: () => void): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("runWorker: not a worker thread");
  const { kind, options, tasks, size, next } = workerData as WorkerData;
  const handle = HANDLERS[kind](options);
  // QATCONF_WORKER_STOP_AFTER=N stops a worker once it has claimed N + 1 chunks and replied for N,
  // so that a test sees the chunk a dead worker had claimed run on the main thread.
  let replies = Number(process.env.QATCONF_WORKER_STOP_AFTER ?? Number.POSITIVE_INFINITY);
  for (let start = claimChunk(next, size, tasks.length); start !== undefined; ) {
    if (replies-- <= 0) process.exit(1);
    const results: unknown[] = [];
    const end = Math.min(start + size, tasks.length);
    for (let i = start; i < end; i++) results.push(await handle(tasks[i]));
    const reply: ChunkReply = { id: start, results };
    port.postMessage(reply);
    start = claimChunk(next, size, tasks.length);
  }
  beforeDone?.();
  port.postMessage(null);
  port.close();
}
