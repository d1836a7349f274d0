// The discipline and spot-check routes appear in the OpenAPI document with their schemas.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

it('documents the clue, undercover-check and spot-check routes', async () => {
  const res = await t.call(null, 'GET', '/api/openapi.json');
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const paths = Object.keys(res.json().paths);
  for (const p of [
    '/api/clues',
    '/api/clues/{id}',
    '/api/clues/{id}/follow',
    '/api/clues/{id}/close',
    '/api/undercover-checks',
    '/api/spot-checks',
    '/api/spot-checks/{id}',
  ]) {
    expect(paths).toContain(p);
  }
});
