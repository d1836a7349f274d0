// Photos for a new problem: chosen and previewed here, checked against the server's type and size limits, and sent
// after the problem is submitted (the receipt's tracking code and PIN authorise the upload).
import { useEffect, useMemo, useState } from 'react';
import { Image, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { PHOTO_ACCEPT, PHOTO_MAX_COUNT, admitPhotos, type PhotoProblem } from '../utils/photos.ts';

interface Props {
  id: string;
  files: File[];
  onChange: (files: File[]) => void;
  onProblems: (problems: PhotoProblem[]) => void;
}

export function PhotoPicker({ id, files, onChange, onProblems }: Props) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<string | null>(null);
  // One object URL per file for the thumbnails, released when the file leaves the list.
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  const fileList: UploadFile[] = files.map((f, i) => ({
    uid: `${i}-${f.name}-${f.size}`,
    name: f.name,
    status: 'done',
    url: urls[i],
    thumbUrl: urls[i],
  }));

  return (
    <div data-testid="photo-picker">
      <Upload
        id={id}
        listType="picture-card"
        accept={PHOTO_ACCEPT}
        multiple
        fileList={fileList}
        // Nothing is uploaded here: the chosen files are kept until the problem has a tracking code.
        beforeUpload={(file, batch) => {
          if (file === batch[0]) {
            const { accepted, problems } = admitPhotos(files, batch);
            onProblems(problems);
            if (accepted.length) onChange([...files, ...accepted]);
          }
          return Upload.LIST_IGNORE;
        }}
        onRemove={(f) => {
          onChange(files.filter((_, i) => fileList[i].uid !== f.uid));
          onProblems([]);
        }}
        onPreview={(f) => setPreview(f.url ?? null)}
      >
        {files.length >= PHOTO_MAX_COUNT ? null : (
          <button
            type="button"
            style={{ border: 0, background: 'none', cursor: 'pointer' }}
            aria-label={t('intake.photoAdd')}
          >
            <PlusOutlined aria-hidden />
            <div style={{ marginTop: 8 }}>{t('intake.photoAdd')}</div>
          </button>
        )}
      </Upload>
      {preview ? (
        <Image
          style={{ display: 'none' }}
          src={preview}
          alt=""
          preview={{ open: true, src: preview, onOpenChange: (open) => !open && setPreview(null) }}
        />
      ) : null}
    </div>
  );
}
