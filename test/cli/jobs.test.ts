/**
 * `--jobs`: a run spread over worker threads prints exactly what a run on one thread prints, in the
 * same order (reports, stderr lines, exit code), for lint and for fmt, whatever the files hold.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentText } from "../format/arbitrary.ts";
import { grammarSoup } from "../support/arbitraries.ts";
import { runCli } from "../support/cli.ts";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "qatconf-jobs-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Every file goes through a worker thread (the main thread takes none), so that the runs compared are
// one thread against workers only.
const WORKERS_ONLY = { QATCONF_WORKERS_ONLY: "1" };

const NAMES = ["c6xx_dev0.conf", "4xxx_dev1.conf", "c6xxvf_dev0.conf.vm", "web01_c3xxx_dev0.conf", "host_dev2.conf"];

/** A repository: folders of files with any text, some of them not text at all. */
const repository = fc.array(
  fc.record({
    folder: fc.constantFrom("a", "b", "a/c", "d"),
    name: fc.constantFrom(...NAMES),
    text: fc.oneof(documentText, grammarSoup, fc.constant("\0binary")),
  }),
  { minLength: 25, maxLength: 60 },
);

function writeRepository(files: Array<{ folder: string; name: string; text: string }>): string {
  const dir = mkdtempSync(join(root, "repo-"));
  files.forEach((f, i) => {
    const folder = join(dir, f.folder, String(i));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, f.name), f.text);
  });
  return dir;
}

/** Every file of the repository, in the order the directory walk finds them. */
function listed(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe("--jobs", () => {
  it("lint on 3 threads prints what lint on 1 thread prints, in the same order", () => {
    fc.assert(
      fc.property(repository, fc.constantFrom("json", "stylish"), (files, format) => {
        const dir = writeRepository(files);
        const one = runCli(["lint", ".", "--jobs", "1", "-f", format], { cwd: dir });
        const three = runCli(["lint", ".", "--jobs", "3", "-f", format], { cwd: dir, env: WORKERS_ONLY });
        expect(three).toEqual(one);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 6 },
    );
  });

  it("fmt --check on 3 threads prints what it prints on 1 thread, in the same order", () => {
    fc.assert(
      fc.property(repository, (files) => {
        const dir = writeRepository(files);
        const paths = listed(dir);
        const one = runCli(["fmt", "--check", "--jobs", "1", ...paths], { cwd: dir });
        const three = runCli(["fmt", "--check", "--jobs", "3", ...paths], { cwd: dir, env: WORKERS_ONLY });
        expect(three).toEqual(one);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 6 },
    );
  });

  it("refuses a --jobs that is not a whole number of at least 1", () => {
    const r = runCli(["lint", "--jobs", "0", "samples"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--jobs");
  });
});
