/**
 * The client side of the Language Server Protocol for tests, from `vscode-jsonrpc` (the library
 * VS Code's own client is built on): `qatconf lsp` runs as a child process, as an editor starts it,
 * and the test talks JSON-RPC to it over its stdin and stdout.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import type { Diagnostic, PublishDiagnosticsParams, ShowMessageParams } from "vscode-languageserver/node";
import { BIN, ROOT } from "./cli.ts";

/** A running server and the client connected to it. */
export interface LspSession {
  connection: MessageConnection;
  child: ChildProcessWithoutNullStreams;
  /** `window/showMessage` notifications received. */
  messages: ShowMessageParams[];
  /** What the server wrote to stderr. */
  stderr(): string;
  /** Opens a document (`didOpen`) and returns its URI. */
  open(path: string, text: string, languageId?: string): string;
  /** Sends the whole new text of an open document (`didChange`). */
  change(uri: string, text: string): void;
  /** The next diagnostics published for `uri` whose version is at least `version`. */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  /** Ends the session as a client does: shutdown, exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Options of {@link startLsp}. */
export interface StartOptions {
  initializationOptions?: unknown;
  /** The answer to `workspace/configuration` (the `qatconf` section); absent: the client lacks the capability. */
  configuration?: unknown;
  cwd?: string;
  /** The server's command line; default `node bin/qatconf.js lsp --stdio` over the built CLI. */
  command?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/** Starts `qatconf lsp --stdio` over the built CLI and initializes it. */
export async function startLsp(options: StartOptions = {}): Promise<LspSession> {
  if (!options.command && !existsSync(resolve(ROOT, "dist/lsp.cjs"))) {
    throw new Error("dist/lsp.cjs is missing: run `node scripts/build.ts --no-types` (npm test builds it)");
  }
  const [command, ...args] = options.command ?? [process.execPath, BIN, "lsp", "--stdio"];
  const child = spawn(command as string, args, {
    cwd: options.cwd ?? ROOT,
    stdio: "pipe",
    env: options.env ?? process.env,
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const messages: ShowMessageParams[] = [];
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<() => void> = [];
  connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  connection.onNotification("window/showMessage", (p: ShowMessageParams) => {
    messages.push(p);
  });
  connection.onNotification("window/logMessage", () => {});
  connection.onRequest("workspace/configuration", (p: { items: unknown[] }) =>
    p.items.map(() => options.configuration ?? null),
  );
  connection.listen();
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(options.cwd ?? ROOT).href,
    capabilities: {
      workspace: { configuration: options.configuration !== undefined },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification("initialized", {});
  const versions = new Map<string, number>();
  return {
    connection,
    child,
    messages,
    stderr: () => stderr,
    open(path, text, languageId = "qatconf") {
      const uri = pathToFileURL(path).href;
      versions.set(uri, 1);
      void connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
      return uri;
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    async diagnostics(uri, version = 1) {
      for (;;) {
        const found = published.find((p) => p.uri === uri && (p.version ?? 0) >= version);
        if (found) return found.diagnostics;
        await new Promise<void>((done) => waiters.push(done));
      }
    },
    async stop() {
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
