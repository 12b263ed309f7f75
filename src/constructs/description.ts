/**
 * Alias descriptions as deployed (not exported from the package). The human routing summary stays
 * label-only; the deployed text may also carry Terraform references, so it is cut by fragments.
 */
import { createHash } from "node:crypto";
import { Token, Tokenization } from "../cdktf";

/**
 * What a Terraform reference counts for when a description is fitted to a length limit: its value is not
 * known at synth time. Version ids are short (FC 3.0 accepts 1-10 characters, provider-alicloud.md) and so are
 * weights; a longer value (a variable holding free text) can still exceed the limit once resolved.
 */
export const REFERENCE_RESERVE = 16;

/** The literal and reference parts of `text`, in order (references as their token strings). */
function fragments(text: string): string[] {
  if (!Token.isUnresolved(text)) return [text];
  const parts = Tokenization.reverseString(text);
  if (parts.length <= 1) return parts.length === 0 ? [] : [String(parts.firstValue)];
  const out: string[] = [];
  // join() folds the fragment values left to right: (v0, v1), (acc, v2), ... (cdktf string-fragments.js).
  parts.join({
    join: (left: unknown, right: unknown) => {
      if (out.length === 0) out.push(String(left));
      out.push(String(right));
      return undefined;
    },
  });
  return out;
}

/** A cut literal without a trailing `${…` or `%{…` left open: Terraform would read it as a broken template. */
function withoutOpenTemplate(cut: string): string {
  const open = Math.max(cut.lastIndexOf("${"), cut.lastIndexOf("%{"));
  return open >= 0 && !cut.includes("}", open) ? cut.slice(0, open) : cut;
}

/** Display length: code points of literal text, {@link REFERENCE_RESERVE} per Terraform reference. */
function lengthOf(text: string): number {
  return fragments(text).reduce(
    (n, part) => n + (Token.isUnresolved(part) ? REFERENCE_RESERVE : Array.from(part).length),
    0,
  );
}

/**
 * The text the hash suffix is computed from: literal text as written, each Terraform reference as `${…}`
 * (token strings are per-process encodings, not stable across synths).
 */
function stableText(text: string): string {
  return fragments(text)
    .map((part) => (Token.isUnresolved(part) ? "${…}" : part))
    .join("");
}

/** `… #1a2b3c4d`: marks a shortened description with the first 8 hex digits of sha256 of the full text. */
export function shortenedMarker(fullText: string): string {
  return `… #${createHash("sha256").update(stableText(fullText), "utf8").digest("hex").slice(0, 8)}`;
}

/** Word characters a cut should not fall between (a cut back to a space or `|` reads better). */
const WORD = /[A-Za-z0-9_.%-]/;
/** How far back a cut may move to reach a word boundary. */
const BOUNDARY_LOOKBACK = 24;

/** Literal `chars` cut to `room`, at a word boundary when one is close, never inside an open `${`. */
function cutLiteral(chars: readonly string[], room: number): string {
  let end = room;
  if (end > 0 && end < chars.length && WORD.test(chars[end - 1]) && WORD.test(chars[end])) {
    let back = end;
    while (back > 0 && end - back < BOUNDARY_LOOKBACK && WORD.test(chars[back - 1])) back--;
    if (back > 0 && end - back < BOUNDARY_LOOKBACK) end = back;
  }
  return withoutOpenTemplate(chars.slice(0, end).join(""));
}

/** `text` cut to at most `room` (references kept whole or left out with everything after them). */
function cut(text: string, room: number): string {
  const kept: string[] = [];
  for (const part of fragments(text)) {
    if (Token.isUnresolved(part)) {
      if (room < REFERENCE_RESERVE) break;
      kept.push(part);
      room -= REFERENCE_RESERVE;
      continue;
    }
    const chars = Array.from(part);
    if (chars.length > room) {
      kept.push(cutLiteral(chars, room));
      break;
    }
    kept.push(part);
    room -= chars.length;
  }
  return kept.join("").replace(/[\s|]+$/u, "");
}

/**
 * `text + tail` fitted to at most `max` characters (Unicode code points, never half a surrogate pair; a
 * Terraform reference counts as {@link REFERENCE_RESERVE}). Unchanged when it fits. Otherwise `text` is
 * shortened — at a word boundary when one is close, never through a Terraform reference (one that no longer
 * fits is left out whole, with the text after it) nor a `${…}` written as text — and marked with
 * {@link shortenedMarker} (`… #<8 hex of sha256 of the full text>`), so two long descriptions stay apart and the
 * cut one can be matched to its full text; `tail` (the routing digest) is kept whole after it. When `tail`
 * alone does not fit, the whole text is shortened the same way.
 */
export function fitDescription(text: string, max: number, tail = ""): string {
  const full = text + tail;
  if (lengthOf(full) <= max) return full;
  const marker = shortenedMarker(full);
  const markerLength = Array.from(marker).length;
  const tailLength = lengthOf(tail);
  if (tail !== "" && tailLength + markerLength <= max) {
    return cut(text, max - tailLength - markerLength) + marker + tail;
  }
  return cut(full, max - markerLength) + marker;
}
