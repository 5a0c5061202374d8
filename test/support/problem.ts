import type { Response } from 'supertest';

/** Asserts the answer is an RFC 9457 problem with this status, and returns its body. */
export function expectProblem(
  res: Response,
  status: number,
): { type: string; title: string; status: number; detail: string; errors?: { field: string; message: string }[] } {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body ?? res.text).slice(0, 500)}`);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.text) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: { field: string; message: string }[];
  };
  expect(body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) }),
  );
  return body;
}

/** The field names of a 400's `errors`. */
export function errorFields(res: Response): string[] {
  return (expectProblem(res, 400).errors ?? []).map((e) => e.field);
}
