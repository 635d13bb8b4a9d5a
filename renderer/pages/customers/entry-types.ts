export const ENTRY_TYPE_LABELS: Readonly<Record<string, string>> = {
  INVOICE: 'Rechnung',
  CANCELLATION: 'Storno',
  PAYMENT: 'Zahlung',
  MANUAL_CREDIT: 'Gutschrift',
  MANUAL_DEBIT: 'Belastung',
  DIRECT_DEBIT_RETURN: 'Rücklastschrift',
  FEE: 'Gebühr',
  REFUND: 'Erstattung',
};
