import { COMPANY_KINDS, type CompanyInfo, type CompanyKind } from '../../shared/api/company';
import { formatDate } from '../../shared/dates';
import { CliUsageError, type CliCommand } from '../cli/types';

function describe(info: CompanyInfo): string[] {
  const p = info.profile;
  return [
    `Firma:        ${p.name}${info.kind === 'SANDBOX' ? '  [SANDBOX]' : ''}`,
    `Anschrift:    ${[p.street, [p.zip, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—'}`,
    `USt-IdNr.:    ${p.vatId ?? '—'}    Steuernummer: ${p.taxNumber ?? '—'}`,
    `Bank:         ${[p.bankName, p.iban].filter(Boolean).join(', ') || '—'}`,
    `Datei:        ${info.filePath}`,
    `Angelegt am:  ${formatDate(info.createdAt.slice(0, 10))}`,
  ];
}

export const companyCommands: readonly CliCommand[] = [
  {
    name: 'company create',
    summary: 'Neue Firmendatei anlegen',
    usage: '--name <Firma> --kind SANDBOX|PRODUCTION [--street --zip --city --vat-id --tax-number --iban --bic --bank-name --file <Pfad>]',
    needsCompany: false,
    async run(args, io) {
      const kind = (args.str('kind') ?? 'SANDBOX').toUpperCase();
      if (!(COMPANY_KINDS as readonly string[]).includes(kind)) throw new CliUsageError('--kind muss SANDBOX oder PRODUCTION sein');
      const file = args.str('file');
      const info = await io.call('company.create', {
        kind: kind as CompanyKind,
        ...(file ? { filePath: file } : {}),
        profile: {
          name: args.str('name', true),
          street: args.str('street') ?? null,
          zip: args.str('zip') ?? null,
          city: args.str('city') ?? null,
          country: args.str('country') ?? 'DE',
          vatId: args.str('vat-id') ?? null,
          taxNumber: args.str('tax-number') ?? null,
          bankName: args.str('bank-name') ?? null,
          iban: args.str('iban') ?? null,
          bic: args.str('bic') ?? null,
          email: args.str('email') ?? null,
          phone: args.str('phone') ?? null,
        },
      });
      io.print(`Firmendatei angelegt: ${info.filePath}`);
      return info;
    },
  },
  {
    name: 'company info',
    summary: 'Angaben der geöffneten Firmendatei',
    async run(_args, io) {
      const info = await io.call('company.current', {});
      if (!info) throw new CliUsageError('Keine Firmendatei geöffnet');
      for (const line of describe(info)) io.print(line);
      return info;
    },
  },
  {
    name: 'company open',
    summary: 'Firmendatei öffnen und als zuletzt benutzte merken',
    usage: '<Pfad>',
    needsCompany: false,
    async run(args, io) {
      const path = args.positionals[0] ?? args.str('file', true);
      const info = await io.call('company.open', { filePath: path });
      io.print(`Geöffnet: ${info.profile.name} (${info.filePath})`);
      return info;
    },
  },
];
