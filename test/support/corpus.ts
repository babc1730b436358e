/**
 * Access to the shared corpus of real configuration files (../shared/corpus beside the checkout).
 * On a user's clone it is absent and the tests that need it skip with a message; in CI (CI set)
 * its absence is a failure, so that a green CI always means the corpus was checked.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const CORPUS_DIR = resolve(import.meta.dirname, "../../../shared/corpus");

export const corpusAvailable = existsSync(CORPUS_DIR);

if (!corpusAvailable && process.env.CI) {
  throw new Error(`the shared corpus is missing at ${CORPUS_DIR}: CI must run with ../shared beside the checkout`);
}

/** Why corpus tests are skipped, for `describe.skipIf(...)` titles. */
export const CORPUS_SKIP_REASON = `corpus not found at ${CORPUS_DIR} (it sits beside the checkout in the project's workspace)`;

/** A title for a corpus suite: the reason is added only when the suite is skipped. */
export function corpusSuite(title: string): string {
  return corpusAvailable ? title : `${title} (skipped: ${CORPUS_SKIP_REASON})`;
}

export interface CorpusFile {
  /** Path relative to the corpus folder. */
  name: string;
  path: string;
  text: string;
}

let cache: CorpusFile[] | undefined;

/** Every configuration file of the corpus, read once per test process. */
export function corpusFiles(): CorpusFile[] {
  if (!corpusAvailable) return [];
  if (cache) return cache;
  const out: CorpusFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.conf(\.vm)?$/.test(entry))
        out.push({ name: relative(CORPUS_DIR, path), path, text: readFileSync(path, "utf8") });
    }
  };
  walk(CORPUS_DIR);
  cache = out;
  return out;
}
