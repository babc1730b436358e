/**
 * The little markup the pictures need: escaping for XML/HTML text and attributes, and an element
 * builder, so that no renderer concatenates a user's section name or path into markup unescaped.
 */

import { wellFormed } from "../reporters/location.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for XML and HTML content and attribute values. Characters XML 1.0 forbids (C0
 * controls other than tab and newline, lone surrogates) become U+FFFD, so a file with a stray
 * control byte in a section name still gives a well-formed SVG.
 */
export function escapeXml(text: string): string {
  return wellFormed(text)
    .replace(/[&<>"']/g, (c) => ESCAPES[c] as string)
    .replace(/[^\t\n\r\u0020-\ufffd\u{10000}-\u{10ffff}]/gu, "\ufffd");
}

/** Attribute values: `undefined` leaves the attribute out; numbers are rounded to 0.1. */
export type Attributes = Record<string, string | number | undefined>;

function attributeText(attributes: Attributes): string {
  let out = "";
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    const text = typeof value === "number" ? String(Math.round(value * 10) / 10) : value;
    out += ` ${name}="${escapeXml(text)}"`;
  }
  return out;
}

/**
 * One element as text. `children` are markup already (from `element` or {@link text}); an empty
 * list gives a self-closing element, as SVG allows (HTML callers pass `[""]` for void-less tags).
 */
export function element(name: string, attributes: Attributes = {}, children: readonly string[] = []): string {
  const open = `<${name}${attributeText(attributes)}`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join("")}</${name}>`;
}

/** Text content, escaped. */
export function text(content: string): string {
  return escapeXml(content);
}

/** Shortens `content` to `max` characters with an ellipsis (the full text goes in a `<title>`). */
export function clip(content: string, max: number): string {
  const chars = [...content];
  return chars.length <= max ? content : `${chars.slice(0, Math.max(1, max - 1)).join("")}…`;
}

/** The monospace fonts the pictures use: a width per character the label clipping can count on. */
export const PICTURE_FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace";

/** What a standalone picture needs besides its parts. */
export interface SvgFrame {
  width: number;
  height: number;
  /** The class of the root element (`bank-map`, `host-map`). */
  cls: string;
  /** Its `<title>` and accessible name. */
  title: string;
  /** `<defs>` markup, when it has patterns. */
  defs?: string;
}

/** A standalone SVG document on a white background. */
export function svgDocument(frame: SvgFrame, parts: readonly string[]): string {
  const { width, height } = frame;
  const attributes = {
    xmlns: "http://www.w3.org/2000/svg",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    "font-family": PICTURE_FONT,
    role: "img",
    "aria-label": frame.title,
    class: frame.cls,
  };
  const background = element("rect", { width, height, fill: "#fff" });
  return `${element("svg", attributes, [element("title", {}, [text(frame.title)]), frame.defs ?? "", background, ...parts])}\n`;
}
