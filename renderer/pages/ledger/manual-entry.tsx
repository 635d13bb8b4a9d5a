// Customer → Konten → "Manuelle Kontobuchung erfassen": Gutschrift (credit) or Belastung (debit).
import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MANUAL_ENTRY_LABELS, MANUAL_ENTRY_TYPES } from '../../../shared/api/ledger';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { Money } from '../../components/format';
import { useAction, useCall } from '../../components/use-call';
import { DateField, isoOf } from '../billing/date-field';

type EntryType = (typeof MANUAL_ENTRY_TYPES)[number];

function ManualEntryForm({ customerId, onDone }: { customerId: number; onDone: () => void }) {
  const [type, setType] = useState<EntryType>('MANUAL_CREDIT');
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState('');
  const [text, setText] = useState('');
  const save = useAction(async () => {
    await call('ledger.book', { customerId, type, amount, date: isoOf(date), text });
    onDone();
  });
  const errors = save.error?.fieldErrors() ?? {};
  return (
    <Stack>
      <SegmentedControl
        value={type}
        onChange={(v) => setType(v as EntryType)}
        data={MANUAL_ENTRY_TYPES.map((t) => ({ value: t, label: MANUAL_ENTRY_LABELS[t] }))}
        data-testid="manual-entry-type"
      />
      <Text size="sm" c="dimmed">
        {type === 'MANUAL_CREDIT' ? 'Gutschrift: mindert die Forderung bzw. wird Guthaben des Kunden (z. B. Zahlung ohne Rechnungsbezug, Kulanz).' : 'Belastung: erhöht die Forderung an den Kunden (z. B. Gebühr).'}
      </Text>
      <Group align="start">
        <TextInput label="Betrag" placeholder="0,00" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amount} required w={150} data-testid="manual-entry-amount" />
        <DateField label="Buchungsdatum" value={date} onChange={setDate} error={errors.date} required testId="manual-entry-date" />
      </Group>
      <TextInput label="Buchungstext" value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} required data-testid="manual-entry-text" />
      <ErrorAlert error={save.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Abbrechen
        </Button>
        <Button onClick={() => void save.run()} loading={save.busy} data-testid="manual-entry-save">
          Buchen
        </Button>
      </Group>
    </Stack>
  );
}

/** Button + dialog, plus the customer's Guthaben and open items. */
export function ManualEntryButton({ customerId }: { customerId: number }) {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(0);
  const overview = useCall('ledger.overview', { customerId, limit: 1 }, ['ledger', 'billing', 'bank', 'customers']);
  return (
    <>
      {overview.data ? (
        <Group gap="xs">
          <Text c="dimmed">Guthaben:</Text>
          <Money value={overview.data.credit} data-testid="account-credit" />
          <Text c="dimmed">Offene Posten:</Text>
          <Money value={overview.data.openItems} data-testid="account-open-items" />
        </Group>
      ) : null}
      <Button
        variant="light"
        onClick={() => {
          setKey((k) => k + 1);
          setOpen(true);
        }}
        data-testid="manual-entry-open"
      >
        Manuelle Kontobuchung erfassen
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Manuelle Kontobuchung erfassen" size="lg">
        <ManualEntryForm key={key} customerId={customerId} onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}
