// Sends the photos of a new problem once it has a receipt: the public with the tracking code and PIN, staff with the
// item id. One file per request, in order; a failed file does not stop the others.
import { useMutation } from '@tanstack/react-query';
import type { IntakeReceipt } from '@tingquan/common/schemas/items';
import { post } from '../../../api/client.ts';

export interface PhotoOutcome {
  uploaded: number;
  failed: string[];
}

export function useUploadPhotos(mode: 'public' | 'staff') {
  return useMutation({
    mutationFn: async ({ receipt, files }: { receipt: IntakeReceipt; files: File[] }): Promise<PhotoOutcome> => {
      const outcome: PhotoOutcome = { uploaded: 0, failed: [] };
      for (const file of files) {
        const form = new FormData();
        if (mode === 'public') {
          form.set('code', receipt.trackingCode);
          form.set('pin', receipt.accessPin);
        }
        form.set('file', file, file.name);
        try {
          await post(
            mode === 'public'
              ? '/api/public/track/attachments'
              : `/api/items/${encodeURIComponent(receipt.id)}/attachments`,
            form,
          );
          outcome.uploaded++;
        } catch {
          outcome.failed.push(file.name);
        }
      }
      return outcome;
    },
  });
}
