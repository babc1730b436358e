import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { format, lint, parse, print } from "../src/index.ts";

const SAMPLES = resolve(import.meta.dirname, "../samples");

function sampleFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? sampleFiles(path) : [path];
    });
}

const files = sampleFiles(SAMPLES).map((path) => [relative(SAMPLES, path), path] as const);

describe("the shipped samples are what the README promises", () => {
  it("covers a PF, a VF guest file, an SR-IOV host and QAT 1.x and 2.0", () => {
    const names = files.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        "c6xx_dev0.conf",
        "sriov-host/c6xxvf_dev0.conf.vm",
        "sriov-host/c6xx_dev0.conf",
        "4xxx_dev0.conf",
      ]),
    );
  });

  it.each(files)("%s lints clean, is formatted, and prints back byte for byte", (_name, path) => {
    const text = readFileSync(path, "utf8");
    expect(print(parse(text))).toBe(text);
    expect(lint(text, { fileName: path }).diagnostics).toEqual([]);
    expect(format(text).text).toBe(text);
  });
});
