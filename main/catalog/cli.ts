import { ARTICLE_KIND_LABELS, ARTICLE_KINDS, SUBSCRIPTION_UNIT_LABELS, TAX_TREATMENT_LABELS, type ArticleKind } from '../../shared/api/catalog';
import { formatDate, parseDate } from '../../shared/dates';
import { dec, formatDecimal, formatMoney, formatPercent, formatUnitPrice } from '../../shared/money';
import { CliUsageError, type CliCommand } from '../cli/types';

export const catalogCommands: readonly CliCommand[] = [
  {
    name: 'articles list',
    summary: 'Artikel auflisten (Suche über Nummer und Name)',
    usage: '[--search <Text>] [--kind SUBSCRIPTION|ONE_TIME] [--limit 50] [--offset 0] [--inactive]',
    async run(args, io) {
      const limit = Number(args.str('limit') ?? 50);
      const offset = Number(args.str('offset') ?? 0);
      if (!Number.isInteger(limit) || !Number.isInteger(offset)) throw new CliUsageError('--limit und --offset müssen ganze Zahlen sein');
      const kind = args.str('kind')?.toUpperCase();
      if (kind !== undefined && !(ARTICLE_KINDS as readonly string[]).includes(kind)) {
        throw new CliUsageError('--kind muss SUBSCRIPTION oder ONE_TIME sein');
      }
      const search = args.str('search');
      const page = await io.call('catalog.articles', {
        ...(search ? { search } : {}),
        ...(kind ? { kind: kind as ArticleKind } : {}),
        limit,
        offset,
        includeInactive: args.flags.inactive === true,
      });
      for (const r of page.rows) {
        const unit = SUBSCRIPTION_UNIT_LABELS[r.unit] ?? r.unit;
        io.print(
          `${r.number.padEnd(12)} ${r.name.padEnd(36)} ${ARTICLE_KIND_LABELS[r.kind].padEnd(15)} ${unit.padEnd(10)} ${r.productGroupName.padEnd(20)} ${r.projects}${r.active ? '' : ' (inaktiv)'}`,
        );
      }
      io.print(`${page.total} Artikel gesamt`);
      return page;
    },
  },
  {
    name: 'tax-groups list',
    summary: 'Steuergruppen mit steuerlicher Behandlung, Steuersätzen über die Zeit und Erlöskonten (SKR03/SKR04) auflisten',
    async run(_args, io) {
      const groups = await io.call('catalog.taxGroups', {});
      const treatmentWidth = Math.max(...Object.values(TAX_TREATMENT_LABELS).map((l) => l.length));
      for (const g of groups) {
        const rates = g.rates
          .map((r) => `${formatPercent(dec(r.rate))} ${r.validFrom ? formatDate(r.validFrom) : '…'}–${r.validTo ? formatDate(r.validTo) : '…'}`)
          .join(', ');
        io.print(`${g.code.padEnd(18)} ${g.name.padEnd(44)} ${TAX_TREATMENT_LABELS[g.treatment].padEnd(treatmentWidth)} SKR03 ${g.accountSkr03 ?? '—'} / SKR04 ${g.accountSkr04 ?? '—'}  ${rates}`);
      }
      return groups;
    },
  },
  {
    name: 'prices resolve',
    summary: 'Preis prüfen: Nettopreis, Steuersatz und Brutto eines Artikels zu Währung, Menge und Datum',
    usage: '--article <Artikelnummer> [--currency EUR] [--qty 1] [--date TT.MM.JJJJ (Standard: heute)]',
    async run(args, io) {
      const articleNumber = args.str('article', true);
      const dateText = args.str('date');
      const date = dateText === undefined ? undefined : parseDate(dateText);
      if (date === null) throw new CliUsageError(`--date: kein gültiges Datum „${dateText ?? ''}“ (TT.MM.JJJJ)`);
      const r = await io.call('catalog.resolvePrice', {
        articleNumber,
        currency: args.str('currency') ?? 'EUR',
        quantity: args.str('qty') ?? '1',
        date: date ?? io.session.clock.today(),
      });
      const qty = dec(r.quantity);
      io.print(`Artikel ${r.articleNumber} „${r.articleName}“, Menge ${formatDecimal(qty, qty.decimalPlaces())}, ${formatDate(r.date)}`);
      io.print(`Nettopreis:  ${formatUnitPrice(dec(r.unitPrice))} ${r.currency}`);
      io.print(`Netto:       ${formatMoney(dec(r.net), r.currency)}`);
      io.print(`USt:         ${formatPercent(dec(r.taxRate))} = ${formatMoney(dec(r.tax), r.currency)} (${r.taxGroupName})`);
      io.print(`Brutto:      ${formatMoney(dec(r.gross), r.currency)}`);
      return r;
    },
  },
];
