/**
 * Alias descriptions as deployed (not exported from the package). The human routing summary stays
 * label-only; the deployed text may also carry Terraform references, so it is cut by fragments.
 */
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

/**
 * `text` cut to at most `max` characters (Unicode code points, never half a surrogate pair). Literal text is
 * cut where the limit falls; a Terraform reference counts as {@link REFERENCE_RESERVE} characters and is kept
 * whole or left out with everything after it, and a `${…}` written as text is not cut open either, so the
 * result stays a valid Terraform string.
 */
export function fitDescription(text: string, max: number): string {
  let room = max;
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
      kept.push(withoutOpenTemplate(chars.slice(0, room).join("")));
      break;
    }
    kept.push(part);
    room -= chars.length;
  }
  return kept.join("");
}
