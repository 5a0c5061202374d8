import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Writable } from 'node:stream';
import { Options, pinoHttp } from 'pino-http';
import { QueryFailedError } from 'typeorm';
import { loadEnvironment } from '../../config/environment';
import { sendProblem } from '../errors/problem-details.filter';
import { loggerOptions, maskPhones, safeForLog } from './logging';

/** The application logger exactly as configured, writing into an array. */
function capturedLogger(): { logger: ReturnType<typeof pinoHttp>['logger']; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const options = loggerOptions(loadEnvironment({ LOG_LEVEL: 'info' })).pinoHttp as Options;
  return { logger: pinoHttp(options, sink).logger, lines };
}

describe('error logs', () => {
  it('log a failed query without its parameters or the values the driver quotes back', () => {
    const { logger, lines } = capturedLogger();
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "users_phone_key"'), {
      code: '23505',
      detail: 'Key (phone)=(0912345678) already exists.',
    });
    const error = new QueryFailedError(
      'INSERT INTO "users"("phone", "password_hash") VALUES ($1, $2)',
      ['0912345678', 'scrypt$secret-hash'],
      driverError,
    );
    logger.error({ err: error }, 'Unhandled error on POST /api/v1/users?invite=s3cr3t-token');
    const line = lines.join('');
    expect(line).toContain('users_phone_key');
    expect(line).toContain('23505');
    expect(line).toContain('INSERT INTO \\"users\\"');
    expect(line).toContain('/api/v1/users');
    for (const leak of ['0912345678', 'scrypt$secret-hash', 'parameters', 's3cr3t-token', 'invite='])
      expect([leak, line.includes(leak)]).toEqual([leak, false]);
  });

  it('mask phone numbers in messages and in logged objects', () => {
    const { logger, lines } = capturedLogger();
    logger.warn({ phone: '0912345678', user: { phone: '+84912345678' } }, 'Created the admin account 0912345678');
    const line = lines.join('');
    expect(line).toContain('091*****78');
    expect(line).not.toMatch(/0912345678|912345678/);
  });

  it('name the route of an unhandled error, never the query string', () => {
    const logger = { error: jest.fn() } as unknown as Logger;
    const reply = { status: () => reply, headers: () => reply, header: () => reply, send: () => reply } as unknown as FastifyReply;
    const request = {
      method: 'GET',
      url: '/api/v1/households?phone=0912345678&access_token=abc',
      routeOptions: { url: '/api/v1/households' },
      headers: {},
      raw: { id: 'req-1' },
      id: 'req-1',
    } as unknown as FastifyRequest;
    sendProblem(reply, request, new Error('boom'), logger);
    const [, message] = (logger.error as jest.Mock).mock.calls[0] as [unknown, string];
    expect(message).toBe('Unhandled error on GET /api/v1/households');
  });
});

describe('maskPhones and safeForLog', () => {
  it.each([
    ['gọi 0912345678', 'gọi 091*****78'],
    ['+84912345678', '849******78'],
    ['0912 345 678.', '091*****78.'],
    ['lot 260610-661ZHE, 12 kg', 'lot 260610-661ZHE, 12 kg'],
    ['id 5f0c2a1e-0912-4a3b-9c1d-0912345678ab', 'id 5f0c2a1e-0912-4a3b-9c1d-0912345678ab'],
  ])('%j -> %j', (input, expected) => {
    expect(maskPhones(input)).toBe(expected);
  });

  it('drops query strings after a path and keeps ordinary question marks', () => {
    expect(safeForLog('Scan failed on /t/ABC?lang=en&token=x')).toBe('Scan failed on /t/ABC');
    expect(safeForLog('is Redis up? yes')).toBe('is Redis up? yes');
  });
});
