import { ApprovalRequestEntity, ApprovalTaskEntity, AttendanceLeaveEntity } from './approval.entities';
import { AttendanceCorrectionEntity } from './attendance-correction.entity';
import { AttendanceRosterEntity } from './attendance-roster.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { CommandOfferEntity } from './command-offer.entity';
import { CustomerDraftEntity } from './customer-draft.entity';
import { FormDraftEntity } from './form-draft.entity';
import { CustomerEntity } from './customer.entity';
import { DepartmentLeaderEntity } from './department-leader.entity';
import { DepartmentEntity } from './department.entity';
import { InboxEventEntity } from './inbox-event.entity';
import { JobLeaseEntity } from './job-lease.entity';
import { LeadEntity, LeadFollowUpEntity } from './lead.entities';
import { LinkKeyEntity } from './link-key.entity';
import { TargetSplitDraftEntity } from './target-split-draft.entity';
import { LocationShareEntity } from './location-share.entity';
import { OutboxMessageEntity, OutboxPaceEntity } from './outbox-message.entity';
import { PunchPhotoEntity } from './punch-photo.entity';
import { PunchEntity } from './punch.entity';
import { DeploymentIdentityEntity, DingtalkSignatureEntity } from './protocol.entities';
import {
  DailyReportCommentEntity,
  DailyReportReadEntity,
  DailyReportEntity,
  PushLogEntity,
  PushOptOutEntity,
} from './report.entities';
import {
  OrderEntity,
  PaymentDraftEntity,
  PaymentEntity,
  ProductEntity,
  ProductStockEntity,
  TargetEntity,
  TargetSegmentEntity,
} from './sales.entities';
import { OrderReturnEntity } from './order-return.entity';
import { TenantSettingEntity } from './tenant-setting.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';
import {
  CustomerChoiceEntity,
  CustomerContactEntity,
  CustomerImportEntity,
  FollowUpEntity,
  OpportunityEntity,
  OpportunityStageMoveEntity,
} from './opportunity.entities';
import {
  CustomerMoveEntity,
  VisitAttachmentEntity,
  VisitEntity,
  VisitPlanEntity,
  VisitRequestEntity,
} from './visit.entities';

export const ENTITIES = [
  UserEntity,
  DepartmentEntity,
  DepartmentLeaderEntity,
  InboxEventEntity,
  OutboxMessageEntity,
  OutboxPaceEntity,
  LocationShareEntity,
  CustomerEntity,
  CustomerDraftEntity,
  FormDraftEntity,
  JobLeaseEntity,
  DingtalkSignatureEntity,
  DeploymentIdentityEntity,
  PunchEntity,
  PunchPhotoEntity,
  TenantSettingEntity,
  AuditEntryEntity,
  ApprovalRequestEntity,
  ApprovalTaskEntity,
  AttendanceLeaveEntity,
  AttendanceCorrectionEntity,
  AttendanceRosterEntity,
  DailyReportEntity,
  DailyReportCommentEntity,
  DailyReportReadEntity,
  PushLogEntity,
  PushOptOutEntity,
  OpportunityEntity,
  OpportunityStageMoveEntity,
  FollowUpEntity,
  CustomerContactEntity,
  CustomerImportEntity,
  CustomerChoiceEntity,
  ProductEntity,
  ProductStockEntity,
  OrderEntity,
  PaymentEntity,
  PaymentDraftEntity,
  TargetEntity,
  TargetSegmentEntity,
  VisitEntity,
  VisitAttachmentEntity,
  VisitRequestEntity,
  VisitPlanEntity,
  CustomerMoveEntity,
  TenantEntity,
  LinkKeyEntity,
  CommandOfferEntity,
  LeadEntity,
  LeadFollowUpEntity,
  TargetSplitDraftEntity,
  OrderReturnEntity,
];
