/**
 * `qatconf lsp`: a language server over stdio on the same library as the command line. Diagnostics
 * as the user types (rule id as code, the rule's page as codeDescription), quick fixes and "fix
 * all", formatting, hover, completion and document symbols. It never writes a file: every change it
 * proposes is an edit the editor applies to its buffer.
 *
 * A failure in one request is that request's error response, and a failure while checking a
 * document is logged: no input can stop the server.
 */

import {
  type CancellationToken,
  CodeActionKind,
  type Connection,
  createConnection,
  ErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { format } from "../format/format.ts";
import { forgetConfigs, type QatconfConfig } from "../lint/config.ts";
import { codeActions, FIX_ALL_KIND } from "./actions.ts";
import { Analysis } from "./analysis.ts";
import { completionsAt } from "./completion.ts";
import { rangeOf, toLspDiagnostic, toLspEdits } from "./convert.ts";
import { hoverAt } from "./hover.ts";
import { clientSettings, type DocumentSettings, documentSettings } from "./settings.ts";
import { documentSymbols } from "./symbols.ts";

/** How long typing must pause before a document is checked again. */
const DEBOUNCE_MS = 40;

/**
 * Wraps a request handler so that an exception becomes an error response (and a log line), never
 * an unhandled rejection: one bad request must not end the session.
 */
export function guard<P, R>(
  connection: Pick<Connection, "console">,
  name: string,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      connection.console.error(
        `qatconf: ${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`,
      );
      return new ResponseError(ErrorCodes.InternalError, `qatconf: ${name} failed: ${message}`);
    }
  };
}

/** Runs the server on a connection (stdio by default) until the client says exit. */
export function startServer(
  connection: Connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout),
): Connection {
  const documents = new TextDocuments(TextDocument);
  let initial: QatconfConfig = {};
  let canAskConfiguration = false;
  const settings = new Map<string, Promise<DocumentSettings>>();
  const analyses = new Map<string, { version: number; analysis: Promise<Analysis> }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const told = new Set<string>();

  // A notification, not window/showMessageRequest: nothing waits for the user to close it.
  const warn = (message: string): void => {
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `qatconf: ${message}`,
    });
  };
  const tell = (message: string): void => {
    if (told.has(message)) return;
    told.add(message);
    warn(message);
  };

  async function clientConfig(uri: string): Promise<QatconfConfig> {
    if (!canAskConfiguration) return initial;
    try {
      const value: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: "qatconf" });
      return { ...initial, ...clientSettings(value, "the editor's qatconf settings") };
    } catch (error) {
      tell((error as Error).message);
      return initial;
    }
  }

  function settingsOf(uri: string): Promise<DocumentSettings> {
    let pending = settings.get(uri);
    if (!pending) {
      pending = clientConfig(uri).then((client) => documentSettings(uri, client));
      settings.set(uri, pending);
    }
    return pending;
  }

  function analysisOf(doc: TextDocument): Promise<Analysis> {
    const known = analyses.get(doc.uri);
    if (known && known.version === doc.version) return known.analysis;
    const text = doc.getText();
    const analysis = settingsOf(doc.uri).then((s) => {
      if (s.problem) tell(`${s.problem} (linting with the defaults)`);
      return new Analysis(text, s.lint);
    });
    analyses.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  async function validate(doc: TextDocument): Promise<void> {
    try {
      const analysis = await analysisOf(doc);
      if (documents.get(doc.uri)?.version !== doc.version) return;
      const diagnostics = analysis.result.diagnostics.map((d, i) => toLspDiagnostic(doc, d, i));
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    } catch (error) {
      connection.console.error(`qatconf: checking ${doc.uri} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }

  function schedule(doc: TextDocument, delay = DEBOUNCE_MS): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        void validate(doc);
      }, delay),
    );
  }

  function revalidateAll(): void {
    forgetConfigs();
    settings.clear();
    analyses.clear();
    told.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  }

  const open = (uri: string): TextDocument => {
    const doc = documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  };

  connection.onInitialize((params) => {
    canAskConfiguration = params.capabilities.workspace?.configuration === true;
    try {
      initial = clientSettings(params.initializationOptions, "initializationOptions");
    } catch (error) {
      tell((error as Error).message);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["[", "="] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentFormattingProvider: true,
        documentSymbolProvider: true,
      },
      serverInfo: { name: "qatconf", version: VERSION },
    };
  });
  connection.onDidChangeConfiguration(() => revalidateAll());
  connection.onDidChangeWatchedFiles(() => revalidateAll());

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    settings.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(
    guard(connection, "hover", async (params) => {
      const doc = open(params.textDocument.uri);
      const found = hoverAt(await analysisOf(doc), doc.offsetAt(params.position));
      return found
        ? {
            contents: { kind: "markdown", value: found.markdown },
            range: rangeOf(doc, found.range.start.offset, found.range.end.offset),
          }
        : null;
    }),
  );
  connection.onCompletion(
    guard(connection, "completion", async (params) => {
      const doc = open(params.textDocument.uri);
      return completionsAt(await analysisOf(doc), doc.offsetAt(params.position));
    }),
  );
  connection.onCodeAction(
    guard(connection, "codeAction", async (params) => {
      const doc = open(params.textDocument.uri);
      return codeActions(await analysisOf(doc), doc, params.range, params.context.only);
    }),
  );
  connection.onDocumentFormatting(
    guard(connection, "formatting", async (params) => {
      const doc = open(params.textDocument.uri);
      const s = await settingsOf(doc.uri);
      const result = format(doc.getText(), { alignEquals: s.alignEquals, fileName: s.lint.fileName ?? doc.uri });
      const first = result.diagnostics[0];
      if (first) {
        warn(`not formatted: syntax error at line ${first.range.start.line}: ${first.message}`);
        return [];
      }
      return toLspEdits(doc, result.edits);
    }),
  );
  connection.onDocumentSymbol(
    guard(connection, "documentSymbol", async (params) => {
      const doc = open(params.textDocument.uri);
      return documentSymbols(doc, (await analysisOf(doc)).document.sections);
    }),
  );

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** `qatconf lsp`: serves on stdin and stdout; logs what it cannot handle instead of dying. */
export function runLanguageServer(): void {
  const connection = startServer();
  const log = (what: string) => (error: unknown) =>
    connection.console.error(
      `qatconf: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  process.on("uncaughtException", log("uncaught exception"));
  process.on("unhandledRejection", log("unhandled rejection"));
}

declare const __QATCONF_VERSION__: string | undefined;
const VERSION = typeof __QATCONF_VERSION__ === "string" ? __QATCONF_VERSION__ : "0.0.0-dev";
