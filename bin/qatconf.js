#!/usr/bin/env node
// CommonJS (see bin/package.json) in syntax every Node.js parses, so that an old Node prints this
// message and not a SyntaxError.
"use strict";
var major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  process.stderr.write(
    "qatconf: requires Node.js 22 or newer (this is Node.js " +
      process.versions.node +
      "); install Node.js 22+ and try again\n",
  );
  process.exit(2);
}
// Node keeps the compiled CLI in its on-disk cache (in the OS temp folder; NODE_COMPILE_CACHE moves
// it, NODE_DISABLE_COMPILE_CACHE=1 turns it off), so later runs skip compiling the bundle.
var nodeModule = require("node:module");
if (typeof nodeModule.enableCompileCache === "function") nodeModule.enableCompileCache();
var cli;
try {
  cli = require("../dist/cli.cjs");
} catch (error) {
  if (error.code !== "MODULE_NOT_FOUND" || String(error.message).indexOf("cli.cjs") === -1) throw error;
  process.stderr.write(
    "qatconf: cannot load the CLI (dist/cli.cjs is missing); run `npm run build` in a source checkout\n",
  );
  process.exit(2);
}
cli.run(process.argv.slice(2));
