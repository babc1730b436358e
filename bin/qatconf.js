#!/usr/bin/env node
// Kept to syntax every Node.js runs, so that an old Node gets this message and not a SyntaxError.
var major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  process.stderr.write(
    "qatconf: requires Node.js 22 or newer (this is Node.js " +
      process.versions.node +
      "); install Node.js 22+ and try again\n",
  );
  process.exit(2);
}
import("../dist/cli.js").then(
  (cli) => cli.run(process.argv.slice(2)),
  (error) => {
    process.stderr.write(
      "qatconf: cannot load the CLI (" + error.message + "); run `npm run build` in a source checkout\n",
    );
    process.exit(2);
  },
);
