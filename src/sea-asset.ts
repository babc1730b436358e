/**
 * Loads a CommonJS bundle that the single executable carries as an asset (scripts/build-sea.ts):
 * code kept out of the startup snapshot that every run deserializes, compiled only by the runs
 * that need it. Such a bundle requires Node's built-in modules only.
 */
export function loadAsset(name: string): unknown {
  const code = (process.getBuiltinModule("node:sea") as typeof import("node:sea")).getAsset(name, "utf8");
  const params = ["exports", "require", "module", "__filename", "__dirname"];
  const load = process.getBuiltinModule("node:vm").compileFunction(code, params, { filename: name });
  const builtin = (id: string): unknown => {
    const found = process.getBuiltinModule(id);
    if (found === undefined) throw new Error(`${name}: requires '${id}', which is not one of Node's modules`);
    return found;
  };
  const module = { exports: {} };
  load.call(module.exports, module.exports, builtin, module, name, ".");
  return module.exports;
}
