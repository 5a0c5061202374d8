import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PHOTO_KINDS } from '../photo.entity';
import type { PhotoKind, PhotoSubject } from '../photo.entity';

export class UploadPhotoQuery {
  /** The photo's id, made by the phone (UUID v4) so the upload is safe to send again. */
  @IsOptional()
  @IsUUID('4')
  id?: string;

  @IsIn(PHOTO_KINDS)
  kind!: PhotoKind;
}

export class PhotoResponse {
  id!: string;
  subject!: PhotoSubject;
  subjectId!: string;
  kind!: PhotoKind;
  contentType!: string;
  width!: number;
  height!: number;
  bytes!: number;
  /** GET it with the same token to see the image. */
  url!: string;
  recordedAt!: string;
}
