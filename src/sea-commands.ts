/**
 * The commands whose code the single executable's startup snapshot holds (src/sea.ts): the ones
 * run over and over, by hooks, CI and configuration managers. Every other command line (the
 * other commands, the program's help, a misspelt command) runs on the whole CLI, which the
 * executable carries as an asset and compiles when such a line comes.
 *
 * The other commands' code in the snapshot cost every run about 4 ms of deserializing: a one-file
 * `lint` took 43.8 ms with it and 38.8 without (medians of 50, beside `node -e 0` at 26.8), `fmt
 * --check FILE` 40.4 and 36.4, `--version` 39.9 and 34.9. The commands left out pay for it: about
 * 30 ms the first time (`explain FILE` 78 ms against 45), and after that, with the code cache each
 * keeps in the user's cache folder (src/sea-asset.ts), about what they take with the npm CLI
 * (`explain FILE` 67.8 ms, against 59.3 from the snapshot and 65.3 with `node bin/qatconf.js`, on
 * a busier machine: `node -e 0` at 34.2).
 */
export const SNAPSHOT_COMMANDS: readonly string[] = ["lint", "fmt", "lsp"];
