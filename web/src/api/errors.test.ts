import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { errorKeyOf, fieldErrorsOf, issuePathToField } from './errors.ts';

describe('API errors', () => {
  it('maps server issue paths to form field names', () => {
    expect(issuePathToField('body.title')).toEqual(['title']);
    expect(issuePathToField('body.requester.phone')).toEqual(['requester', 'phone']);
    expect(issuePathToField('body.payload.satisfaction', ['payload'])).toEqual(['satisfaction']);
    expect(issuePathToField('body.coDepartmentIds.1')).toEqual(['coDepartmentIds', 1]);
  });
  it('gives field errors only for API errors, translated', () => {
    const err = new ApiError(400, {
      code: 'validation',
      message: 'x',
      issues: [{ path: 'body.title', message: 'required' }],
    });
    expect(fieldErrorsOf(err, (m) => m.toUpperCase())).toEqual([{ name: ['title'], errors: ['REQUIRED'] }]);
    expect(fieldErrorsOf(new Error('boom'), (m) => m)).toEqual([]);
    expect(errorKeyOf(err)).toBe('errors.validation');
    expect(errorKeyOf(new TypeError('x'))).toBe('errors.network');
  });
});
