import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, TooManyRequestsError, UnauthorizedError } from './domain-errors';
import { message } from '../i18n/message';
import { problemType, toProblem } from './problem-details.filter';

describe('toProblem', () => {
  it.each([
    [InvalidInputError.field('gtin', 'has a wrong check digit'), 400],
    [new UnauthorizedError('no token'), 401],
    [new ForbiddenError('other co-op'), 403],
    [NotFoundError.of('Batch', 'b1'), 404],
    [new ConflictError('duplicate phone'), 409],
  ])('maps %p to its status', (error, status) => {
    const { problem } = toProblem(error, 'en');
    expect(problem).toMatchObject({ type: problemType(status), status, detail: error.message });
    expect(problem.title).toEqual(expect.any(String));
  });

  it('keeps field errors', () => {
    expect(toProblem(InvalidInputError.field('gtin', 'has a wrong check digit')).problem.errors).toEqual([
      { field: 'gtin', message: 'has a wrong check digit' },
    ]);
  });

  it('speaks Vietnamese by default and English when asked, titles, details and field messages alike', () => {
    const error = InvalidInputError.field('quantity', message('validation.min', { 0: 1 }));
    expect(toProblem(error).problem).toMatchObject({
      title: 'Dữ liệu không hợp lệ',
      detail: 'quantity: không được nhỏ hơn 1',
      errors: [{ field: 'quantity', message: 'không được nhỏ hơn 1' }],
    });
    expect(toProblem(error, 'en').problem).toMatchObject({
      title: 'Bad request',
      detail: 'quantity: must not be less than 1',
      errors: [{ field: 'quantity', message: 'must not be less than 1' }],
    });
    expect(toProblem(NotFoundError.of('Batch', 'b1')).problem.detail).toBe('Lô hàng b1 không tồn tại');
  });

  it('sends Retry-After, rounded up to whole seconds, for 429', () => {
    const { problem, headers } = toProblem(new TooManyRequestsError('locked', 12.2));
    expect(problem.status).toBe(429);
    expect(headers).toEqual({ 'Retry-After': '13' });
    expect(toProblem(new TooManyRequestsError('locked', 0)).headers).toEqual({ 'Retry-After': '1' });
  });

  it('maps Nest HTTP exceptions with their message', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'), 'en').problem).toMatchObject({ status: 404, detail: 'Route GET /x not found' });
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({ status: 404, detail: 'Không có đường dẫn GET /x' });
    expect(toProblem(new BadRequestException(['a is wrong', 'b is wrong'])).problem).toMatchObject({
      status: 400,
      detail: 'a is wrong; b is wrong',
    });
    expect(toProblem(new PayloadTooLargeException()).problem.status).toBe(413);
  });

  it('maps Fastify errors by their code', () => {
    expect(toProblem(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })).problem.status).toBe(413);
    expect(toProblem(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 })).problem.status).toBe(415);
    expect(toProblem(Object.assign(new Error('x'), { code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 })).problem.status).toBe(414);
    expect(toProblem(Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 })).problem).toMatchObject({
      status: 400,
      detail: 'Unexpected token',
    });
  });

  it('hides everything else behind a 500 without internals', () => {
    const { problem } = toProblem(new Error('relation "users" does not exist at /srv/app/secret.ts:12'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('users');
    expect(toProblem(Object.assign(new Error('boom'), { statusCode: 503 })).problem.detail).not.toContain('boom');
    expect(toProblem(null).problem.status).toBe(500);
    expect(toProblem('a string').problem.status).toBe(500);
  });
});
