import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Actor } from '../common/auth/actor';
import { InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { createOnce, withFingerprint } from '../common/records/repeatable-create';
import { PlotsService } from '../registry/plots.service';
import { BatchesService } from './batches.service';
import { PhotoResponse, UploadPhotoQuery } from './dto/photo.dto';
import { Photo, PHOTO_TYPES, type PhotoSubject } from './photo.entity';
import { PhotosRepository } from './photos.repository';

/** The phone shrinks photos to 1280 px a side; a little slack for other clients, never a 12-megapixel original. */
export const PHOTO_MAX_SIDE = 2048;
/** Raw body limit for a photo upload (http-app.ts): a shrunk photo is a few hundred KB. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

const SHARP_FORMATS: Record<string, string> = { 'image/jpeg': 'jpeg', 'image/webp': 'webp', 'image/png': 'png' };

function toResponse(p: Photo): PhotoResponse {
  return {
    id: p.id,
    subject: p.subject,
    subjectId: p.subjectId,
    kind: p.kind,
    contentType: p.contentType,
    width: p.width,
    height: p.height,
    bytes: p.bytes,
    url: `/api/v1/photos/${p.id}`,
    recordedAt: p.createdAt.toISOString(),
  };
}

/** Photos of a plot (its paper certificate, the field) or of a harvest batch; who sees the record sees its photos. */
@Injectable()
export class PhotosService {
  constructor(
    private readonly photos: PhotosRepository,
    private readonly plots: PlotsService,
    private readonly batches: BatchesService,
  ) {}

  private async assertAccess(actor: Actor, subject: PhotoSubject, subjectId: string): Promise<string> {
    if (subject === 'plot') return (await this.plots.findAccessible(actor, subjectId)).id;
    return (await this.batches.findAccessible(actor, subjectId)).id;
  }

  async upload(
    actor: Actor,
    subject: PhotoSubject,
    subjectId: string,
    query: UploadPhotoQuery,
    contentType: string | undefined,
    body: unknown,
  ): Promise<PhotoResponse> {
    const id = await this.assertAccess(actor, subject, subjectId);
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!(PHOTO_TYPES as readonly string[]).includes(type) || !Buffer.isBuffer(body)) {
      throw InvalidInputError.field('body', message('batches.photoType'));
    }
    let width = 0;
    let height = 0;
    try {
      const meta = await sharp(body).metadata();
      if (meta.format !== SHARP_FORMATS[type]) throw new Error(String(meta.format));
      width = meta.width ?? 0;
      height = meta.height ?? 0;
    } catch {
      throw InvalidInputError.field('body', message('batches.photoUnreadable', { type }));
    }
    if (Math.max(width, height) > PHOTO_MAX_SIDE) {
      throw InvalidInputError.field('body', message('batches.photoTooBig', { width, height, max: PHOTO_MAX_SIDE }));
    }
    const fingerprint = createHash('sha256').update(`${subject}:${id}:${query.kind}:`).update(body).digest('hex');
    const { record } = await createOnce<Photo>({
      id: query.id,
      fingerprint,
      find: async (photoId) => withFingerprint(await this.photos.findById(photoId)),
      create: async () => {
        const now = new Date();
        const photo = Object.assign(new Photo(), {
          id: query.id ?? randomUUID(),
          subject,
          subjectId: id,
          kind: query.kind,
          contentType: type,
          width,
          height,
          bytes: body.length,
          data: body,
          recordedBy: actor.userId,
          createFingerprint: fingerprint,
          createdAt: now,
          updatedAt: now,
        });
        await this.photos.insert(photo);
        return photo;
      },
    });
    return toResponse(record);
  }

  async list(actor: Actor, subject: PhotoSubject, subjectId: string): Promise<PhotoResponse[]> {
    const id = await this.assertAccess(actor, subject, subjectId);
    const rows = await this.photos.ofSubject(subject, id);
    return rows.map(toResponse);
  }

  async image(actor: Actor, photoId: string): Promise<{ contentType: string; data: Buffer }> {
    const photo = await this.photos.withData(photoId);
    if (!photo) throw NotFoundError.of('Photo', photoId);
    await this.assertAccess(actor, photo.subject, photo.subjectId);
    return { contentType: photo.contentType, data: Buffer.from(photo.data) };
  }
}
