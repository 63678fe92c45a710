import type { EntityManager } from 'typeorm';
import type { ReportFacts } from '../../domain/reports/facts';
import { CoverageRepository } from '../repositories/coverage.repository';
import { CustomerPoolRepository } from '../repositories/customer-pool.repository';
import { DailyReportRepository } from '../repositories/daily-report.repository';
import { OpportunityFactsRepository } from '../repositories/opportunity-facts.repository';
import { SalesFactsRepository } from '../repositories/sales-facts.repository';
import { TargetRepository } from '../repositories/target.repository';
import { VisitRouteRepository } from '../repositories/visit-route.repository';
import { VisitRepository } from '../repositories/visit.repository';
import { ApprovalReportFacts } from './approval-facts';
import { AttendanceReportFacts } from './attendance-facts';

/**
 * Every area's facts port, bound to one EntityManager: reports read each area only through these. A new
 * area adds its line here; reports show its section as soon as it is listed.
 */
export function createReportFacts(manager: EntityManager, defaultTimeZone: string): ReportFacts {
  const customers = new CustomerPoolRepository(manager, defaultTimeZone);
  return {
    attendance: new AttendanceReportFacts(manager, defaultTimeZone),
    approvals: new ApprovalReportFacts(manager),
    opportunities: new OpportunityFactsRepository(manager),
    dailyReports: new DailyReportRepository(manager),
    customers,
    // Follow-ups due are the customers area's rule (the pool clock), read through the visits port.
    visits: new VisitRepository(manager, customers),
    sales: new SalesFactsRepository(manager, defaultTimeZone),
    targets: new TargetRepository(manager),
    coverage: new CoverageRepository(manager),
    routes: new VisitRouteRepository(manager),
  };
}
