import { findPeopleNamed } from '../../domain/org/role-assignment';
import type { RowError } from '../../domain/orders/product-import';
import { DIMENSION_LABELS, isDimension, type TargetDimension } from '../../domain/targets/segments';
import { parseTargetRows, type TargetRow } from '../../domain/targets/target-import';
import type { Database } from '../database';
import { createRepositories } from '../repositories';
import { readTableFile } from './product-file';

const SUBJECT_LABELS: Record<TargetRow['subject']['kind'], string> = {
  department: '部门',
  user: '同事',
  ...DIMENSION_LABELS,
};

export interface TargetImportReport {
  written: number;
  errors: RowError[];
}

/**
 * A targets file into the tenant's targets: each valid row sets that department's (by exact name),
 * person's (by name or user id), category's or region's (a name in use) target for the period and measure;
 * rows naming nobody, or two people of the same name, are reported and skipped. One audit entry per import.
 */
export async function importTargetFile(
  db: Database,
  tenantId: string,
  path: string,
  now: Date,
): Promise<TargetImportReport> {
  const { targets, errors } = parseTargetRows(await readTableFile(path));
  return db.transaction(async (manager) => {
    const repos = createRepositories(manager);
    const departments = await repos.sales.org.departments(tenantId);
    const people = await repos.users.findActiveInTenant(tenantId);
    const report: TargetImportReport = { written: 0, errors: [...errors] };
    const segmentNames = new Map<TargetDimension, string[]>();
    for (const t of targets) {
      let id: number | undefined;
      if (isDimension(t.subject.kind)) {
        const kind = t.subject.kind;
        if (!segmentNames.has(kind))
          segmentNames.set(kind, await repos.sales.targets.segmentNames(tenantId, kind));
        if (segmentNames.get(kind)?.includes(t.subject.name))
          id = await repos.sales.targets.segmentId(tenantId, t.subject.kind, t.subject.name);
      } else if (t.subject.kind === 'department') {
        const found = departments.filter((d) => d.name === t.subject.name);
        if (found.length === 1) id = found[0]?.id;
      } else {
        const found = findPeopleNamed(people, t.subject.name);
        if (found.length === 1) id = found[0]?.id;
        else if (found.length > 1) {
          report.errors.push({
            row: t.row,
            message: `有${found.length}位同事叫「${t.subject.name}」，请改用用户ID`,
          });
          continue;
        }
      }
      if (id === undefined) {
        report.errors.push({
          row: t.row,
          message: `没有${SUBJECT_LABELS[t.subject.kind]}「${t.subject.name}」`,
        });
        continue;
      }
      await repos.sales.targets.set(
        tenantId,
        { kind: t.subject.kind, id },
        t.measure,
        t.period,
        t.value,
        null,
        now,
      );
      report.written += 1;
    }
    report.errors.sort((a, b) => a.row - b.row);
    if (report.written > 0)
      await repos.auditLog.append({
        tenantId,
        actorUserId: null,
        action: 'target.import',
        subject: `file:${path}`.slice(0, 128),
        before: undefined,
        after: { written: report.written },
        at: now,
      });
    return report;
  });
}

export function describeTargetReport(report: TargetImportReport): string {
  return [
    `写入目标 ${report.written} 条，出错 ${report.errors.length} 行`,
    ...report.errors.map((e) => `第 ${e.row} 行：${e.message}`),
  ].join('\n');
}
