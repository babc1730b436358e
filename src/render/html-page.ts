/**
 * The frame of qatconf's HTML pictures (`explain --format html`, `doctor --format html`): one file
 * with its style inline and a Content-Security-Policy that forbids loading anything, so the page is
 * the same offline, from a mail attachment or a ticket, and cannot be made to fetch anything.
 */
import { element, text } from "./markup.ts";

const STYLE = `
body { font: 14px/1.45 system-ui, "DejaVu Sans", sans-serif; color: #222; margin: 24px; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
p.meta { color: #555; margin: 0 0 16px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; font-size: 13px; vertical-align: top; }
th { background: #f0f0f0; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
.error { color: #b00020; }
.warning { color: #8a5a00; }
.ok { color: #1b5e20; }
.figure { overflow-x: auto; }
footer { color: #777; font-size: 12px; margin-top: 24px; }
`;

/** A complete HTML document: `title` (escaped), extra CSS, and body markup. */
export function htmlPage(title: string, body: readonly string[], css = ""): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  return `<!DOCTYPE html>\n${element("html", { lang: "en" }, [
    element("head", {}, [
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="generator" content="qatconf">',
      element("title", {}, [text(title)]),
      element("style", {}, [STYLE + css]),
    ]),
    element("body", {}, [...body, element("footer", {}, [text("Made by qatconf; this file loads nothing.")])]),
  ])}\n`;
}

/** A table: header cells and rows of cells, all markup already (escape with `text`). */
export function htmlTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>, cls?: string): string {
  return element("table", { class: cls }, [
    element("thead", {}, [
      element(
        "tr",
        {},
        head.map((h) => element("th", {}, [h])),
      ),
    ]),
    element(
      "tbody",
      {},
      rows.map((r) =>
        element(
          "tr",
          {},
          r.map((c) => element("td", {}, [c || "&#8203;"])),
        ),
      ),
    ),
  ]);
}
