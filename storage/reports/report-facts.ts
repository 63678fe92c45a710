import type { EntityManager } from 'typeorm';
import type { ReportFacts } from '../../domain/reports/facts';
import { DailyReportRepository } from '../repositories/daily-report.repository';
import { OpportunityFactsRepository } from '../repositories/opportunity-facts.repository';
import { ApprovalReportFacts } from './approval-facts';
import { AttendanceReportFacts } from './attendance-facts';

/**
 * The facts ports that exist in this build, bound to one EntityManager. Each feature area adds its own line
 * here (visits, customers, sales, targets) when it implements its port; reports show a
 * section as soon as its port is listed.
 */
export function createReportFacts(manager: EntityManager, defaultTimeZone: string): ReportFacts {
  return {
    attendance: new AttendanceReportFacts(manager, defaultTimeZone),
    approvals: new ApprovalReportFacts(manager),
    opportunities: new OpportunityFactsRepository(manager),
    dailyReports: new DailyReportRepository(manager),
  };
}
