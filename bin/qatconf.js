#!/usr/bin/env node
// CommonJS (see bin/package.json) in syntax every Node.js parses, so that an old Node prints this
// message and not a SyntaxError; the rest of start-up is in start.js.
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
require("./start.js");
