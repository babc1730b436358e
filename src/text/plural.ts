/**
 * Counted nouns for messages ("1 bank", "16 banks"): every report says how many of something, and a
 * sysadmin reading "1 asym slots" starts to doubt the numbers too.
 */

/** `n` and `noun`, with an `s` unless `n` is 1 (or `plural`, for a noun whose plural is not `noun + "s"`). */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : pluralNoun}`;
}
