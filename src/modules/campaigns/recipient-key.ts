import { normalizeRecipient } from "../messages/index.js";

/**
 * Who a recipient line reaches, as Meta addresses it: `+1 (555) 010-0001` and `15550100001` are
 * the same customer. Null for a line that is no recipient at all (it is skipped `INVALID_RECIPIENT`
 * when its turn comes, and is nobody's duplicate).
 */
export const recipientKey = (to: string): string | null => normalizeRecipient(to);
