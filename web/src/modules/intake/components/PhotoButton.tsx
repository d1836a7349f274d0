// The first "add photos" control of the intake form: a plain file input behind a button. The picture list with its
// preview (Ant Design's Upload and Image, ~35 KB gzipped) is loaded only once a photo has been chosen, so that the
// public page's first load stays small for the many who send none.
import { useRef } from 'react';
import { Button } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { PHOTO_ACCEPT } from '../utils/photos.ts';

export function PhotoButton({
  id,
  onPick,
  onOpen,
}: {
  id: string;
  onPick: (files: File[]) => void;
  onOpen?: () => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        id={id}
        type="file"
        accept={PHOTO_ACCEPT}
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          onPick([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      <Button
        icon={<CameraOutlined aria-hidden />}
        onClick={() => {
          onOpen?.();
          input.current?.click();
        }}
      >
        {t('intake.photoAdd')}
      </Button>
    </>
  );
}
