import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { IdParam } from '../common/http/id-param';
import { PhotoResponse, UploadPhotoQuery } from './dto/photo.dto';
import { PHOTO_TYPES } from './photo.entity';
import { PhotosService } from './photos.service';

/** Photos from the field: a plot's paper certificate or the field itself, a harvest. */
@ApiTags('food safety')
@ApiBearerAuth()
@Controller('api/v1')
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  /**
   * Adds a photo of a plot (`kind=certificate|field`): the image itself as the body (image/jpeg, image/webp or
   * image/png, at most 2 MB and 2048 px a side). `?id=` (UUID v4, made by the phone) makes the upload repeatable.
   */
  @Post('plots/:id/photos')
  @ApiConsumes(...PHOTO_TYPES)
  plotPhoto(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: UploadPhotoQuery,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<PhotoResponse> {
    return this.photos.upload(actor, 'plot', id, query, contentType, body);
  }

  /** Adds a photo of a harvest batch (`kind=harvest`); as for a plot. */
  @Post('batches/:id/photos')
  @ApiConsumes(...PHOTO_TYPES)
  batchPhoto(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: UploadPhotoQuery,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<PhotoResponse> {
    return this.photos.upload(actor, 'batch', id, query, contentType, body);
  }

  @Get('plots/:id/photos')
  plotPhotos(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PhotoResponse[]> {
    return this.photos.list(actor, 'plot', id);
  }

  @Get('batches/:id/photos')
  batchPhotos(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PhotoResponse[]> {
    return this.photos.list(actor, 'batch', id);
  }

  /** The image, to whoever may see its plot or batch. */
  @Get('photos/:id')
  async image(@CurrentActor() actor: Actor, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const photo = await this.photos.image(actor, id);
    void reply.header('Content-Type', photo.contentType).header('Cache-Control', 'private, max-age=31536000, immutable');
    return photo.data;
  }
}
