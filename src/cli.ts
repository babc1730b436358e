/** Entry point of the CLI bundle (`dist/cli.cjs`), loaded by `bin/qatconf.js` after its Node check. */
export { run } from "./cli/main.ts";
