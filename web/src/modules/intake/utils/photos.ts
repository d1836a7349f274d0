// Checks of the photos chosen on the intake form, before anything is sent: the same limits the server applies
// (LIMITS.attachmentBytes and attachmentsPerItem in common; copied here because importing the schemas module would pull
// Zod into the public page's first load — photos.test.ts keeps the two equal). The server still sniffs the bytes.
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_MAX_COUNT = 10;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_ACCEPT = PHOTO_TYPES.join(',');
/** The limits as the help text under the picker states them. */
export const PHOTO_LIMIT_VARS = { n: PHOTO_MAX_COUNT, mb: PHOTO_MAX_BYTES / 1024 / 1024 };

export type PhotoProblem = { key: 'intake.photoBadType' | 'intake.photoTooBig' | 'intake.photoTooMany'; name: string };

/** Which of `added` can join the `kept` photos; the others with the reason, in the order they were chosen. */
export function admitPhotos<F extends { name: string; size: number; type: string }>(
  kept: readonly F[],
  added: readonly F[],
): { accepted: F[]; problems: PhotoProblem[] } {
  const accepted: F[] = [];
  const problems: PhotoProblem[] = [];
  for (const f of added) {
    if (!(PHOTO_TYPES as readonly string[]).includes(f.type))
      problems.push({ key: 'intake.photoBadType', name: f.name });
    else if (f.size > PHOTO_MAX_BYTES) problems.push({ key: 'intake.photoTooBig', name: f.name });
    else if (kept.length + accepted.length >= PHOTO_MAX_COUNT)
      problems.push({ key: 'intake.photoTooMany', name: f.name });
    else accepted.push(f);
  }
  return { accepted, problems };
}
