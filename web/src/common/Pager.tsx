import { Group, Pagination } from '@mantine/core';

/**
 * The page numbers under a list, shown only when there is more than one page; every control has
 * a name a screen reader can say ("Page 3", "Previous page", "Next page").
 */
export function Pager({
  total,
  pageSize,
  page,
  onChange,
}: {
  /** How many items the whole list has. */
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
}) {
  if (total <= pageSize) return null;
  return (
    <Group justify="center">
      <Pagination
        total={Math.ceil(total / pageSize)}
        value={page}
        onChange={onChange}
        getItemProps={(item) => ({ 'aria-label': `Page ${item}` })}
        getControlProps={(control) =>
          control === 'previous'
            ? { 'aria-label': 'Previous page' }
            : control === 'next'
              ? { 'aria-label': 'Next page' }
              : {}
        }
      />
    </Group>
  );
}
