// The form that raises a problem: used by the public intake (no account) and by staff registering on someone's behalf.
// Checked on the client with the same shared schema as the server; the server's 400 issues land at their fields.
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Button, Checkbox, Input, Radio, Select } from 'antd';
import { CHANNELS, ITEM_TYPES, REQUESTER_KINDS, TIERS } from '@tingquan/common/enums';
import type { IntakeReceipt } from '@tingquan/common/schemas/items';
import { fieldErrorsOf } from '../../../api/errors.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Section } from '../../../components/Section.tsx';
import { Field } from '../../../components/forms/Field.tsx';
import { errorsByName, nest, type FlatValues } from '../../../components/forms/flatForm.ts';
import { dropEmpty, validateWith } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { usePublicLookups } from '../../lookups/hooks/usePublicLookups.ts';
import { useSubmitItem } from '../hooks/useSubmitItem.ts';
import { useUploadPhotos, type PhotoOutcome } from '../hooks/useUploadPhotos.ts';
import { categoryTreeOptions } from '../utils/categoryTree.ts';
import { PHOTO_LIMIT_VARS, admitPhotos, type PhotoProblem } from '../utils/photos.ts';
import { CategoryPicker } from './CategoryPicker.tsx';
import { PhotoButton } from './PhotoButton.tsx';

interface Props {
  mode: 'public' | 'staff';
  /** The receipt, with what became of the photos when some were chosen. */
  onDone: (receipt: IntakeReceipt & { photos?: PhotoOutcome }) => void;
}

const loadPhotoPicker = () => import('./PhotoPicker.tsx');
// The picture list and preview come once there is a photo to show (see PhotoButton).
const PhotoPicker = lazy(() => loadPhotoPicker().then((m) => ({ default: m.PhotoPicker })));

const STAFF_CHANNELS = CHANNELS.filter((c) => c !== 'api');
/** Fields that depend on another: changing the key clears them. */
const DEPENDENTS: Record<string, string[]> = { districtId: ['centreId', 'windowId'], centreId: ['windowId'] };

