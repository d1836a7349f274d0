// Case clues with their evidence timeline; inspectors follow them up or close them with a note.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Drawer, Flex, Input, Segmented, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { EventTimeline } from '../../items/components/EventTimeline.tsx';
import { useClue, useClueAction, useClues, type ClueView } from '../hooks/useDiscipline.ts';

const STATUSES = ['open', 'following', 'closed'] as const;

function ClueDrawer({ id, canManage, onClose }: { id: string; canManage: boolean; onClose: () => void }) {
  const { t, formatDateTime } = useI18n();
  const clue = useClue(id);
  const act = useClueAction(id);
  const [note, setNote] = useState('');
  const d = clue.data;
  return (
    <Drawer
      open
      size="large"
      onClose={onClose}
      title={d ? `${d.ledgerNo ?? ''} ${d.itemTitle ?? ''}` : t('common.loading')}
    >
      {clue.error ? <ErrorAlert error={clue.error} /> : null}
      {d ? (
        <Flex vertical gap={12}>
          <div>
            <Tag>{t(`discipline.status.${d.status}`)}</Tag> {d.rule} · {d.reason}
          </div>
          {d.notes.map((n) => (
            <Typography.Paragraph key={n.at} style={{ marginBottom: 0 }}>
              {formatDateTime(n.at)} {t(`discipline.${n.action}`)}: {n.note}
            </Typography.Paragraph>
          ))}
          {canManage && d.status !== 'closed' ? (
            <Flex vertical gap={8}>
              <Input.TextArea
                rows={2}
                aria-label={t('fields.note')}
                placeholder={t('fields.note')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              {act.error ? <ErrorAlert error={act.error} /> : null}
              <Flex gap={8}>
                <Button
                  type="primary"
                  disabled={!note.trim()}
                  loading={act.isPending}
                  onClick={() => act.mutate({ action: 'follow', note }, { onSuccess: () => setNote('') })}
                >
                  {t('discipline.follow')}
                </Button>
                <Button
                  danger
                  disabled={!note.trim()}
                  loading={act.isPending}
                  onClick={() => act.mutate({ action: 'close', note }, { onSuccess: () => setNote('') })}
                >
                  {t('discipline.close')}
                </Button>
              </Flex>
            </Flex>
          ) : null}
          <Typography.Title level={5}>{t('discipline.evidence')}</Typography.Title>
          <EventTimeline events={d.events} />
        </Flex>
      ) : null}
    </Drawer>
  );
}

export function CluesPanel({ canManage }: { canManage: boolean }) {
  const { t, formatDateTime } = useI18n();
  const [status, setStatus] = useState<string>('open');
  const [open, setOpen] = useState<string | null>(null);
  const clues = useClues(status);
  return (
    <Flex vertical gap={12}>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as string)}
        options={STATUSES.map((s) => ({ value: s, label: t(`discipline.status.${s}`) }))}
      />
      {clues.error ? <ErrorAlert error={clues.error} /> : null}
      <Table<ClueView>
        size="small"
        rowKey="id"
        loading={clues.isPending}
        dataSource={clues.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          {
            key: 'ledgerNo',
            title: t('ledger.columns.ledgerNo'),
            render: (_: unknown, c) => (c.itemId ? <Link to={`/items/${c.itemId}`}>{c.ledgerNo}</Link> : '—'),
            width: 150,
          },
          { key: 'title', title: t('ledger.columns.title'), dataIndex: 'itemTitle', ellipsis: true },
          { key: 'department', title: t('ledger.columns.department'), dataIndex: 'departmentName', width: 160 },
          { key: 'rule', title: t('discipline.rule'), dataIndex: 'rule', width: 140 },
          { key: 'reason', title: t('fields.reason'), dataIndex: 'reason', ellipsis: true },
          {
            key: 'createdAt',
            title: t('intake.submittedAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
            width: 150,
          },
          {
            key: 'open',
            width: 90,
            render: (_: unknown, c) => (
              <Button size="small" onClick={() => setOpen(c.id)}>
                {t('discipline.evidence')}
              </Button>
            ),
          },
        ]}
      />
      {open ? <ClueDrawer id={open} canManage={canManage} onClose={() => setOpen(null)} /> : null}
    </Flex>
  );
}
