/**
 * Runs the real CLI as users get it: `node bin/qatconf.js` over the bundle in `dist/` (built by
 * `npm test` before the tests; `node scripts/build.ts --no-types` rebuilds it by hand).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type LintCommandOptions, type LintEnvironment, runLint } from "../../src/cli/lint-run.ts";

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, "../..");
/** The installed entry point. */
export const BIN = resolve(ROOT, "bin/qatconf.js");

/** What a CLI run printed and how it exited. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface CliOptions {
  cwd?: string;
  /** Text fed to standard input. */
  input?: string;
  /** Extra environment; NO_COLOR and FORCE_COLOR are cleared unless given. */
  env?: Record<string, string | undefined>;
}

/** Runs `qatconf ARGS` in a child process on the Node that runs the tests. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  if (!existsSync(resolve(ROOT, "dist/cli.cjs"))) {
    throw new Error("dist/cli.cjs is missing: run `node scripts/build.ts --no-types` (npm test builds it)");
  }
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    env,
    encoding: "utf8",
    timeout: 30_000,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs `qatconf lint` in this process (`runLint`, what the CLI calls), with its output captured:
 * for tests that need a stand-in linter or many runs without a child process each.
 */
export async function runLintInProcess(
  files: readonly string[],
  options: Partial<LintCommandOptions>,
  env: { cwd: string } & Partial<Omit<LintEnvironment, "stdout" | "stderr">>,
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const status = await runLint([...files], options as LintCommandOptions, {
    version: "0.0.0",
    color: false,
    ...env,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { status, stdout, stderr };
}
