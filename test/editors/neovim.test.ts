/**
 * `qatconf lsp` in a real editor: Debian's Neovim, headless, with its built-in LSP client set up by
 * a small Lua init written here (as a user would in their init.lua). Neovim opens a file with a
 * misspelt key and untidy spacing, receives the diagnostics, applies the server's quick fix and
 * then its formatting, and the test reads the buffer Neovim ends with. The file on disk is not
 * touched: the server only proposes edits, and the editor applies them to its buffer.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ruleDocUrl } from "../../src/reporters/rule-docs.ts";
import { BIN, ROOT } from "../support/cli.ts";
import { ensureTool } from "../support/tools.ts";

const nvim = ensureTool("nvim", "neovim");
const temp = mkdtempSync(join(tmpdir(), "qatconf-nvim-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const SAMPLE = readFileSync(join(ROOT, "samples/c6xx_dev0.conf"), "utf8");

// Neovim 0.7 (Debian 12) has no vim.lsp.start: start_client and buf_attach_client are the API
// every version since 0.5 has, and buf_request_sync drives the requests step by step.
const INIT_LUA = `
local out = vim.env.QATCONF_OUT
local function finish(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd("qa!")
end
local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.QATCONF_FILE))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = "qatconf",
    cmd = { vim.env.QATCONF_NODE, vim.env.QATCONF_BIN, "lsp", "--stdio" },
    root_dir = vim.fn.fnamemodify(vim.env.QATCONF_FILE, ":h"),
  })
  vim.lsp.buf_attach_client(buf, client)
  local function lsp_diagnostics()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      -- Neovim 0.7 keeps only part of the protocol diagnostic in user_data: the range is rebuilt.
      local range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } }
      local raw = vim.tbl_extend("force", lsp, { range = range, message = d.message })
      table.insert(list, { code = lsp.code, line = d.lnum, href = lsp.codeDescription and lsp.codeDescription.href, raw = raw })
    end
    return list
  end
  local function has(code)
    for _, d in ipairs(lsp_diagnostics()) do if d.code == code then return d end end
    return nil
  end
  if not vim.wait(20000, function() return has("unknown-key") ~= nil end, 20) then error("no unknown-key diagnostic") end
  local before = lsp_diagnostics()
  local target = has("unknown-key")
  local uri = vim.uri_from_bufnr(buf)
  local params = { textDocument = { uri = uri }, range = target.raw.range, context = { diagnostics = { target.raw } } }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
  local titles = {}
  local applied = nil
  local errors = {}
  for _, response in pairs(responses or {}) do
    local failure = response.err or response.error
    if failure then table.insert(errors, vim.inspect(failure)) end
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if applied == nil and action.isPreferred then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        applied = action.title
      end
    end
  end
  local formatted = vim.lsp.buf_request_sync(buf, "textDocument/formatting",
    { textDocument = { uri = uri }, options = { tabSize = 2, insertSpaces = true } }, 10000)
  for _, response in pairs(formatted or {}) do
    vim.lsp.util.apply_text_edits(response.result or {}, buf, "utf-16")
  end
  -- The server checks the edited buffer again: the finding the fix resolved goes away.
  local cleared = vim.wait(20000, function() return has("unknown-key") == nil end, 20)
  finish({
    before = before,
    titles = titles,
    errors = errors,
    applied = applied,
    cleared = cleared,
    after = lsp_diagnostics(),
    lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false),
  })
end)
if not ok then finish({ error = tostring(err) }) end
`;

describe.skipIf(nvim.reason !== undefined)("Neovim's built-in LSP client", () => {
  it("receives diagnostics, applies a quick fix and a formatting to the buffer", () => {
    const dir = join(temp, "etc");
    mkdirSync(dir);
    const file = join(dir, "c6xx_dev0.conf");
    const messy = SAMPLE.replace("NumProcesses = 1", "NumProcess=1").replace(
      'Cy0Name = "SSL0"',
      'Cy0Name   =   "SSL0"   ',
    );
    writeFileSync(file, messy);
    const init = join(temp, "init.lua");
    writeFileSync(init, INIT_LUA);
    const out = join(temp, "result.json");
    const home = join(temp, "home");
    const r = spawnSync(nvim.path as string, ["--headless", "-n", "-i", "NONE", "-u", init], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, ".config"),
        XDG_DATA_HOME: join(home, ".local/share"),
        XDG_STATE_HOME: join(home, ".local/state"),
        XDG_CACHE_HOME: join(home, ".cache"),
        QATCONF_OUT: out,
        QATCONF_FILE: file,
        QATCONF_NODE: process.execPath,
        QATCONF_BIN: BIN,
      },
    });
    expect(r.error).toBeUndefined();
    const result = JSON.parse(readFileSync(out, "utf8")) as {
      error?: string;
      before: Array<{ code: string; line: number; href?: string }>;
      titles: string[];
      errors: string[];
      applied: string;
      cleared: boolean;
      after: Array<{ code: string }>;
      lines: string[];
    };
    expect(result.error).toBeUndefined();
    const unknown = result.before.find((d) => d.code === "unknown-key");
    expect(unknown?.line).toBe(SAMPLE.split("\n").indexOf("NumProcesses = 1"));
    expect(unknown?.href).toBe(ruleDocUrl("unknown-key"));
    expect(result.errors).toEqual([]);
    expect(result.titles).toContain("Disable unknown-key for this line");
    expect(result.applied).toBe("rename to NumProcesses (unknown-key)");
    expect(result.cleared).toBe(true);
    expect(result.after).toEqual([]);
    // Neovim's buffer is the shipped sample again: renamed by the fix, spaced by the formatter.
    expect(`${result.lines.join("\n")}\n`).toBe(SAMPLE);
    expect(readFileSync(file, "utf8")).toBe(messy);
  });
});
