/**
 * `qatconf lsp` over the protocol, with vscode-jsonrpc's client side against the real built server
 * as a child process: diagnostics as the text changes, quick fixes, formatting, hover, completion,
 * symbols, settings from the client and from .qatconf.json, and requests that fail without ending
 * the session. The server never writes a file.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CodeAction,
  CompletionItem,
  DocumentSymbol,
  Hover,
  MarkupContent,
  TextEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { format } from "../../src/format/format.ts";
import { ruleDocUrl } from "../../src/reporters/rule-docs.ts";
import { anyString } from "../support/arbitraries.ts";
import { ROOT } from "../support/cli.ts";
import { type LspSession, startLsp } from "../support/lsp-client.ts";

const SAMPLE = readFileSync(join(ROOT, "samples/c6xx_dev0.conf"), "utf8");
const temp = mkdtempSync(join(tmpdir(), "qatconf-lsp-"));
let lsp: LspSession;

beforeAll(async () => {
  lsp = await startLsp();
});
afterAll(async () => {
  expect(await lsp.stop()).toBe(0);
  rmSync(temp, { recursive: true, force: true });
});

/** Writes `text` as `name` in a folder of its own, so that every file can have the driver's naming. */
function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(temp, "doc-")), name);
  writeFileSync(path, text);
  return path;
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x", "qatconf", 1, text), [...edits]);
}

const at = (line: number, character: number) => ({ line, character });
const markdown = (hover: Hover | null): string => ((hover?.contents ?? { value: "" }) as MarkupContent).value;
const lineOf = (text: string, start: string): number => text.split("\n").findIndex((l) => l.startsWith(start));

describe("diagnostics", () => {
  it("are published on open with rule id, page and hint, and follow the edits", async () => {
    const text = SAMPLE.replace("NumProcesses = 1", "NumProcesses = 20");
    const uri = lsp.open(file("c6xx_dev0.conf", text), text);
    const first = await lsp.diagnostics(uri);
    const budget = first.filter((d) => d.code === "ring-budget");
    expect(budget.length).toBeGreaterThan(0);
    expect(budget[0]?.codeDescription?.href).toBe(ruleDocUrl("ring-budget"));
    expect(budget[0]?.source).toBe("qatconf");
    expect(budget[0]?.severity).toBe(1);
    expect(budget[0]?.message).toContain("hint: ");
    lsp.change(uri, SAMPLE);
    expect(await lsp.diagnostics(uri, 2)).toEqual([]);
  });
});

