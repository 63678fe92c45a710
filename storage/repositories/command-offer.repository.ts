import { IsNull, type EntityManager } from 'typeorm';
import type { CommandOffer, CommandOfferStore } from '../../domain/messages/command-offer';
import { CommandOfferEntity } from '../entities/command-offer.entity';

export class CommandOfferRepository implements CommandOfferStore {
  constructor(private readonly manager: EntityManager) {}

  async save(tenantId: string, userId: number, offer: CommandOffer): Promise<number> {
    const result = await this.manager.insert(CommandOfferEntity, {
      tenantId,
      userId,
      options: JSON.stringify(offer.options),
      createdAt: offer.createdAt,
      takenAt: null,
    });
    return Number(result.identifiers[0]?.id);
  }

  async take(tenantId: string, userId: number, id: number, now: Date): Promise<CommandOffer | null> {
    const row = await this.manager.findOneBy(CommandOfferEntity, { tenantId, userId, id, takenAt: IsNull() });
    if (!row) return null;
    // Conditional on still untaken: of two taps at once, one takes it.
    const result = await this.manager.update(
      CommandOfferEntity,
      { tenantId, userId, id, takenAt: IsNull() },
      { takenAt: now },
    );
    if (result.affected !== 1) return null;
    return { options: JSON.parse(row.options) as string[], createdAt: row.createdAt };
  }
}
