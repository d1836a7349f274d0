// /policy — policy staff: the library of documents (文号, issuer, category, level, dates) and their items, filtered by
// category, department and text (kept in the URL); an item opens its rule versions, editor and test panel.
import { Link, useSearchParams } from 'react-router';
import { Col, Input, Row, Select, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAllPolicyItems, usePolicyDocuments } from '../../modules/policy/hooks/useLibrary.ts';
import { usePolicyText } from '../../modules/policy/hooks/usePolicyText.ts';
import type { PolicyDocumentView, PolicyItemView } from '../../modules/policy/types.ts';
import { departmentsOf, filterDocuments, filterItems } from '../../modules/policy/utils/library.ts';

const CATEGORIES = [
  'tech',
  'industry',
  'digital',
  'green',
  'talent',
  'employment',
  'finance',
  'listing',
  'commerce',
  'trade',
  'relief',
];

export default function PolicyLibraryPage() {
  const { t } = usePolicyText();
  const [params, setParams] = useSearchParams();
  const filter = {
    category: params.get('category') ?? undefined,
    department: params.get('department') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const docs = usePolicyDocuments();
  const items = useAllPolicyItems();
  const allItems = items.data ?? [];
  const allDocs = docs.data ?? [];
  const shownItems = filterItems(allItems, allDocs, filter);
  const shownDocs = filterDocuments(allDocs, allItems, filter);
  const numbers = new Map(allDocs.map((d) => [d.id, d.number]));
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const itemColumns = [
    {
      title: t('library.name'),
      key: 'name',
      render: (_: unknown, i: PolicyItemView) => <Link to={`/policy/items/${i.id}`}>{i.name}</Link>,
    },
    {
      title: t('library.number'),
      key: 'doc',
      responsive: ['lg' as const],
      render: (_: unknown, i: PolicyItemView) => numbers.get(i.documentId) ?? i.documentId,
    },
    { title: t('library.category'), dataIndex: 'category', render: (c: string) => t(`library.categories.${c}`) },
    { title: t('library.department'), dataIndex: 'department' },
    {
      title: t('library.delivery'),
      dataIndex: 'delivery',
      responsive: ['md' as const],
      render: (d: string) => t(`calculator.deliveryMode.${d}`),
    },
    {
      title: t('library.rule'),
      key: 'rule',
      render: (_: unknown, i: PolicyItemView) => (
        <>
          {i.currentRule ? (
            <Tag color="blue">{t('item.version', { version: i.currentRule.version })}</Tag>
          ) : (
            <Tag>{t('library.noRule')}</Tag>
          )}
          {i.active ? null : <Tag color="default">{t('library.inactive')}</Tag>}
        </>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={3}>{t('library.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('library.intro')}</Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <Input.Search
            allowClear
            defaultValue={filter.q}
            placeholder={t('library.search')}
            onSearch={(v) => set('q', v.trim() || undefined)}
            data-testid="library-search"
          />
        </Col>
        <Col xs={12} md={8}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('library.allCategories')}
            value={filter.category}
            onChange={(v?: string) => set('category', v)}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`library.categories.${c}`) }))}
            data-testid="library-category"
          />
        </Col>
        <Col xs={12} md={8}>
          <Select
            allowClear
            showSearch
            style={{ width: '100%' }}
            placeholder={t('library.allDepartments')}
            value={filter.department}
            onChange={(v?: string) => set('department', v)}
            options={departmentsOf(allItems).map((d) => ({ value: d, label: d }))}
            data-testid="library-department"
          />
        </Col>
      </Row>
      {docs.error ? <ErrorAlert error={docs.error} /> : null}
      {items.error ? <ErrorAlert error={items.error} /> : null}
      <Typography.Title level={5}>{t('library.items', { n: shownItems.length })}</Typography.Title>
      <div data-testid="library-items">
        <Table<PolicyItemView>
          rowKey="id"
          size="small"
          loading={items.isLoading}
          dataSource={shownItems}
          columns={itemColumns}
          pagination={{ pageSize: 20, showSizeChanger: true }}
          scroll={{ x: 'max-content' }}
        />
      </div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('library.documents', { n: shownDocs.length })}
      </Typography.Title>
      <div data-testid="library-documents">
        <Table<PolicyDocumentView>
          rowKey="id"
          size="small"
          loading={docs.isLoading}
          dataSource={shownDocs}
          pagination={{ pageSize: 10 }}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (d) => (
              <Table<PolicyItemView>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={filterItems(allItems, allDocs, filter).filter((i) => i.documentId === d.id)}
                columns={itemColumns.filter((c) => c.key !== 'doc')}
              />
            ),
          }}
          columns={[
            {
              title: t('library.number'),
              dataIndex: 'number',
              render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span>,
            },
            { title: t('library.docTitle'), dataIndex: 'title' },
            { title: t('library.issuer'), dataIndex: 'issuer', responsive: ['md'] },
            {
              title: t('library.category'),
              dataIndex: 'category',
              render: (c: string) => t(`library.categories.${c}`),
            },
            {
              title: t('library.level'),
              dataIndex: 'level',
              responsive: ['lg'],
              render: (l: string) => t(`library.levels.${l}`),
            },
            { title: t('library.issuedOn'), dataIndex: 'issuedOn', responsive: ['lg'] },
            {
              title: t('library.effective'),
              key: 'effective',
              render: (_: unknown, d) => (
                <span
                  style={{ whiteSpace: 'nowrap' }}
                >{`${d.effectiveFrom} – ${d.effectiveTo ?? t('library.openEnded')}`}</span>
              ),
            },
            { title: t('library.itemCount'), dataIndex: 'itemCount', align: 'right' },
          ]}
        />
      </div>
    </>
  );
}
