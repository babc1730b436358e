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
import { general, kernelSection, userSection } from "../model/helpers.ts";
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

/** Names of one host's files: PFs with a gap in the numbering, VFs beside them, a file of no device. */
const HOST_NAMES = [
  "c6xx_dev0.conf",
  "c6xx_dev1.conf",
  "c6xx_dev3.conf",
  "c6xxvf_dev0.conf.vm",
  "c6xxvf_dev1.conf.vm",
  "4xxx_dev0.conf",
  "qat.conf",
];

/** Texts the set rules and a VF's PF services have something to say about. */
const hostText = fc
  .record({
    services: fc.constantFrom("cy;dc", "cy", "dc", "asym;sym"),
    sriov: fc.boolean(),
    ssl: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  })
  .map(
    ({ services, sriov, ssl }) =>
      general(services, sriov ? "SRIOV_Enabled = 1\n" : "") +
      kernelSection(0, 0) +
      (ssl === undefined ? "" : userSection("SSL", 1, 0, ssl)),
  );

/** Host folders: several files per folder, some with a configuration naming a program that uses them. */
const hosts = fc.record({
  files: fc.uniqueArray(
    fc.record({
      folder: fc.constantFrom("h1", "h2", "h3/x", "h4"),
      name: fc.constantFrom(...HOST_NAMES),
      text: fc.oneof(hostText, hostText, documentText, grammarSoup),
    }),
    { minLength: 8, maxLength: 40, selector: (f) => `${f.folder}/${f.name}` },
  ),
  consumers: fc.constantFrom([], ["h1"], ["h2", "h4"]),
});

function writeHosts({
  files,
  consumers,
}: {
  files: Array<{ folder: string; name: string; text: string }>;
  consumers: readonly string[];
}): string {
  const dir = mkdtempSync(join(root, "hosts-"));
  for (const f of files) {
    mkdirSync(join(dir, f.folder), { recursive: true });
    writeFileSync(join(dir, f.folder, f.name), f.text);
  }
  for (const folder of consumers) {
    mkdirSync(join(dir, folder), { recursive: true });
    const config = { consumers: [{ name: "nginx", section: "SSL", processes: 16 }] };
    writeFileSync(join(dir, folder, ".qatconf.json"), JSON.stringify(config));
  }
  return dir;
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

  it("lint on 3 threads gives the set rules' findings and the VFs' PF services as 1 thread does, also from the cache", () => {
    fc.assert(
      fc.property(hosts, fc.constantFrom("json", "stylish"), (repo, format) => {
        const dir = writeHosts(repo);
        const one = runCli(["lint", ".", "--jobs", "1", "-f", format], { cwd: dir });
        const three = runCli(["lint", ".", "--jobs", "3", "-f", format], { cwd: dir, env: WORKERS_ONLY });
        expect(three).toEqual(one);
        const cache = ["--cache-location", join(dir, "lint-cache.json")];
        expect(runCli(["lint", ".", "--jobs", "3", "-f", format, ...cache], { cwd: dir, env: WORKERS_ONLY })).toEqual(
          one,
        );
        expect(runCli(["lint", ".", "--jobs", "1", "-f", format, ...cache], { cwd: dir })).toEqual(one);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 8 },
    );
  });

  it("runs the set rules and gives a VF its PF's services on a worker", () => {
    const dir = writeHosts({
      files: [
        { folder: "h1", name: "c6xx_dev0.conf", text: general("cy") + kernelSection(0, 0) },
        { folder: "h1", name: "c6xx_dev3.conf", text: general("cy") + kernelSection(0, 0) },
        { folder: "h1", name: "c6xxvf_dev0.conf.vm", text: general("dc") + kernelSection(0, 0) },
      ],
      consumers: [],
    });
    const r = runCli(["lint", ".", "--jobs", "2", "-f", "json"], { cwd: dir, env: WORKERS_ONLY });
    const ids = (JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ ruleId: string }> }>).flatMap((f) =>
      f.diagnostics.map((d) => d.ruleId),
    );
    expect(ids).toEqual(
      expect.arrayContaining(["device-numbering", "vf-files-without-sriov", "vf-service-unsupported"]),
    );
    rmSync(dir, { recursive: true, force: true });
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

  it("runs again on the main thread the chunks of a worker that stopped, and prints what 1 thread prints", () => {
    const dir = writeHosts({
      files: Array.from({ length: 40 }, (_, i) => ({
        folder: `h${i % 10}`,
        name: HOST_NAMES[i % HOST_NAMES.length] as string,
        text: general(i % 2 ? "cy" : "dc") + kernelSection(0, 0) + userSection("SSL", 1, 0, i),
      })),
      consumers: ["h1"],
    });
    const one = runCli(["lint", ".", "--jobs", "1", "-f", "json"], { cwd: dir });
    for (const stopAfter of ["0", "1", "3"]) {
      const env = { ...WORKERS_ONLY, QATCONF_WORKER_STOP_AFTER: stopAfter };
      expect(runCli(["lint", ".", "--jobs", "3", "-f", "json"], { cwd: dir, env })).toEqual(one);
      const paths = listed(dir);
      expect(runCli(["fmt", "--check", "--jobs", "2", ...paths], { cwd: dir, env })).toEqual(
        runCli(["fmt", "--check", "--jobs", "1", ...paths], { cwd: dir }),
      );
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a --jobs that is not a whole number of at least 1", () => {
    const r = runCli(["lint", "--jobs", "0", "samples"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--jobs");
  });
});
