import { EntitySchema } from 'typeorm';
import { dateColumn } from './columns';

/** A DingTalk robot callback's timestamp/sign pair, remembered for its window (deployment-wide). */
export interface DingtalkSignatureRow {
  signKey: string;
  bodyHash: string;
  expiresAt: Date;
}

export const DingtalkSignatureEntity = new EntitySchema<DingtalkSignatureRow>({
  name: 'DingtalkSignature',
  tableName: 'dingtalk_signatures',
  columns: {
    signKey: { type: 'varchar', length: 64, primary: true, name: 'sign_key' },
    bodyHash: { type: 'varchar', length: 64, name: 'body_hash' },
    expiresAt: dateColumn('expires_at'),
  },
});

/** The database's own mark (one row), drawn once. */
export interface DeploymentIdentityRow {
  id: number;
  tag: string;
  createdAt: Date;
}

export const DeploymentIdentityEntity = new EntitySchema<DeploymentIdentityRow>({
  name: 'DeploymentIdentity',
  tableName: 'deployment_identity',
  columns: {
    id: { type: 'integer', primary: true },
    tag: { type: 'varchar', length: 16 },
    createdAt: dateColumn('created_at'),
  },
});
