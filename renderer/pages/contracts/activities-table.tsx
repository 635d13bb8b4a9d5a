import { ActionIcon, Badge, Text, Tooltip } from '@mantine/core';
import { ACTIVITY_ORIGIN_LABELS, ACTIVITY_STATE_LABELS, type ActivityRow } from '../../../shared/api/contracts';
import type { Page as PageOf } from '../../../shared/api/define';
import { formatPeriod } from '../../../shared/dates';
import { dec, formatDecimal } from '../../../shared/money';
import { call } from '../../api/client';
import { DataTable, type Column } from '../../components/data-table';
import { DateText, Money } from '../../components/format';

const STATE_COLORS = { OPEN: 'blue', BILLED: 'green', VOIDED: 'gray' } as const;

/**
 * Customer names and descriptions run long: at most three lines, broken anywhere, the whole text
 * on hover, so the table fits 1280 px with its delete column. Long headers may hyphenate (\u00AD).
 */
function LongText({ text }: { text: string }) {
  return (
    <Text size="sm" lineClamp={3} maw={260} title={text} style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}

/** The Leistungen table: unbilled rows can be deleted with the X symbol. */
export function ActivitiesTable(props: {
  page: PageOf<ActivityRow> | undefined;
  loading: boolean;
  onOffset: (offset: number) => void;
  showContract?: boolean;
  onError: (e: unknown) => void;
}) {
  const columns: Column<ActivityRow>[] = [
    { key: 'due', header: 'Fällig', render: (r) => <DateText value={r.dueDate} /> },
    ...(props.showContract === false
      ? []
      : [
          { key: 'contract', header: 'Vertrag', nowrap: true, render: (r: ActivityRow) => r.contractNumber },
          { key: 'customer', header: 'Kunde', render: (r: ActivityRow) => <LongText text={r.customerName} /> },
        ]),
    { key: 'origin', header: 'Herkunft', render: (r) => ACTIVITY_ORIGIN_LABELS[r.origin] },
    { key: 'text', header: 'Leistung', render: (r) => <LongText text={r.description} /> },
    { key: 'period', header: 'Leistungs\u00ADzeitraum', nowrap: true, render: (r) => formatPeriod(r.periodStart, r.periodEnd) },
    { key: 'qty', header: 'Menge', align: 'right', render: (r) => formatDecimal(dec(r.quantity), Math.max(0, dec(r.quantity).decimalPlaces())) },
    { key: 'net', header: 'Netto', align: 'right', render: (r) => <Money value={r.net} currency={r.currency} /> },
    {
      key: 'state',
      header: 'Abge\u00ADrechnet',
      nowrap: true,
      render: (r) => <Badge color={STATE_COLORS[r.state]} variant="light">{ACTIVITY_STATE_LABELS[r.state]}</Badge>,
    },
    {
      key: 'delete',
      header: '',
      render: (r) =>
        r.state === 'OPEN' ? (
          <Tooltip label="Nicht abgerechnete Leistung löschen">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Leistung ${r.description} löschen`}
              data-testid="activity-delete"
              onClick={(e) => {
                e.stopPropagation();
                call('activities.delete', { id: r.id }).catch(props.onError);
              }}
            >
              ✕
            </ActionIcon>
          </Tooltip>
        ) : null,
    },
  ];
  return (
    <DataTable
      testId="activity-table"
      columns={columns}
      page={props.page}
      loading={props.loading}
      onOffset={props.onOffset}
      rowKey={(r) => r.id}
      emptyText="Keine Leistungen"
    />
  );
}
