/** Plain-text tables for terminal output: columns padded to their widest cell, the last left ragged. */

/**
 * Renders rows as aligned columns separated by two spaces, one line per row. Cells listed in
 * `rightAligned` (column indexes) are padded on the left, for numbers.
 */
export function table(rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  let out = "";
  for (const row of rows) {
    const cells = row.map((cell, i) => {
      if (i === row.length - 1 && !rightAligned.includes(i)) return cell;
      const pad = " ".repeat((widths[i] ?? 0) - [...cell].length);
      return rightAligned.includes(i) ? pad + cell : cell + pad;
    });
    out += `${cells.join("  ").trimEnd()}\n`;
  }
  return out;
}
