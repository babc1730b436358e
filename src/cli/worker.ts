/**
 * A worker thread of `qatconf lint` or `fmt` (see pool.ts): it runs the same per-file step as the
 * main thread, on each chunk of tasks it is sent, until it is sent `null`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { registryLinter } from "./fix.ts";
import { type FmtJob, type FmtTask, fmtFile } from "./fmt-file.ts";
import type { LintJob } from "./lint-file.ts";
import { type LintGroup, lintGroup } from "./lint-group.ts";
import type { ChunkMessage, ChunkReply, WorkerSetup, WorkKind } from "./pool.ts";

type Handler = (task: unknown) => Promise<unknown>;

const HANDLERS: Record<WorkKind, (options: unknown) => Handler> = {
  lint: (options) => (group) => lintGroup(group as LintGroup, options as LintJob, registryLinter),
  fmt: (options) => (task) => fmtFile(task as FmtTask, options as FmtJob),
};

/** Serves chunks until the main thread says there are no more. */
export function runWorker(): void {
  const port = parentPort;
  if (!port) throw new Error("runWorker: not a worker thread");
  const setup = workerData as WorkerSetup;
  const handle = HANDLERS[setup.kind](setup.options);
  port.on("message", async (message: ChunkMessage | null) => {
    if (message === null) {
      port.close();
      return;
    }
    const results: unknown[] = [];
    for (const task of message.tasks) results.push(await handle(task));
    const reply: ChunkReply = { id: message.id, results };
    port.postMessage(reply);
  });
}
