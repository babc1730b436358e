/**
 * Entry point of the single executable (`npm run build:sea`, scripts/build-sea.ts). Node runs this
 * module once at build time and stores the resulting heap as a V8 startup snapshot in the
 * executable; each run starts from that heap and calls the CLI.
 */
import { startupSnapshot } from "node:v8";
import { run } from "./cli/main.ts";
import { lint } from "./lint/lint.ts";

// Linting once at build time puts the built grammar (chevrotain's lexer and parser analysis, most
// of a cold start) and every loaded rule into the snapshot, so that no run pays for them again.
lint("[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n", { fileName: "c6xx_dev0.conf" });

startupSnapshot.setDeserializeMainFunction(() => run(process.argv.slice(2)));
