/** `qatconf lsp`: the language server, for editors (Neovim, VS Code, any LSP client). */
import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("lsp")
    .description("run the language server on stdin and stdout, for editors: diagnostics, fixes, formatting, hover")
    .option("--stdio", "talk over stdin and stdout (the default, and the only transport)")
    // Clients add options of their own (`--clientProcessId=N`): the server library reads them.
    .allowUnknownOption()
    .addHelpText(
      "after",
      "\nSettings come from .qatconf.json and from the client (initializationOptions, or the\n" +
        "workspace/configuration section 'qatconf', shaped like .qatconf.json). It never writes files.",
    )
    .action(async () => {
      // Loaded only for this command: the protocol libraries are a separate file of the npm
      // package (dist/lsp.cjs), so that no other command pays for reading them.
      const { runLanguageServer } = await import("../../lsp/server.ts");
      runLanguageServer();
    });
}
