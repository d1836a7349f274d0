import { describe, expect, it } from 'vitest';
import { LIMITS } from '@tingquan/common/schemas/primitives';
import { admitPhotos, PHOTO_MAX_BYTES, PHOTO_MAX_COUNT } from './photos.ts';

const photo = (name: string, size = 1000, type = 'image/jpeg') => ({ name, size, type });

describe('admitPhotos', () => {
  it('uses the server limits', () => {
    expect(PHOTO_MAX_BYTES).toBe(LIMITS.attachmentBytes);
    expect(PHOTO_MAX_COUNT).toBe(LIMITS.attachmentsPerItem);
  });
  it('accepts JPEG, PNG and WebP within the size limit', () => {
    const r = admitPhotos(
      [],
      [photo('a.jpg'), photo('b.png', 10, 'image/png'), photo('c.webp', PHOTO_MAX_BYTES, 'image/webp')],
    );
    expect(r.accepted.map((f) => f.name)).toEqual(['a.jpg', 'b.png', 'c.webp']);
    expect(r.problems).toEqual([]);
  });
  it('refuses other types, oversize files and photos beyond the count, naming each', () => {
    const kept = Array.from({ length: PHOTO_MAX_COUNT - 1 }, (_, i) => photo(`k${i}.jpg`));
    const r = admitPhotos(kept, [
      photo('doc.pdf', 10, 'application/pdf'),
      photo('big.jpg', PHOTO_MAX_BYTES + 1),
      photo('last.jpg'),
      photo('one-too-many.jpg'),
    ]);
    expect(r.accepted.map((f) => f.name)).toEqual(['last.jpg']);
    expect(r.problems).toEqual([
      { key: 'intake.photoBadType', name: 'doc.pdf' },
      { key: 'intake.photoTooBig', name: 'big.jpg' },
      { key: 'intake.photoTooMany', name: 'one-too-many.jpg' },
    ]);
  });
});
