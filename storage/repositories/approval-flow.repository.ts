import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { flowDefinitionSchema, type FlowDefinition } from '../../domain/approval/flow-definition';
import type { FlowDefinitionStore } from '../../domain/approval/ports';
import { REQUEST_TYPES, type RequestType } from '../../domain/approval/request-forms';
import { TenantSettingsRepository } from './tenant-settings.repository';

const KEY = 'approval_flows';

/** `{ leave: {...}, expense: {...} }`: each value a flow definition; unknown request types are refused. */
export const approvalFlowsSchema = z.partialRecord(z.enum(REQUEST_TYPES), flowDefinitionSchema);
export type ApprovalFlows = z.infer<typeof approvalFlowsSchema>;

export class ApprovalFlowRepository implements FlowDefinitionStore {
  private readonly settings: TenantSettingsRepository;

  constructor(manager: EntityManager) {
    this.settings = new TenantSettingsRepository(manager);
  }

  async read(tenantId: string): Promise<ApprovalFlows> {
    return this.settings.readValid(tenantId, KEY, approvalFlowsSchema, {});
  }

  async flowFor(tenantId: string, type: RequestType): Promise<FlowDefinition | null> {
    return (await this.read(tenantId))[type] ?? null;
  }

  async setFlow(tenantId: string, type: RequestType, flow: FlowDefinition | null, now: Date): Promise<void> {
    const flows = { ...(await this.read(tenantId)) };
    if (flow) flows[type] = flow;
    else delete flows[type];
    await this.write(tenantId, flows, now);
  }

  async write(tenantId: string, flows: ApprovalFlows, now: Date): Promise<void> {
    await this.settings.write(tenantId, KEY, flows, now);
  }
}
