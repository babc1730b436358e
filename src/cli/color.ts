/** Whether to colour terminal output: the one place the CLI decides it, reporters only obey. */

/**
 * Colours when `FORCE_COLOR` asks for them (any value but `0` or `false`), never when `NO_COLOR` is
 * set to anything non-empty (no-color.org), and otherwise only on a terminal that is not `dumb`.
 * `FORCE_COLOR` wins over `NO_COLOR`, as in Node.js's own `tty.getColorDepth`: it is the more
 * specific request (set for one CI job, where `NO_COLOR` is often a machine-wide default).
 */
export function shouldColor(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY === true && env.TERM !== "dumb";
}
