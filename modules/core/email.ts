import type { Problem } from "./problems";

/** A plain e-mail address, as notification targets take it (budgets, alert destinations, SNS e-mail subscriptions). */
export const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Problems of a list of notification recipients at `path`: at least one (`why` says what nobody would see), each an
 * e-mail address (`example` in the message). A value of the wrong type is reported, not thrown on.
 */
export function recipientProblems(recipients: unknown, path: string, why: string, example: string): Problem[] {
  if (!Array.isArray(recipients) || recipients.length === 0) {
    return [{ path, value: recipients, message: `must list at least one e-mail address: ${why}` }];
  }
  return recipients.flatMap((r, i) => (typeof r === "string" && EMAIL_ADDRESS.test(r)
    ? [] : [{ path: `${path}[${i}]`, value: r, message: `is not an e-mail address like ${example}` }]));
}
