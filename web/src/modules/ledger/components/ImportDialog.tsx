// Excel import of offline registrations: the template, the upload, and the server's row-by-row report.
import { useState } from 'react';
import { Alert, Button, Flex, Modal, Table, Tag } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

interface ImportReport {
  imported: number;
  rejected: number;
  rows: { row: number; ok: boolean; ledgerNo?: string; errors?: { column: string; message: string }[] }[];
}

export function ImportDialog() {
  const { t, issue } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      form.append('file', f);
      return api<ImportReport>('POST', '/api/items/import', form);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['items', 'list'] }),
  });
  const report = upload.data;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="import-open">
        {t('ledger.import.button')}
      </Button>
      <Modal
        open={open}
        title={t('ledger.import.title')}
        footer={null}
        width={720}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Flex vertical gap={12}>
          <a href="/api/items/import-template.xlsx">{t('ledger.import.template')}</a>
          <Flex gap={8} align="center" wrap>
            <input
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-label={t('ledger.import.file')}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <Button
              type="primary"
              disabled={!file}
              loading={upload.isPending}
              onClick={() => file && upload.mutate(file)}
            >
              {t('ledger.import.upload')}
            </Button>
          </Flex>
          {upload.error ? <ErrorAlert error={upload.error} /> : null}
          {report ? (
            <>
              <Alert
                type={report.rejected ? 'warning' : 'success'}
                showIcon
                title={t('ledger.import.result', { ok: report.imported, bad: report.rejected })}
              />
              <Table
                size="small"
                rowKey="row"
                dataSource={report.rows}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { key: 'row', title: t('ledger.import.row'), dataIndex: 'row', width: 64 },
                  {
                    key: 'ok',
                    width: 90,
                    render: (_: unknown, r) =>
                      r.ok ? (
                        <Tag color="green">{r.ledgerNo}</Tag>
                      ) : (
                        <Tag color="red">{t('ledger.import.rejected')}</Tag>
                      ),
                  },
                  {
                    key: 'errors',
                    render: (_: unknown, r) =>
                      (r.errors ?? []).map((e) => `${e.column}: ${issue(e.message)}`).join('; '),
                  },
                ]}
              />
            </>
          ) : null}
        </Flex>
      </Modal>
    </>
  );
}
