/**
 * What `qatconf lint` does with the files of one folder (one host's files), on whichever thread: a
 * QAT 1.x VF gets the ring map its PF's file beside it says, every file is linted, and the set
 * rules run over the folder, each file parsed once for all three. A folder is never split between
 * threads: the set rules and the VFs need every file of it, and handing trees between threads would
 * cost more than parsing them.
 */
import { dirname } from "node:path";
import { view } from "../config/view.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { byPosition } from "../lint/lint.ts";
import { lintSet } from "../lint/set.ts";
import type { LintOptions } from "../lint/types.ts";
import { resolveDevice } from "../model/device-options.ts";
import { isPfFileName, pfServicesByFamily } from "../model/pf-services.ts";
import { keptLinesOf, SourceLines } from "../reporters/code-frame.ts";
import { parseAs } from "../syntax/kind.ts";
import type { ConfigDocument } from "../syntax/tree.ts";
import type { Linter } from "./fix.ts";
import { settingsKey, textHash } from "./lint-cache.ts";
import {
  type LintedOutcome,
  type LintJob,
  type LintOutcome,
  type LintTask,
  lintFile,
  lintFileRead,
} from "./lint-file.ts";

/** The files of one folder, in the run's order. */
export interface LintGroup {
  tasks: LintTask[];
}

/** Lints the files of a folder; the outcomes are in the order of `group.tasks`. */
export async function lintGroup(group: LintGroup, job: LintJob, linter: Linter): Promise<LintOutcome[]> {
  const { tasks } = group;
  const outcomes: LintOutcome[] = new Array(tasks.length);
  const documents: Array<ConfigDocument | undefined> = new Array(tasks.length);
  // Awaited only when there is something to wait for (--fix's writes): see lintFile.
  const settle = (i: number, linted: LintedOutcome | Promise<LintedOutcome>): void | Promise<void> => {
    const keep = ({ outcome, document }: LintedOutcome): void => {
      outcomes[i] = outcome;
      documents[i] = document;
    };
    return linted instanceof Promise ? linted.then(keep) : keep(linted);
  };
  const lintAt = (i: number): void | Promise<void> => settle(i, lintFile(tasks[i] as LintTask, job, linter));
  // A hit known by its fingerprint was not even read: it is when its tree is needed, and linted
  // after all if its text is not the one the cache knows.
  const readAt = (i: number): void | Promise<void> =>
    outcomes[i]?.unread ? settle(i, lintFileRead(tasks[i] as LintTask, job, linter)) : undefined;
  // A cache hit was not parsed: it is, when the PF services or the set rules need its tree.
  const documentAt = (i: number): ConfigDocument => {
    documents[i] ??= parseAs((outcomes[i] as LintOutcome).report?.source ?? "", (tasks[i] as LintTask).settings);
    return documents[i];
  };
  const vfs = tasks.flatMap((task, i) => (needsPfServices(task.settings) ? [i] : []));
  if (vfs.length > 0) {
    // The PF files first: what they say is part of each VF's settings.
    const pfs = tasks.flatMap((task, i) => (task.file !== "-" && isPfFileName(task.name) ? [i] : []));
    for (const i of pfs) {
      await lintAt(i);
      await readAt(i);
    }
    const found = pfServicesByFamily(
      pfs
        .filter((i) => outcomes[i]?.report)
        .map((i) => ({ name: (tasks[i] as LintTask).name, view: view(documentAt(i)) })),
    );
    for (const i of vfs) {
      const task = tasks[i] as LintTask;
      const pf = found.get(resolveDevice(task.settings).family?.id ?? "");
      if (!pf || "conflict" in pf) continue;
      task.settings = { ...task.settings, pfServicesEnabled: pf.value, pfServicesSource: pf.source };
    }
  }
  for (let i = 0; i < tasks.length; i++) {
    if (outcomes[i]) continue;
    const writing = lintAt(i);
    if (writing) await writing;
  }
  await addSetFindings(tasks, outcomes, documentAt, readAt, job);
  for (let i = 0; i < tasks.length; i++) letGoOfText(outcomes[i] as LintOutcome, tasks[i] as LintTask, documents[i]);
  return outcomes;
}

/**
 * The report reads a file's text only for the lines its findings are on (code frames): the rest is
 * let go once the folder is done, not kept (or copied back from a worker) until the report. Over
 * 10,000 files the texts were 60 MB held to the end of the run, and most of its garbage collection.
 */
