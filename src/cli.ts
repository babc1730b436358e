/** Entry point of the bundled CLI (`dist/cli.js`), loaded by `bin/qatconf.js` after its Node check. */
export { run } from "./cli/main.ts";
