/** Types of run-flags.js, for src/sea.ts and the tests. */
export declare const MANY_FILES_FLAGS: readonly string[];
export declare const MANY_PATHS: number;
export declare function runFlags(
  argv: readonly string[],
  execArgv: readonly string[],
  nodeOptions: string | undefined,
  folder?: (path: string) => boolean,
): string[];
export declare function sameFlag(arg: string, flag: string): boolean;
