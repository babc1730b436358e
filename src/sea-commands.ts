/**
 * The commands whose code the single executable's startup snapshot holds (src/sea.ts): the ones
 * run over and over, by hooks, CI and configuration managers. Every other command line (the
 * other commands, the program's help, a misspelt command) runs on the whole CLI, which the
 * executable carries as an asset and compiles when such a line comes.
 *
 * The other commands' code in the snapshot cost every run about 4 ms of deserializing: a one-file
 * `lint` took 43.8 ms with it and 38.8 without (medians of 50, beside `node -e 0` at 26.8), `fmt
 * --check FILE` 40.4 and 36.4, `--version` 39.9 and 34.9. The price is paid by the commands left
 * out, about 30 ms each (`explain FILE` 78 ms against 45, `rules` 66 against 39): they are run by
 * people, now and then, where 80 ms is not felt.
 */
export const SNAPSHOT_COMMANDS: readonly string[] = ["lint", "fmt", "lsp"];
