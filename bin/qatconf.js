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
var fs = require("node:fs");
var nodeModule = require("node:module");
var path = require("node:path");

// Node's compile cache keeps the compiled CLI on disk, so that later runs skip compiling it. It goes
// in the user's own cache folder, never in a shared one such as /tmp (Node's default): qatconf is
// often run as root, and cached code that another user could write would run as root.
// NODE_COMPILE_CACHE=DIR chooses the folder, NODE_DISABLE_COMPILE_CACHE=1 turns the cache off.
function compileCacheDir() {
  var home = process.env.HOME;
  var base = process.env.XDG_CACHE_HOME || (home ? path.join(home, ".cache") : "");
  if (!base || typeof process.getuid !== "function") return undefined;
  var dir = path.join(base, "qatconf");
  var stat;
  try {
    stat = fs.statSync(dir);
    // Someone else's folder, or one others may write to (mode & 022), is not trusted.
    if (stat.uid !== process.getuid() || (stat.mode & 18) !== 0) return undefined;
  } catch (_missing) {
    // Node creates it.
  }
  return dir;
}
var cacheDir = process.env.NODE_COMPILE_CACHE ? undefined : compileCacheDir();
if (cacheDir && typeof nodeModule.enableCompileCache === "function") nodeModule.enableCompileCache(cacheDir);
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
