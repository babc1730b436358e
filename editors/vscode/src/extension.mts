/**
 * The qatconf extension: starts `qatconf lsp` (the `qatconf.path` setting) for QAT configuration
 * files and hands it the `qatconf.*` settings. Everything else (diagnostics, fixes, formatting,
 * hover, completion, outline) is the language server's.
 */
import { type ExtensionContext, workspace } from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The `qatconf` settings as the server reads them: the shape of a .qatconf.json, unset ones left out. */
function serverSettings(): Record<string, unknown> {
  const config = workspace.getConfiguration("qatconf");
  const out: Record<string, unknown> = {};
  const device = config.get<string | null>("device");
  const cpus = config.get<number | null>("cpus");
  const rules = config.get<Record<string, string>>("rules") ?? {};
  if (typeof device === "string" && device !== "") out.device = device;
  if (typeof cpus === "number") out.cpus = cpus;
  for (const key of ["driver", "pfServicesEnabled"]) {
    const value = config.get<string | null>(key);
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  if (Object.keys(rules).length > 0) out.rules = rules;
  out.format = { alignEquals: config.get<boolean>("format.alignEquals") ?? false };
  return out;
}

export async function activate(context: ExtensionContext): Promise<void> {
  const command = workspace.getConfiguration("qatconf").get<string>("path") || "qatconf";
  const serverOptions: ServerOptions = { command, args: ["lsp"], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "qatconf" }],
    initializationOptions: serverSettings(),
    synchronize: { fileEvents: workspace.createFileSystemWatcher("**/{.qatconf.json,package.json}") },
    middleware: {
      workspace: {
        // The server checks its settings as it checks a .qatconf.json: send it only those.
        configuration: (params) => params.items.map((item) => (item.section === "qatconf" ? serverSettings() : null)),
      },
    },
  };
  client = new LanguageClient("qatconf", "qatconf", serverOptions, clientOptions);
  context.subscriptions.push(
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("qatconf"))
        void client?.sendNotification("workspace/didChangeConfiguration", { settings: null });
    }),
  );
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
