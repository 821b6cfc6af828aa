import { z } from 'zod';
import { contract } from '../../../../shared/contract';
import type { MediaKind } from '../../../../shared/posts/post';
import { i18n } from '../../i18n/i18n';

/** The backend's own limit (cleanMedia refuses more), said before a byte is read. */
export const maxMediaBytes = 50 * 1024 * 1024;

const importInput = contract['media.import'].input.shape;

/** The file, its kind and the before/after flag; the kind and flag use the call's own schemas. */
export const mediaImportFormSchema = z.object({
  kind: importInput.kind,
  beforeAfter: importInput.beforeAfter,
  files: z
    .custom<FileList>((value) => value instanceof FileList && value.length > 0, { error: () => i18n.t('validation:media.chooseFile') })
    .superRefine((files, ctx) => {
      const size = files.item(0)?.size ?? 0;
      if (size === 0) ctx.addIssue({ code: 'custom', message: i18n.t('validation:media.emptyFile') });
      else if (size > maxMediaBytes) {
        ctx.addIssue({
          code: 'custom',
          message: i18n.t('validation:media.tooLarge', { megabytes: Math.ceil(size / 1024 / 1024) }),
        });
      }
    }),
});
export type MediaImportFormInput = z.input<typeof mediaImportFormSchema>;
export type MediaImportFormValues = z.output<typeof mediaImportFormSchema>;

/** What a chosen file most likely is, from the type the system reports. */
export function kindOfFile(file: File): MediaKind | null {
  if (file.type.startsWith('image/')) return 'photo';
  if (file.type.startsWith('video/')) return 'video';
  if (file.type.startsWith('audio/')) return 'audio';
  return null;
}

/** What the file picker offers: every kind at once, since the kind is read from the file chosen. */
export const acceptedTypes = 'image/jpeg,image/png,image/webp,video/mp4,video/quicktime,video/webm,audio/*';
