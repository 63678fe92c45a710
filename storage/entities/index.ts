import { ApprovalRequestEntity, ApprovalTaskEntity, AttendanceLeaveEntity } from './approval.entities';
import { AuditEntryEntity } from './audit-entry.entity';
import { CustomerDraftEntity } from './customer-draft.entity';
import { CustomerEntity } from './customer.entity';
import { DepartmentLeaderEntity } from './department-leader.entity';
import { DepartmentEntity } from './department.entity';
import { InboxEventEntity } from './inbox-event.entity';
import { JobLeaseEntity } from './job-lease.entity';
import { LocationShareEntity } from './location-share.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { PunchPhotoEntity } from './punch-photo.entity';
import { PunchEntity } from './punch.entity';
import { TenantSettingEntity } from './tenant-setting.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export const ENTITIES = [
  UserEntity,
  DepartmentEntity,
  DepartmentLeaderEntity,
  InboxEventEntity,
  OutboxMessageEntity,
  LocationShareEntity,
  CustomerEntity,
  CustomerDraftEntity,
  JobLeaseEntity,
  PunchEntity,
  PunchPhotoEntity,
  TenantSettingEntity,
  AuditEntryEntity,
  ApprovalRequestEntity,
  ApprovalTaskEntity,
  AttendanceLeaveEntity,
  TenantEntity,
];
