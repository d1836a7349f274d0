// Picks a category from the tree level by level (one select per level): light enough for the public intake bundle,
// and easy with a thumb at phone width.
import { Flex, Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { categoryLevels, categoryPath, type TreeOption } from '../utils/categoryTree.ts';

interface Props {
  tree: TreeOption[];
  value?: string;
  onChange?: (id: string | undefined) => void;
  loading?: boolean;
  id?: string;
}

export function CategoryPicker({ tree, value, onChange, loading, id }: Props) {
  const { t } = useI18n();
  const path = categoryPath(tree, value);
  const levels = categoryLevels(tree, path);
  return (
    <Flex vertical gap={8} data-testid="category">
      {levels.map((options, depth) => (
        <Select
          key={depth}
          id={depth === 0 ? id : undefined}
          aria-label={`${t('fields.category')} ${depth + 1}`}
          data-testid={`category-level-${depth}`}
          loading={loading && depth === 0}
          placeholder={t('intake.pickCategory')}
          value={path[depth]}
          allowClear={depth > 0}
          showSearch={{ optionFilterProp: 'label' }}
          options={options.map((o) => ({ value: o.value, label: o.title }))}
          // Choosing at a level selects that category; clearing a sub-level goes back to its parent.
          onChange={(next?: string) => onChange?.(next ?? path[depth - 1])}
        />
      ))}
    </Flex>
  );
}
