/**
 * Business errors carry a stable code; one mapper (handlers/error-messages.ts) turns codes into Chinese
 * replies. Domain code never speaks to users directly.
 */
export const ERROR_CODES = [
  'location.share_not_found',
  'location.share_expired',
  'location.already_chosen',
  'location.customer_not_nearby',
  'card.unknown_action',
  'image.not_an_image',
  'image.too_large',
  'attendance.outside_window',
  'attendance.already_punched_in',
  'attendance.outside_geofence',
  'attendance.stale_location',
  'attendance.device_fix_required',
  'approval.not_found',
  'approval.stale_card',
  'approval.no_days',
  'approval.no_approver',
  'auth.admin_only',
  'auth.managers_only',
  'command.malformed',
  'approval.not_your_step',
  'approval.step_closed',
  'approval.not_pending',
  'approval.reason_required',
  'approval.own_request',
  'approval.already_decided',
  'approval.step_not_started',
  'approval.not_requester',
  'approval.cannot_submit',
  'customer.draft_not_found',
  'customer.draft_expired',
  'customer.draft_used',
  'customer.not_found',
  'visit.already_open',
  'visit.off_site_refused',
  'visit.none_open',
  'visit.not_found',
  'visit.still_open',
  'visit.result_recorded',
  'visit.customer_unknown',
  'visit.customer_ambiguous',
  'visit.plan_not_in_team',
  'visit.managers_only',
  'pool.already_yours',
  'pool.not_in_pool',
  'pool.cap_reached',
  'pool.not_yours',
  'pool.moved_meanwhile',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
