/**
 * Loads a CommonJS bundle that the single executable carries as an asset (scripts/build-sea.ts):
 * code kept out of the startup snapshot that every run deserializes, compiled only by the runs
 * that need it. Such a bundle requires Node's built-in modules only.
 *
 * What a run compiled can be kept as a V8 code cache in the user's cache folder, as bin/start.js
 * keeps the npm CLI's, for the next run of the same executable. Not at build time: V8 took a cache
 * only in the very executable that had made it (one made by plain `node`, by `node --snapshot-blob`,
 * or by an identical build of the executable, it rejected).
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { userCacheFolder } from "./cli/lint-cache.ts";
import { saveCodeCache } from "./io/code-caches.ts";

/** An asset's exports, and how to keep what this run compiled of it. */
export interface LoadedAsset {
  exports: unknown;
  /** Writes the code cache, if the asset was loaded with a key and had none V8 took. */
  saveCache(): void;
}

/** CommonJS's wrapper, compiled around the asset's code. */
const WRAPPER = ["(function (exports, require, module, __filename, __dirname) {", "\n})"] as const;

/**
 * Asset `name`, compiled with its code cache for runs of kind `cacheKey` (a command's name) when
 * one is given and the user's cache folder is safely the user's; NODE_DISABLE_COMPILE_CACHE=1
 * turns the cache off, as it does Node's.
 */
export function loadAsset(name: string, cacheKey?: string): LoadedAsset {
  const code = (process.getBuiltinModule("node:sea") as typeof import("node:sea")).getAsset(name, "utf8");
  const place =
    cacheKey === undefined || process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : cachePlace(name, cacheKey);
  const cachedData = place === undefined ? undefined : readOrUndefined(place.file);
  const vm = process.getBuiltinModule("node:vm");
  const script = new vm.Script(WRAPPER[0] + code + WRAPPER[1], {
    filename: name,
    ...(cachedData ? { cachedData } : {}),
  });
  const builtin = (id: string): unknown => {
    const found = process.getBuiltinModule(id);
    if (found === undefined) throw new Error(`${name}: requires '${id}', which is not one of Node's modules`);
    return found;
  };
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, builtin, module, name, ".");
  return {
    exports: module.exports,
    saveCache() {
      if (place === undefined || (cachedData && !script.cachedDataRejected)) return;
      saveCodeCache(place.file, script.createCachedData(), "sea-", place.build);
    },
  };
}

/** Where a code cache is kept: this build's prefix of its name, the file. */
interface CachePlace {
  build: string;
  file: string;
}

/** `sea-`, this executable (its size, time and inode: a new build gets new files), the asset, the key. */
function cachePlace(name: string, cacheKey: string): CachePlace | undefined {
  const dir = userCacheFolder();
  if (dir === undefined) return undefined;
  const exe = statSync(process.execPath);
  const build = `sea-${exe.size}-${Math.trunc(exe.mtimeMs)}-${exe.ino}-`;
  return { build, file: join(dir, `${build}${name}-${cacheKey}.v8cache`) };
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
