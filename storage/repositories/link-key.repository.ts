import { LessThan, type EntityManager } from 'typeorm';
import { LinkKeyEntity } from '../entities/link-key.entity';

export interface StoredLinkKey {
  generation: number;
  secret: string;
  createdAt: Date;
}

/** The H5 link keys of the deployment (not tenant-scoped: links of every company are signed alike). */
export class LinkKeyRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Newest first: the first one signs. */
  async list(): Promise<StoredLinkKey[]> {
    const rows = await this.manager.find(LinkKeyEntity, { order: { generation: 'DESC' } });
    return rows.map((r) => ({ generation: Number(r.generation), secret: r.secret, createdAt: r.createdAt }));
  }

  /**
   * Stores generation 1 unless some key exists. Instances starting together race on the same primary key,
   * so exactly one secret wins and every one of them reads it back.
   */
  async addFirst(secret: string, now: Date): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(LinkKeyEntity)
      .values({ generation: 1, secret, createdAt: now })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  /** A new signing key after the newest; two rotations at once collide on the key and one fails. */
  async addNext(secret: string, now: Date): Promise<number> {
    const [newest] = await this.list();
    const generation = (newest?.generation ?? 0) + 1;
    await this.manager.insert(LinkKeyEntity, { generation, secret, createdAt: now });
    return generation;
  }

  /** Forgets every key older than `generation`: links they signed stop opening. Returns how many. */
  async retireBefore(generation: number): Promise<number> {
    const result = await this.manager.delete(LinkKeyEntity, { generation: LessThan(generation) });
    return result.affected ?? 0;
  }
}