export function ItemForm({ mode, onDone }: Props) {
  const { t, issue, lang } = useI18n();
  const lookups = usePublicLookups();
  const submit = useSubmitItem(mode);
  const uploadPhotos = useUploadPhotos(mode);
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoProblems, setPhotoProblems] = useState<PhotoProblem[]>([]);
  const [values, setValues] = useState<FlatValues>(() => ({
    type: 'complaint',
    confidential: false,
    'requester.kind': 'person',
    ...(mode === 'staff' ? { channel: 'window' } : {}),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<unknown>(null);

  const set = (name: string, value: unknown) => {
    setValues((v) => {
      const next = { ...v, [name]: value };
      for (const d of DEPENDENTS[name] ?? []) delete next[d];
      return next;
    });
    setErrors((e) => {
      if (!(name in e)) return e;
      const { [name]: _gone, ...rest } = e;
      return rest;
    });
  };
  const str = (name: string) => (values[name] as string | undefined) ?? undefined;
  const status = (name: string) => (errors[name] ? ('error' as const) : undefined);
  const described = (name: string) => (errors[name] ? `f-${name}-error` : undefined);

  const kind = str('requester.kind') ?? 'person';
  const centres = (lookups.data?.centres ?? []).filter((c) => !values.districtId || c.districtId === values.districtId);
  const windows = lookups.data?.centres.find((c) => c.id === values.centreId)?.windows ?? [];

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitError(null);
    const flat: FlatValues = { ...values };
    // Fields hidden for this kind of requester are not sent.
    if (kind !== 'enterprise') delete flat['requester.organization'], delete flat['requester.uscc'];
    if (kind === 'anonymous') delete flat['requester.name'], delete flat['requester.phone'];
    if (mode === 'public') flat.channel = window.matchMedia?.('(max-width: 767px)').matches ? 'mobile' : 'web';
    const body = dropEmpty(nest(flat));
    // The schemas (and Zod) are fetched on the first submit: they would add ~27 KB gzipped to the page's first load.
    const { publicIntakeBody, registerItemBody } = await import('@tingquan/common/schemas/items');
    const checked = validateWith<unknown>(mode === 'public' ? publicIntakeBody : registerItemBody, body, issue);
    if (!checked.ok) {
      setErrors(errorsByName(checked.errors));
      document.getElementById(`f-${checked.errors[0].name.join('.')}`)?.focus();
      return;
    }
    let receipt: IntakeReceipt;
    try {
      receipt = await submit.mutateAsync(checked.data);
    } catch (err) {
      setErrors(errorsByName(fieldErrorsOf(err, issue)));
      setSubmitError(err);
      return;
    }
    // The problem is recorded whatever happens to its photos: the receipt says which could not be sent.
    onDone(
      photos.length ? { ...receipt, photos: await uploadPhotos.mutateAsync({ receipt, files: photos }) } : receipt,
    );
  }

  const id = (name: string) => `f-${name}`;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="item-form">
      {lookups.error ? <ErrorAlert error={lookups.error} /> : null}
      <Section title={t('intake.sectionProblem')}>
        {mode === 'staff' ? (
          <Field id={id('channel')} label={t('fields.channel')} required error={errors.channel}>
            <Select
              id={id('channel')}
              style={{ width: '100%' }}
              value={str('channel')}
              onChange={(v) => set('channel', v)}
              options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))}
            />
          </Field>
        ) : null}
        <Field id={id('type')} label={t('fields.type')} required error={errors.type}>
          <Radio.Group
            id={id('type')}
            aria-label={t('fields.type')}
            optionType="button"
            value={str('type')}
            onChange={(e) => set('type', e.target.value)}
            options={ITEM_TYPES.map((v) => ({ value: v, label: t(`enums.type.${v}`) }))}
          />
        </Field>
        <Field id={id('categoryId')} label={t('fields.category')} required error={errors.categoryId}>
          <CategoryPicker
            id={id('categoryId')}
            tree={categoryTreeOptions(lookups.data?.categories ?? [], lang === 'en-US')}
            loading={lookups.isPending}
            value={str('categoryId')}
            onChange={(v) => set('categoryId', v)}
          />
        </Field>
        <Field id={id('title')} label={t('fields.title')} required error={errors.title}>
          <Input
            id={id('title')}
            status={status('title')}
            aria-describedby={described('title')}
            placeholder={t('fields.titlePlaceholder')}
            value={str('title')}
            onChange={(e) => set('title', e.target.value)}
          />
        </Field>
        <Field id={id('description')} label={t('fields.description')} required error={errors.description}>
          <Input.TextArea
            id={id('description')}
            status={status('description')}
            aria-describedby={described('description')}
            rows={5}
            placeholder={t('fields.descriptionPlaceholder')}
            value={str('description')}
            onChange={(e) => set('description', e.target.value)}
          />
        </Field>
        <Field
          id={id('photos')}
          label={t('intake.photos')}
          help={t('intake.photosHelp', PHOTO_LIMIT_VARS)}
          error={photoProblems.map((p) => t(p.key, { name: p.name, ...PHOTO_LIMIT_VARS })).join(' · ') || undefined}
        >
          {photos.length ? (
            <Suspense fallback={<span>{t('common.loading')}</span>}>
              <PhotoPicker id={id('photos')} files={photos} onChange={setPhotos} onProblems={setPhotoProblems} />
            </Suspense>
          ) : (
            <PhotoButton
              id={id('photos')}
              onOpen={() => void loadPhotoPicker()}
              onPick={(picked) => {
                const { accepted, problems } = admitPhotos([], picked);
                setPhotoProblems(problems);
                setPhotos(accepted);
              }}
            />
          )}
        </Field>
        {mode === 'staff' ? (
          <Field id={id('tier')} label={t('fields.tier')} error={errors.tier}>
            <Select
              id={id('tier')}
              allowClear
              style={{ width: '100%' }}
              value={str('tier')}
              onChange={(v) => set('tier', v)}
              options={TIERS.map((v) => ({ value: v, label: t(`enums.tier.${v}`) }))}
            />
          </Field>
        ) : null}
      </Section>

      <Section title={t('intake.sectionPlace')}>
        <Field id={id('districtId')} label={t('fields.district')} error={errors.districtId}>
          <Select
            id={id('districtId')}
            style={{ width: '100%' }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('intake.pickPlace')}
            value={str('districtId')}
            onChange={(v) => set('districtId', v)}
            options={(lookups.data?.districts ?? []).map((d) => ({
              value: d.id,
              label: lang === 'en-US' && d.nameEn ? d.nameEn : d.name,
            }))}
          />
        </Field>
        <Field id={id('centreId')} label={t('fields.centre')} error={errors.centreId}>
          <Select
            id={id('centreId')}
            style={{ width: '100%' }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('intake.pickPlace')}
            value={str('centreId')}
            onChange={(v) => set('centreId', v)}
            options={centres.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Field>
        <Field id={id('windowId')} label={t('fields.window')} error={errors.windowId}>
          <Select
            id={id('windowId')}
            style={{ width: '100%' }}
            allowClear
            placeholder={t('intake.pickPlace')}
            disabled={!values.centreId}
            value={str('windowId')}
            onChange={(v) => set('windowId', v)}
            options={windows.map((w) => ({ value: w.id, label: w.name }))}
          />
        </Field>
        <Field id={id('placeText')} label={t('fields.placeText')} error={errors.placeText}>
          <Input
            id={id('placeText')}
            status={status('placeText')}
            value={str('placeText')}
            onChange={(e) => set('placeText', e.target.value)}
          />
        </Field>
      </Section>

      <Section title={t('intake.sectionContact')}>
        <Field id={id('requester.kind')} label={t('fields.requesterKind')} required error={errors['requester.kind']}>
          <Radio.Group
            id={id('requester.kind')}
            aria-label={t('fields.requesterKind')}
            optionType="button"
            value={kind}
            onChange={(e) => set('requester.kind', e.target.value)}
            options={REQUESTER_KINDS.map((v) => ({ value: v, label: t(`enums.requesterKind.${v}`) }))}
          />
        </Field>
        {kind === 'enterprise' ? (
          <>
            <Field
              id={id('requester.organization')}
              label={t('fields.organization')}
              required
              error={errors['requester.organization']}
            >
              <Input
                id={id('requester.organization')}
                status={status('requester.organization')}
                autoComplete="organization"
                value={str('requester.organization')}
                onChange={(e) => set('requester.organization', e.target.value)}
              />
            </Field>
            <Field id={id('requester.uscc')} label={t('fields.uscc')} error={errors['requester.uscc']}>
              <Input
                id={id('requester.uscc')}
                status={status('requester.uscc')}
                maxLength={18}
                value={str('requester.uscc')}
                onChange={(e) => set('requester.uscc', e.target.value.toUpperCase())}
              />
            </Field>
          </>
        ) : null}
        {kind !== 'anonymous' ? (
          <>
            <Field id={id('requester.name')} label={t('fields.name')} error={errors['requester.name']}>
              <Input
                id={id('requester.name')}
                status={status('requester.name')}
                autoComplete="name"
                value={str('requester.name')}
                onChange={(e) => set('requester.name', e.target.value)}
              />
            </Field>
            <Field id={id('requester.phone')} label={t('fields.phone')} required error={errors['requester.phone']}>
              <Input
                id={id('requester.phone')}
                status={status('requester.phone')}
                inputMode="tel"
                maxLength={14}
                autoComplete="tel"
                value={str('requester.phone')}
                onChange={(e) => set('requester.phone', e.target.value)}
              />
            </Field>
          </>
        ) : null}
        <Field id={id('confidential')} label={t('fields.confidential')}>
          <Checkbox
            id={id('confidential')}
            checked={values.confidential === true}
            onChange={(e) => set('confidential', e.target.checked)}
          >
            {t('fields.confidentialHelp')}
          </Checkbox>
        </Field>
      </Section>

      {submitError ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={submitError} />
        </div>
      ) : null}
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={submit.isPending || uploadPhotos.isPending}
        data-testid="submit-item"
      >
        {mode === 'public' ? t('intake.submit') : t('register.submit')}
      </Button>
    </form>
  );
}