describe("code actions and formatting", () => {
  it("offers the rule's fix, a suppression and fix-all; applying the fix clears the finding", async () => {
    // unknown-key's rename is unsafe (a quick fix, not part of fix-all); the repeated
    // ServicesEnabled is duplicate-key's safe fix, which fix-all applies.
    const services = /^ServicesEnabled = .*\n/m.exec(SAMPLE)?.[0] ?? "";
    const text = SAMPLE.replace("NumProcesses = 1", "NumProcess = 1").replace(services, services + services);
    const uri = lsp.open(file("c6xx_dev0.conf", text), text);
    const diagnostics = await lsp.diagnostics(uri);
    const unknown = diagnostics.find((d) => d.code === "unknown-key");
    if (!unknown) throw new Error("no unknown-key finding");
    const actions = (await lsp.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    expect(titles).toContain("rename to NumProcesses (unknown-key)");
    expect(titles).toContain("Disable unknown-key for this line");
    expect(titles.some((t) => t.startsWith("Fix all"))).toBe(true);
    const fix = actions.find((a) => a.title.startsWith("rename"));
    const fixed = apply(text, fix?.edit?.changes?.[uri] ?? []);
    expect(fixed).toBe(SAMPLE.replace(services, services + services));
    const all = actions.find((a) => a.title.startsWith("Fix all"));
    expect(apply(text, all?.edit?.changes?.[uri] ?? [])).toBe(SAMPLE.replace("NumProcesses = 1", "NumProcess = 1"));
    const suppress = actions.find((a) => a.title.startsWith("Disable"));
    expect(apply(text, suppress?.edit?.changes?.[uri] ?? [])).toContain(
      "# qatconf-disable-next-line unknown-key\nNumProcess = 1",
    );
    const only = (await lsp.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: at(0, 0), end: at(0, 0) },
      context: { diagnostics: [], only: ["source.fixAll"] },
    })) as CodeAction[];
    expect(only.map((a) => a.kind)).toEqual(["source.fixAll.qatconf"]);
  });

  it("formats with the formatter's edits, and leaves a file with syntax errors alone", async () => {
    const messy = SAMPLE.replace("NumProcesses = 1", "NumProcesses=1   ").replace("[SSL]", "\n\n\n[SSL]");
    const path = file("c6xx_dev0.conf", messy);
    const uri = lsp.open(path, messy);
    const edits = (await lsp.connection.sendRequest("textDocument/formatting", {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    })) as TextEdit[];
    expect(edits.length).toBeGreaterThan(0);
    expect(apply(messy, edits)).toBe(format(messy).text);
    const broken = "[GENERAL\nServicesEnabled   =   cy\n";
    const brokenUri = lsp.open(file("c6xx_dev0.conf", broken), broken);
    const none = await lsp.connection.sendRequest("textDocument/formatting", {
      textDocument: { uri: brokenUri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(none).toEqual([]);
    expect(lsp.messages.some((m) => m.message.includes("not formatted: syntax error at line 1"))).toBe(true);
    // Nothing was written: the editor applies edits to its buffer.
    expect(readFileSync(path, "utf8")).toBe(messy);
  });
});

describe("hover, completion, symbols", () => {
  const overfull = SAMPLE.replace("NumProcesses = 1", "NumProcesses = 20").replace(
    "[SSL]",
    "[SSL]\n# qatconf-disable-next-line deprecated-key",
  );
  let uri: string;
  beforeAll(async () => {
    uri = lsp.open(file("c6xx_dev0.conf", overfull), overfull);
    await lsp.diagnostics(uri);
  });
  const hover = async (line: number, character: number) =>
    markdown(
      (await lsp.connection.sendRequest("textDocument/hover", {
        textDocument: { uri },
        position: at(line, character),
      })) as Hover | null,
    );

  it("on a key: type, range or default, and the source that reads it", async () => {
    const text = await hover(lineOf(overfull, "NumProcesses"), 3);
    expect(text).toContain("**`NumProcesses`** · integer");
    expect(text).toContain("Source: ");
  });

  it("on an instance: its rings per process, and the processes left without", async () => {
    const text = await hover(lineOf(overfull, "Cy1Name"), 2);
    expect(text).toContain("**[SSL] Cy1** `SSL1` (crypto, poll): rings in 16 of 20 processes");
    expect(text).toMatch(/`SSL_DEV0_INT_0`: bank 0, slot 1 \(cy\), rings 1, 3, 9, 11/);
    expect(text).toContain("**no rings**: Don't have enough rings for instance SSL1");
  });

  it("on a ServicesEnabled value: the slots it gives and the rings it leaves unused", async () => {
    const line = lineOf(overfull, "ServicesEnabled");
    const text = await hover(line, (overfull.split("\n")[line] ?? "").indexOf("=") + 3);
    expect(text).toContain(
      "`cy;dc` on the c6xx PF (16 bank(s) of 16 rings) gives 32 cy (32 used), 32 dc (20 used) slots.",
    );
    expect(text).toContain("64 rings serve no slot of this ring map");
  });

  it("on a section header: what the section is, and its processes", async () => {
    const text = await hover(lineOf(overfull, "[SSL]"), 2);
    expect(text).toContain("**[SSL]**: a user process section");
    expect(text).toContain("20 processes, 3 instances each.");
  });

  it("on a rule id in a suppression comment: the rule and its page", async () => {
    const text = await hover(lineOf(overfull, "# qatconf-disable"), 32);
    expect(text).toContain("**`deprecated-key`**");
    expect(text).toContain(ruleDocUrl("deprecated-key"));
  });

  it("completes keys of the section, ServicesEnabled for the device, IsPolled for user instances", async () => {
    const complete = async (text: string, line: number, character: number) => {
      const u = lsp.open(file("c6xx_dev0.conf", text), text);
      return (await lsp.connection.sendRequest("textDocument/completion", {
        textDocument: { uri: u },
        position: at(line, character),
      })) as CompletionItem[];
    };
    const sslEnd = SAMPLE.split("\n").length - 1;
    const keys = (await complete(`${SAMPLE}`, sslEnd, 0)).map((i) => i.label);
    expect(keys).toContain("Cy2Name");
    expect(keys).toContain("Dc1IsPolled");
    expect(keys).not.toContain("Cy0Name");
    expect(keys).not.toContain("ServicesEnabled");
    const services = await complete("[GENERAL]\nServicesEnabled = \n", 1, 18);
    expect(services.map((i) => i.label)).toEqual(expect.arrayContaining(["cy;dc", "dc", "asym;dc"]));
    const polled = await complete("[SSL]\nCy0IsPolled = \n", 1, 14);
    expect(polled.map((i) => i.label)).toEqual(["1", "2"]);
    const kernel = await complete("[KERNEL]\nCy0IsPolled = \n", 1, 14);
    expect(kernel.map((i) => i.label)).toEqual(["0", "1"]);
  });

  it("lists sections with their instances", async () => {
    const symbols = (await lsp.connection.sendRequest("textDocument/documentSymbol", {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(["GENERAL", "KERNEL", "SSL"]);
    expect(symbols[2]?.children?.map((c) => c.name)).toEqual(['Cy0 "SSL0"', 'Cy1 "SSL1"', 'Dc0 "SSL_DC0"']);
  });
});

describe("robustness", () => {
  it("answers a failing request with an error and goes on serving", async () => {
    await expect(
      lsp.connection.sendRequest("textDocument/hover", {
        textDocument: { uri: "file:///nowhere.conf" },
        position: at(0, 0),
      }),
    ).rejects.toThrow(/qatconf: hover failed: file:\/\/\/nowhere.conf is not open/);
    await expect(lsp.connection.sendRequest("textDocument/completion", { nonsense: true })).rejects.toThrow(
      /completion failed/,
    );
    const text = "[GENERAL]\nServicesEnabled = cy\n";
    const uri = lsp.open(file("c6xx_dev0.conf", text), text);
    expect(await lsp.diagnostics(uri)).toBeDefined();
  });

  it("survives any text and any position in every request", async () => {
    const uri = lsp.open(file("c6xx_dev0.conf", ""), "");
    await fc.assert(
      fc.asyncProperty(anyString, fc.nat(300), fc.nat(300), async (text, line, character) => {
        lsp.change(uri, text);
        const position = at(line % (text.split("\n").length + 1), character);
        for (const method of ["textDocument/hover", "textDocument/completion", "textDocument/documentSymbol"]) {
          await lsp.connection.sendRequest(method, { textDocument: { uri }, position });
        }
        await lsp.connection.sendRequest("textDocument/codeAction", {
          textDocument: { uri },
          range: { start: position, end: position },
          context: { diagnostics: [] },
        });
        await lsp.connection.sendRequest("textDocument/formatting", {
          textDocument: { uri },
          options: { tabSize: 2, insertSpaces: true },
        });
      }),
      { numRuns: 150 },
    );
    expect(lsp.child.exitCode).toBeNull();
  });
});

describe("settings", () => {
  it("takes the device from the client, and the rules from .qatconf.json over the client's", async () => {
    const dir = mkdtempSync(join(temp, "project-"));
    writeFileSync(join(dir, ".qatconf.json"), JSON.stringify({ rules: { "unknown-key": "off" } }));
    const session = await startLsp({
      initializationOptions: { device: "c6xx" },
      configuration: { rules: { "unknown-key": "error", "num-processes-missing": "off" } },
    });
    try {
      const text = SAMPLE.replace("NumProcesses = 1", "NumProcess = 1");
      const path = join(dir, "my-device.conf");
      writeFileSync(path, text);
      const before = statSync(path).mtimeMs;
      const uri = session.open(path, text);
      const found = (await session.diagnostics(uri)).map((d) => d.code);
      // unknown-key is off in the project; num-processes-missing is off in the client; the device
      // (from the client) makes the file a c6xx PF, so the ring rules run.
      expect(found).not.toContain("unknown-key");
      expect(found).not.toContain("num-processes-missing");
      const hover = (await session.connection.sendRequest("textDocument/hover", {
        textDocument: { uri },
        position: at(lineOf(text, "Cy0Name"), 1),
      })) as Hover;
      expect(markdown(hover)).toContain("no processes");
      expect(statSync(path).mtimeMs).toBe(before);
    } finally {
      await session.stop();
    }
  });

  it("says when the client's or the project's settings are bad, and lints with the defaults", async () => {
    const dir = mkdtempSync(join(temp, "bad-"));
    writeFileSync(join(dir, ".qatconf.json"), "{ not json");
    const session = await startLsp({ initializationOptions: { devize: "c6xx" } });
    try {
      const uri = session.open(join(dir, "c6xx_dev0.conf"), SAMPLE);
      expect(await session.diagnostics(uri)).toEqual([]);
      const said = session.messages.map((m) => m.message).join("\n");
      expect(said).toContain("unknown setting 'devize'");
      expect(said).toContain("not valid JSON");
    } finally {
      await session.stop();
    }
  });
});
