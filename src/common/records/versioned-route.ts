import { applyDecorators, CallHandler, ExecutionContext, Headers, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { etagOf } from './record-version';

/** Sends the answered record's version as its ETag, the value a later edit sends back in If-Match. */
@Injectable()
export class EtagInterceptor implements NestInterceptor<{ version?: number }> {
  intercept(context: ExecutionContext, next: CallHandler<{ version?: number }>): Observable<{ version?: number }> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((record) => {
        void reply.header('ETag', etagOf(record.version ?? 1));
        return record;
      }),
    );
  }
}

/** The route answers one versioned record and sends its version as the `ETag` header. */
export const SendsEtag = (): MethodDecorator => UseInterceptors(EtagInterceptor);

/** Swagger description of the optional If-Match header of edits. */
const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of the version being edited (e.g. "3"); a stale version answers 412 with the current record',
};

/** An edit of a versioned record: documents If-Match (read with `@IfMatch()`) and answers the new ETag. */
export const EditsVersion = (): MethodDecorator => applyDecorators(ApiHeader(IF_MATCH_HEADER), SendsEtag());

/** The If-Match header of an edit, checked by the service against the record's version. */
export const IfMatch = (): ParameterDecorator => Headers('if-match');
