import type { EntityManager } from 'typeorm';
import type { ImportRunStore } from '../../domain/imports/table-import';
import { CustomerImportEntity } from '../entities/opportunity.entities';
import { insertUnlessExists } from '../unique-violation';

/** Import runs of every table kind, in customer_imports (unique per tenant and upload-link nonce). */
export class ImportRunRepository implements ImportRunStore {
  constructor(private readonly manager: EntityManager) {}

  async claim(
    run: { tenantId: string; userId: number | null; nonce: string; fileName: string },
    now: Date,
  ): Promise<number | null> {
    const nonce = run.nonce.slice(0, 32);
    const inserted = await insertUnlessExists(() =>
      this.manager.insert(CustomerImportEntity, {
        tenantId: run.tenantId,
        userId: run.userId,
        nonce,
        fileName: [...run.fileName].slice(0, 100).join(''),
        totalRows: 0,
        createdRows: 0,
        failedRows: 0,
        errorReport: null,
        createdAt: now,
      }),
    );
    if (!inserted) return null;
    const row = await this.manager.findOneBy(CustomerImportEntity, { tenantId: run.tenantId, nonce });
    return row?.id ?? null;
  }

  async finish(
    tenantId: string,
    id: number,
    result: { total: number; created: number; failed: number; errorReport: string | null },
  ): Promise<void> {
    await this.manager.update(
      CustomerImportEntity,
      { tenantId, id },
      {
        totalRows: result.total,
        createdRows: result.created,
        failedRows: result.failed,
        errorReport: result.errorReport,
      },
    );
  }

  async errorReport(tenantId: string, id: number): Promise<string | null> {
    const row = await this.manager.findOneBy(CustomerImportEntity, { tenantId, id });
    return row?.errorReport ?? null;
  }
}
