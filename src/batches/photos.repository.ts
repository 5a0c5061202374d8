import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import { Photo, PhotoSubject } from './photo.entity';

/** The SQL of the `photos` table. The image bytes are read only when asked for (`withData`). */
@Injectable()
export class PhotosRepository extends SqlRepository {
  findById(id: string): Promise<Photo | null> {
    return this.dataSource.manager.findOne(Photo, { where: { id } });
  }

  insert(photo: Photo): Promise<unknown> {
    return this.dataSource.manager.insert(Photo, photo);
  }

  /** A plot's or a batch's photos, oldest first, without their bytes. */
  ofSubject(subject: PhotoSubject, subjectId: string): Promise<Photo[]> {
    return this.dataSource.manager.find(Photo, { where: { subject, subjectId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** One photo with its bytes. */
  withData(id: string): Promise<Photo | null> {
    return this.dataSource.manager.createQueryBuilder(Photo, 'p').addSelect('p.data').where('p.id = :id', { id }).getOne();
  }
}
