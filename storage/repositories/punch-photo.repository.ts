import type { EntityManager } from 'typeorm';
import type { NewPunchPhoto, PunchPhotoStore } from '../../domain/attendance/ports';
import { PunchPhotoEntity } from '../entities/punch-photo.entity';

export class PunchPhotoRepository implements PunchPhotoStore {
  constructor(private readonly manager: EntityManager) {}

  async attach(photo: NewPunchPhoto): Promise<void> {
    await this.manager.insert(PunchPhotoEntity, {
      tenantId: photo.tenantId,
      punchId: photo.punchId,
      userId: photo.userId,
      originalKey: photo.originalKey,
      stampedKey: photo.stampedKey,
      takenAt: photo.takenAt,
      flags: photo.flags.join(','),
      createdAt: photo.now,
    });
  }
}
