import { randomBytes } from 'node:crypto';
import { LessThan, type EntityManager } from 'typeorm';
import { DeploymentIdentityEntity, DingtalkSignatureEntity } from '../entities/protocol.entities';
import { insertUnlessExists } from '../unique-violation';

/** What a signed pair has been seen with: never, this very body (a retry), or another body (a forgery). */
export type SignatureUse = 'first' | 'same_body' | 'other_body';

/** Deployment-wide protocol memory: every instance reads and writes the same rows. */
export class ProtocolGuardRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Records the pair with its body's hash until `expiresAt`; the primary key makes one instance first. */
  async useSignature(signKey: string, bodyHash: string, expiresAt: Date): Promise<SignatureUse> {
    const inserted = await insertUnlessExists(() =>
      this.manager.insert(DingtalkSignatureEntity, { signKey, bodyHash, expiresAt }),
    );
    if (inserted) return 'first';
    const seen = await this.manager.findOneBy(DingtalkSignatureEntity, { signKey });
    return seen?.bodyHash === bodyHash ? 'same_body' : 'other_body';
  }

  /** Pairs past their window can no longer pass the timestamp check: nothing to remember. */
  async purgeSignatures(now: Date): Promise<number> {
    const result = await this.manager.delete(DingtalkSignatureEntity, { expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }

  /** This database's mark, drawn on first use; two instances racing read the same winner. */
  async deploymentTag(now: Date): Promise<string> {
    const existing = await this.manager.findOneBy(DeploymentIdentityEntity, { id: 1 });
    if (existing) return existing.tag;
    await insertUnlessExists(() =>
      this.manager.insert(DeploymentIdentityEntity, {
        id: 1,
        tag: randomBytes(6).toString('hex'),
        createdAt: now,
      }),
    );
    const row = await this.manager.findOneByOrFail(DeploymentIdentityEntity, { id: 1 });
    return row.tag;
  }
}
