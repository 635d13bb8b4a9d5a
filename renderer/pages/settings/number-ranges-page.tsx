import { Button, Card, Code, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { NumberRangeDto } from '../../../shared/api/number-ranges';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { useAction, useCall } from '../../components/use-call';

function RangeRow({ range, onSaved }: { range: NumberRangeDto; onSaved: () => void }) {
  const [format, setFormat] = useState(range.format);
  const [startValue, setStartValue] = useState(range.startValue);
  const save = useAction(async () => {
    await call('numberRanges.update', { key: range.key, format, startValue });
    onSaved();
  });
  const changed = format !== range.format || startValue !== range.startValue;
  return (
    <Table.Tr data-testid={`range-${range.key}`}>
      <Table.Td>
        <Text fw={600}>{range.label}</Text>
      </Table.Td>
      <Table.Td>
        <TextInput value={format} onChange={(e) => setFormat(e.currentTarget.value)} error={save.error?.fieldErrors().format} aria-label={`Format ${range.label}`} />
      </Table.Td>
      <Table.Td w={120}>
        <NumberInput
          value={startValue}
          min={0}
         
          allowDecimal={false}
          onChange={(v) => setStartValue(Number(v) || 0)}
          error={save.error?.fieldErrors().startValue}
          aria-label={`Startwert ${range.label}`}
        />
      </Table.Td>
      <Table.Td>
        <Code data-testid="range-next">{range.nextPreview}</Code>
      </Table.Td>
      <Table.Td>{range.issuedInPeriod.toLocaleString('de-DE')}</Table.Td>
      <Table.Td>
        <Button size="xs" disabled={!changed} loading={save.busy} onClick={() => void save.run()}>
          Speichern
        </Button>
        {save.error && Object.keys(save.error.fieldErrors()).length === 0 && <ErrorAlert error={save.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

export function NumberRangesPage() {
  const ranges = useCall('numberRanges.list', {}, ['settings', 'billing']);
  return (
    <Page title="Nummernkreise">
      <Stack gap="xs">
        <Text c="dimmed">
          Nummern werden lückenlos und eindeutig vergeben, in derselben Transaktion wie der Beleg. Platzhalter: <Code>{'{YYYY}'}</Code> Jahr,{' '}
          <Code>{'{YY}'}</Code> Jahr zweistellig, <Code>{'{MM}'}</Code> Monat, <Code>{'{NNNNNN}'}</Code> Zähler mit führenden Nullen. Enthält das Format
          das Jahr, beginnt der Zähler jedes Jahr beim Startwert neu. Ein Nummernkreis läuft nie zurück: Ein Startwert über der zuletzt vergebenen
          Nummer gilt sofort (etwa beim Umstieg aus einem anderen Programm), ein niedrigerer erst, wenn der Zähler neu beginnt.
        </Text>
      </Stack>
      <ErrorAlert error={ranges.error} />
      <Card withBorder>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Nummernkreis</Table.Th>
              <Table.Th>Format</Table.Th>
              <Table.Th>Startwert</Table.Th>
              <Table.Th>Nächste Nummer</Table.Th>
              <Table.Th>Vergeben (Zeitraum)</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ranges.data?.map((r) => <RangeRow key={`${r.key}-${r.format}-${r.startValue}`} range={r} onSaved={ranges.reload} />)}
          </Table.Tbody>
        </Table>
      </Card>
      <Group />
    </Page>
  );
}
