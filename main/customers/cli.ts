import { CUSTOMER_KINDS, type CustomerDto } from '../../shared/api/customers';
import { CliUsageError, type CliCommand } from '../cli/types';

export const customerCommands: readonly CliCommand[] = [
  {
    name: 'customers add',
    summary: 'Kunden anlegen',
    usage: '--company-name <Firma> | --last-name <Name> [--first-name --number --street --zip --city --country --email --phone --vat-id --iban --bic]',
    async run(args, io) {
      const kindFlag = args.str('kind')?.toUpperCase();
      if (kindFlag !== undefined && !(CUSTOMER_KINDS as readonly string[]).includes(kindFlag)) {
        throw new CliUsageError('--kind muss COMPANY oder PERSON sein');
      }
      const kind = (kindFlag ?? (args.str('company-name') ? 'COMPANY' : 'PERSON')) as CustomerDto['kind'];
      const customer = await io.call('customers.create', {
        customer: {
          kind,
          number: args.str('number') ?? null,
          companyName: args.str('company-name') ?? null,
          firstName: args.str('first-name') ?? null,
          lastName: args.str('last-name') ?? null,
          street: args.str('street') ?? null,
          zip: args.str('zip') ?? null,
          city: args.str('city') ?? null,
          country: args.str('country') ?? 'DE',
          email: args.str('email') ?? null,
          phone: args.str('phone') ?? null,
          vatId: args.str('vat-id') ?? null,
          iban: args.str('iban') ?? null,
          bic: args.str('bic') ?? null,
        },
      });
      io.print(`Kunde ${customer.number} angelegt: ${customer.displayName}`);
      return customer;
    },
  },
  {
    name: 'customers list',
    summary: 'Kunden auflisten (Suche über Nummer, Name, E-Mail, Ort)',
    usage: '[--search <Text>] [--limit 50] [--offset 0] [--inactive]',
    async run(args, io) {
      const limit = Number(args.str('limit') ?? 50);
      const offset = Number(args.str('offset') ?? 0);
      if (!Number.isInteger(limit) || !Number.isInteger(offset)) throw new CliUsageError('--limit und --offset müssen ganze Zahlen sein');
      const search = args.str('search');
      const page = await io.call('customers.list', {
        ...(search ? { search } : {}),
        limit,
        offset,
        includeInactive: args.flags.inactive === true,
      });
      for (const r of page.rows) io.print(`${r.number.padEnd(10)} ${r.displayName.padEnd(40)} ${[r.zip, r.city].filter(Boolean).join(' ')}`);
      io.print(`${page.total} Kunden gesamt`);
      return page;
    },
  },
];
