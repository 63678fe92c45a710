/**
 * Storage port for approved leave (请假). The approvals feature will record approved leave requests and
 * answer from them; until it does, the storage side knows of no leave (see leave-calendar.repository.ts).
 */
export interface LeaveCalendar {
  /** Whether approved leave excuses the person from the work date (YYYY-MM-DD in the tenant's zone). */
  isOnLeave(tenantId: string, userId: number, workDate: string): Promise<boolean>;
}
