// The building blocks of every config schema file (environments and the account-level config).
import * as z from "zod/mini";

/** An object that rejects unknown fields, naming the allowed ones (catches typos like `vpcCIDR`). */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? `unknown field; allowed fields: ${allowed}` : undefined),
  });
}

export const oneOf = (values: readonly string[]) => ({ error: `must be one of: ${values.join(", ")}` });
