import { Center, Group, Loader, Pagination, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Page } from '../../shared/api/define';

export interface Column<R> {
  readonly key: string;
  readonly header: string;
  /** Server-side sort key; a header without one is not clickable. */
  readonly sortKey?: string;
  readonly align?: 'left' | 'right';
  /** Never wraps or shrinks (numbers, status badges): the other columns give way instead. */
  readonly nowrap?: boolean;
  readonly render: (row: R) => ReactNode;
}

/**
 * A badge clips its text to fit a narrow column (AKTIV → „AK…“) and a number breaks at its
 * hyphens; at its full width the cell cannot be squeezed.
 */
function Unbreakable({ children }: { children: ReactNode }) {
  return <span style={{ display: 'inline-block', width: 'max-content', whiteSpace: 'nowrap' }}>{children}</span>;
}

export interface SortState {
  readonly sort: string;
  readonly direction: 'asc' | 'desc';
}

export interface DataTableProps<R> {
  readonly columns: readonly Column<R>[];
  readonly page: Page<R> | undefined;
  readonly loading?: boolean;
  readonly sort?: SortState;
  readonly onSort?: (sort: SortState) => void;
  readonly onOffset?: (offset: number) => void;
  readonly onRowClick?: (row: R) => void;
  readonly rowKey: (row: R) => string | number;
  readonly emptyText?: string;
  readonly testId?: string;
}

/** A server-paged table: the page comes from main, sorting and paging ask main again. */
export function DataTable<R>(props: DataTableProps<R>) {
  const { columns, page, sort, onSort, onOffset, onRowClick, rowKey } = props;
  const pages = page ? Math.max(1, Math.ceil(page.total / page.limit)) : 1;
  const current = page ? Math.floor(page.offset / page.limit) + 1 : 1;
  return (
    <div data-testid={props.testId}>
      <Table striped highlightOnHover={Boolean(onRowClick)} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} style={{ textAlign: c.align ?? 'left' }}>
                {c.sortKey && onSort ? (
                  <UnstyledButton
                    fw={600}
                    onClick={() =>
                      onSort({
                        sort: c.sortKey ?? c.key,
                        direction: sort?.sort === c.sortKey && sort?.direction === 'asc' ? 'desc' : 'asc',
                      })
                    }
                  >
                    {c.header}
                    {sort?.sort === c.sortKey ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </UnstyledButton>
                ) : (
                  c.header
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {page?.rows.map((row) => (
            <Table.Tr
              key={rowKey(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              style={onRowClick ? { cursor: 'pointer' } : undefined}
            >
              {columns.map((c) => (
                <Table.Td key={c.key} style={{ textAlign: c.align ?? 'left' }}>
                  {c.nowrap ? <Unbreakable>{c.render(row)}</Unbreakable> : c.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!page && props.loading && (
        <Center p="md">
          <Loader size="sm" />
        </Center>
      )}
      {page && page.rows.length === 0 && (
        <Text c="dimmed" ta="center" p="md">
          {props.emptyText ?? 'Keine Einträge'}
        </Text>
      )}
      {page && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed" data-testid="table-total">
            {page.total.toLocaleString('de-DE')} Einträge
          </Text>
          {pages > 1 && onOffset && (
            <Pagination total={pages} value={current} onChange={(p) => onOffset((p - 1) * page.limit)} size="sm" />
          )}
        </Group>
      )}
    </div>
  );
}
