/**
 * For checks that may meet config of the wrong type: the config schema reports the type, the check skips that
 * value and goes on with the rest (a throw would hide everything else it finds).
 */

/** A plain object (not a list, not null). */
export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** `v` when it is a list; none otherwise. */
export function listOf<T>(v: readonly T[] | undefined): readonly T[] {
  return Array.isArray(v) ? v : [];
}

/** `v` when it is a string; undefined otherwise. */
export const textOf = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