function letGoOfText(outcome: LintOutcome, task: LintTask, document: ConfigDocument | undefined): void {
  const report = outcome.report;
  // An unread hit's text is already what the report shows.
  if (!report || report.source === "" || outcome.unread) return;
  // A hit's findings come from the cache later: the probe says which lines they are on.
  const lines = outcome.hit ? [...(task.cache?.lines ?? [])] : report.diagnostics.map((d) => d.range.start.line);
  for (const d of outcome.set ?? []) lines.push(d.range.start.line);
  // The report is this file's own, made by lintFile: it is changed in place, not copied. Its tree,
  // when it was parsed, is of this very text.
  if (lines.length === 0) report.source = "";
  else report.source = document ? keptLinesOf(document, lines) : new SourceLines(report.source).only(lines);
}

/** A QAT 1.x VF whose PF services no setting gave: its PF's file may say them. */
function needsPfServices(settings: LintOptions): boolean {
  const device = resolveDevice(settings);
  return device.family !== undefined && device.isVf && settings.pfServicesEnabled === undefined;
}

/**
 * Runs the set rules over the files of the folder that were read, when there are two or more (or a
 * program uses the file: `consumers`), and gives each file its findings. With `--cache`, a set whose
 * files, texts and settings are those of the last run takes that run's findings, parsing nothing.
 */
async function addSetFindings(
  tasks: readonly LintTask[],
  outcomes: readonly LintOutcome[],
  documentAt: (i: number) => ConfigDocument,
  readAt: (i: number) => void | Promise<void>,
  job: LintJob,
): Promise<void> {
  // The files of a group are one folder's; only stdin is named as --stdin-filename says.
  const first = tasks.find((task) => task.file !== "-");
  const shared = first ? dirname(first.name) : "";
  const folderOf = (task: LintTask): string => (task.file === "-" ? dirname(task.name) : shared);
  const perFolder = new Map<string, number>();
  const read = tasks.flatMap((_, i) => (outcomes[i]?.report ? [i] : []));
  for (const i of read) {
    const folder = folderOf(tasks[i] as LintTask);
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
  }
  const members = read.filter((i) => {
    const task = tasks[i] as LintTask;
    return (perFolder.get(folderOf(task)) ?? 0) >= 2 || task.settings.consumers !== undefined;
  });
  if (members.length === 0) return;
  const keyOf = (): string | undefined =>
    job.cache ? setKey(members.map((i) => [tasks[i] as LintTask, outcomes[i] as LintOutcome])) : undefined;
  let key = keyOf();
  if (key !== undefined && members.every((i) => tasks[i]?.cache?.set?.key === key)) {
    for (const i of members) take(outcomes[i] as LintOutcome, tasks[i]?.cache?.set?.findings ?? [], key);
    return;
  }
  if (members.some((i) => outcomes[i]?.unread)) {
    for (const i of members) {
      const reading = readAt(i);
      if (reading) await reading;
    }
    key = keyOf(); // a file read may not be the one its fingerprint said
  }
  const found = lintSet(members.map((i) => ({ document: documentAt(i), options: (tasks[i] as LintTask).settings })));
  members.forEach((i, k) => {
    take(outcomes[i] as LintOutcome, found[k] ?? [], key);
  });
}

function take(outcome: LintOutcome, found: Diagnostic[], key: string | undefined): void {
  if (found.length > 0) outcome.set = found;
  if (key !== undefined) outcome.setKey = key;
}

/** The key of a set: each member's name, text and final settings, in order. */
function setKey(members: ReadonlyArray<readonly [LintTask, LintOutcome]>): string | undefined {
  const parts: string[] = [];
  for (const [task, outcome] of members) {
    if (outcome.hash === undefined) return undefined;
    parts.push(task.name, outcome.hash, outcome.settingsKey ?? settingsKey(task.settings));
  }
  // NUL is in no path, hash or settings key (JSON escapes it): the joined parts tell the sets apart.
  return textHash(parts.join("\0"));
}

/** A file's findings with the set rules' added, in position order. */
export function withSetFindings(outcome: LintOutcome, diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
  return outcome.set ? [...diagnostics, ...outcome.set].sort(byPosition) : diagnostics;
}
