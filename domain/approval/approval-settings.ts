import { z } from 'zod';
import { DEFAULT_ESCALATION_HOURS } from './escalation';

/** A tenant's approval settings: their own settings group (`approvals`). */
export const approvalSettingsSchema = z.object({
  /** A pending step's approver is reminded after this many hours; their manager is told after twice that. */
  escalationHours: z.number().int().min(1).max(720).default(DEFAULT_ESCALATION_HOURS),
});
export type ApprovalSettings = z.infer<typeof approvalSettingsSchema>;

export const DEFAULT_APPROVAL_SETTINGS: ApprovalSettings = approvalSettingsSchema.parse({});
