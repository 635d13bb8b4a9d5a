// Which articles a contract can take as subscription items (DOMAIN §6, FAQ, S4), with the
// reason in German for every article that is not offered.
import { INTERVAL_UNIT_LABELS, type IntervalUnit } from '../../shared/dates';

export interface ArticleForCheck {
  readonly kind: 'SUBSCRIPTION' | 'ONE_TIME';
  readonly unit: string;
  readonly projectIds: readonly number[];
  readonly active: boolean;
}

export interface ContractForCheck {
  readonly projectId: number;
  readonly projectName: string;
  readonly intervalUnit: IntervalUnit;
}

function unitLabel(unit: string): string {
  return (INTERVAL_UNIT_LABELS as Readonly<Record<string, { one: string }>>)[unit]?.one ?? unit;
}

/** Every reason that keeps an article off the contract; empty = allowed. */
export function subscriptionArticleProblems(article: ArticleForCheck, contract: ContractForCheck): string[] {
  const reasons: string[] = [];
  if (article.kind !== 'SUBSCRIPTION') reasons.push('Kein Abo-Artikel (Einmalartikel werden als Leistung erfasst)');
  if (!article.projectIds.includes(contract.projectId)) {
    reasons.push(`Gehört nicht zum Projekt des Vertrags (${contract.projectName})`);
  }
  if (article.kind === 'SUBSCRIPTION' && article.unit !== contract.intervalUnit) {
    reasons.push(
      `Einheit ${unitLabel(article.unit)} passt nicht zum Abrechnungsintervall des Vertrags (Einheit ${unitLabel(contract.intervalUnit)})`,
    );
  }
  if (!article.active) reasons.push('Artikel ist inaktiv');
  return reasons;
}

/** One-time activities take ONE_TIME articles of the contract's project. */
export function oneTimeArticleProblems(article: ArticleForCheck, contract: ContractForCheck): string[] {
  const reasons: string[] = [];
  if (article.kind !== 'ONE_TIME') reasons.push('Kein Einmalartikel (Abo-Artikel werden im Tab „Abo verwalten“ zugeordnet)');
  if (!article.projectIds.includes(contract.projectId)) {
    reasons.push(`Gehört nicht zum Projekt des Vertrags (${contract.projectName})`);
  }
  if (!article.active) reasons.push('Artikel ist inaktiv');
  return reasons;
}
