// Documents service: renders an issued invoice once, archives it with its SHA-256, serves it
// from the archive afterwards, checks the archive's integrity, and keeps the document settings.
//
// For the billing area: call `archiveInvoiceDocument(manager, invoiceId, who)` inside the
// transaction that issues an invoice, storno or credit note (after its lines, tax rows and
// ledger entries are written). For a billing run of many invoices, skip that and call
// `archivePendingDocuments(db, who, { onProgress })` after the run: it renders in a worker pool.
import { mkdirSync } from 'node:fs';
import type { EntityManager } from 'typeorm';
import type { Page } from '../../shared/api/define';
import type { ArchiveInfo, ArchiveProblem, DocumentRow, DocumentSettings, IntegrityReport, PdfFile } from '../../shared/api/documents';
import type { CompanyProfile } from '../../shared/api/company';
import { AppError, fieldError, notFound } from '../../shared/errors';
import { addDays } from '../../shared/dates';
import { fromCents, toPlain } from '../../shared/money';
import { recordAudit } from '../company/audit';
import { setSetting } from '../company/settings';
import type { CompanyDb } from '../db/company-db';
import type { DesktopServices } from '../ipc/types';
import { archiveFolderOf, archivePathFor, companyFileOf, readArchiveFile, writeArchiveFile } from './archive';
import { DOCUMENT_SETTINGS_KEY, issuerFrom, loadInvoiceDocument, paymentTermsText, readDocumentSettings } from './from-invoice';
import type { InvoiceDocument } from './model';
import { renderInvoicePdf, sha256Hex } from './render';
import { RenderPool, type BatchProgress } from './render-pool';
import { missingMandatoryFields } from './rules';

export interface Actor {
  readonly actor: string;
  readonly at: string;
}

export interface ArchivedDocument {
  readonly invoiceId: number;
  readonly sha256: string;
  readonly path: string;
  readonly createdAt: string;
}

interface ArchiveRow {
  invoice_id: number;
  sha256: string;
  path: string;
  created_at: string;
}

async function archiveRowOf(manager: EntityManager, invoiceId: number): Promise<ArchiveRow | null> {
  const rows = (await manager.query(`SELECT invoice_id, sha256, path, created_at FROM document_archive WHERE invoice_id = ?`, [invoiceId])) as ArchiveRow[];
  return rows[0] ?? null;
}

function assertRenderable(doc: InvoiceDocument): void {
  const missing = missingMandatoryFields(doc);
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `Beleg ${doc.number} kann nicht erstellt werden, es fehlt: ${missing.join(', ')}.`, { missing });
  }
}

async function storeArchived(manager: EntityManager, invoiceId: number, doc: InvoiceDocument, pdf: Uint8Array, who: Actor): Promise<ArchivedDocument> {
  const path = archivePathFor(doc.number, doc.issueDate);
  const sha256 = sha256Hex(pdf);
  writeArchiveFile(archiveFolderOf(companyFileOf(manager)), path, pdf);
  await manager.query(
    `INSERT INTO document_archive (invoice_id, sha256, path, size_bytes, sandbox, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [invoiceId, sha256, path, pdf.byteLength, doc.sandbox ? 1 : 0, who.actor, who.at],
  );
  await recordAudit(manager, {
    actor: who.actor,
    at: who.at,
    entity: 'Beleg',
    entityId: doc.number,
    action: 'CREATE',
    before: null,
    after: { archiviert: path, sha256 },
  });
  return { invoiceId, sha256, path, createdAt: who.at };
}

/**
 * Renders and archives the PDF of an issued document, inside the caller's transaction. Runs
 * once per document: when it is archived already, the existing entry is returned unchanged.
 */
export async function archiveInvoiceDocument(manager: EntityManager, invoiceId: number, who: Actor): Promise<ArchivedDocument> {
  const existing = await archiveRowOf(manager, invoiceId);
  if (existing) return { invoiceId, sha256: existing.sha256, path: existing.path, createdAt: existing.created_at };
  const doc = await loadInvoiceDocument(manager, invoiceId);
  assertRenderable(doc);
  return storeArchived(manager, invoiceId, doc, await renderInvoicePdf(doc), who);
}

export interface PendingOptions {
  readonly onProgress?: (progress: BatchProgress) => void;
  readonly poolSize?: number;
  /** Documents per commit; a crash loses at most one chunk, which the next call redoes. */
  readonly chunkSize?: number;
  readonly isCancelled?: () => boolean;
}

/** Archives every issued document that has no archived PDF yet, rendering in a worker pool. */
export async function archivePendingDocuments(db: CompanyDb, who: Actor, options: PendingOptions = {}): Promise<{ archived: number; failed: number }> {
  const pending = (
    (await db.dataSource.manager.query(
      `SELECT i.id FROM invoice i LEFT JOIN document_archive d ON d.invoice_id = i.id WHERE d.id IS NULL ORDER BY i.id`,
    )) as { id: number }[]
  ).map((r) => r.id);
  const total = pending.length;
  const chunkSize = options.chunkSize ?? 100;
  const pool = total > 1 ? RenderPool.create(options.poolSize) : null;
  let archived = 0;
  let failed = 0;
  try {
    for (let start = 0; start < total && !options.isCancelled?.(); start += chunkSize) {
      const ids = pending.slice(start, start + chunkSize);
      const docs: InvoiceDocument[] = [];
      const docIds: number[] = [];
      for (const id of ids) {
        const doc = await loadInvoiceDocument(db.dataSource.manager, id);
        if (missingMandatoryFields(doc).length > 0) {
          failed++;
          continue;
        }
        docs.push(doc);
        docIds.push(id);
      }
      const rendered = new Map<number, Uint8Array>();
      const onResult = (r: { index: number; pdf: Uint8Array }): void => void rendered.set(r.index, r.pdf);
      const onProgress = (p: BatchProgress): void => options.onProgress?.({ done: start + p.done, total, failed: failed + p.failed });
      if (pool) {
        await pool.renderBatch(docs, { onResult, onProgress });
      } else {
        for (const [index, doc] of docs.entries()) {
          onResult({ index, pdf: await renderInvoicePdf(doc) });
          onProgress({ done: index + 1, total: docs.length, failed: 0 });
        }
      }
      failed += docs.length - rendered.size;
      await db.transaction(async (m) => {
        for (const [index, pdf] of rendered) {
          const id = docIds[index] as number;
          if (await archiveRowOf(m, id)) continue;
          await storeArchived(m, id, docs[index] as InvoiceDocument, pdf, who);
          archived++;
        }
      });
    }
  } finally {
    await pool?.close();
  }
  return { archived, failed };
}

async function resolveInvoiceId(manager: EntityManager, ref: { invoiceId: number } | { number: string }): Promise<number> {
  if ('invoiceId' in ref) return ref.invoiceId;
  const rows = (await manager.query(`SELECT id FROM invoice WHERE number = ?`, [ref.number])) as { id: number }[];
  const row = rows[0];
  if (!row) throw notFound(`Rechnung ${ref.number}`);
  return row.id;
}

/** The archived PDF, checked against its checksum; a document not yet archived is archived now. */
export async function readDocumentPdf(db: CompanyDb, ref: { invoiceId: number } | { number: string }, who: Actor): Promise<PdfFile> {
  const invoiceId = await resolveInvoiceId(db.dataSource.manager, ref);
  let row = await archiveRowOf(db.dataSource.manager, invoiceId);
  if (!row) {
    await db.transaction((m) => archiveInvoiceDocument(m, invoiceId, who));
    row = await archiveRowOf(db.dataSource.manager, invoiceId);
    if (!row) throw new AppError('INTERNAL', 'Beleg wurde nicht archiviert.');
  }
  const read = readArchiveFile(archiveFolderOf(db.filePath), row.path, row.sha256);
  if (!read.ok) throw new AppError('INTEGRITY', `Der archivierte Beleg ist beschädigt oder fehlt. ${read.message}`, { problem: read.problem });
  const fileName = row.path.split('/').pop() ?? 'beleg.pdf';
  return { invoiceId, fileName, sha256: row.sha256, base64: read.pdf.toString('base64'), archivedAt: row.created_at };
}

/** Checks every archived file against its recorded SHA-256 and records the check. */
export async function checkArchiveIntegrity(db: CompanyDb, who: Actor): Promise<IntegrityReport> {
  const rows = (await db.dataSource.manager.query(
    `SELECT d.invoice_id, d.sha256, d.path, d.created_at, i.number FROM document_archive d JOIN invoice i ON i.id = d.invoice_id ORDER BY d.id`,
  )) as (ArchiveRow & { number: string })[];
  const folder = archiveFolderOf(db.filePath);
  const problems: ArchiveProblem[] = [];
  for (const row of rows) {
    const read = readArchiveFile(folder, row.path, row.sha256);
    if (!read.ok) problems.push({ invoiceNumber: row.number, path: row.path, problem: read.problem, message: read.message });
  }
  const report: IntegrityReport = { checkedAt: who.at, total: rows.length, ok: rows.length - problems.length, problems };
  await db.transaction(async (m) => {
    await m.query(`INSERT INTO document_integrity_check (checked_at, checked_by, total, ok, problems_json) VALUES (?, ?, ?, ?, ?)`, [
      who.at,
      who.actor,
      report.total,
      report.ok,
      JSON.stringify(problems),
    ]);
  });
  return report;
}

/** Opens the archive folder in the file manager where a desktop shell exists; otherwise only names it. */
export async function openArchiveFolder(db: CompanyDb, desktop: DesktopServices | null): Promise<{ opened: boolean; folder: string }> {
  const folder = archiveFolderOf(db.filePath);
  mkdirSync(folder, { recursive: true });
  if (!desktop) return { opened: false, folder };
  const problem = await desktop.openPath(folder);
  if (problem) throw new AppError('INTERNAL', `Der Archivordner konnte nicht geöffnet werden: ${problem}`);
  return { opened: true, folder };
}

export async function archiveInfo(db: CompanyDb): Promise<ArchiveInfo> {
  const manager = db.dataSource.manager;
  const [counts] = (await manager.query(
    `SELECT (SELECT count(*) FROM document_archive) AS archived,
            (SELECT count(*) FROM invoice i LEFT JOIN document_archive d ON d.invoice_id = i.id WHERE d.id IS NULL) AS pending`,
  )) as { archived: number; pending: number }[];
  const [last] = (await manager.query(`SELECT checked_at, total, ok, problems_json FROM document_integrity_check ORDER BY id DESC LIMIT 1`)) as {
    checked_at: string;
    total: number;
    ok: number;
    problems_json: string;
  }[];
  return {
    folder: archiveFolderOf(db.filePath),
    archived: counts?.archived ?? 0,
    pending: counts?.pending ?? 0,
    lastCheck: last ? { checkedAt: last.checked_at, total: last.total, ok: last.ok, problems: JSON.parse(last.problems_json) as ArchiveProblem[] } : null,
  };
}

export async function listDocuments(manager: EntityManager, input: { search?: string | undefined; offset: number; limit: number }): Promise<Page<DocumentRow>> {
  const search = input.search?.trim();
  const where = search ? `WHERE i.number LIKE ? OR c.number LIKE ? OR c.display_name LIKE ?` : '';
  const params = search ? [`%${search}%`, `%${search}%`, `%${search}%`] : [];
  const [{ total }] = (await manager.query(`SELECT count(*) AS total FROM invoice i JOIN customer c ON c.id = i.customer_id ${where}`, params)) as [{ total: number }];
  const rows = (await manager.query(
    `SELECT i.id, i.number, i.kind, i.issue_date, i.gross_cents, i.currency, c.number AS customer_number, c.display_name, d.sha256, d.created_at AS archived_at
       FROM invoice i JOIN customer c ON c.id = i.customer_id LEFT JOIN document_archive d ON d.invoice_id = i.id
       ${where} ORDER BY i.issue_date DESC, i.id DESC LIMIT ? OFFSET ?`,
    [...params, input.limit, input.offset],
  )) as {
    id: number;
    number: string;
    kind: DocumentRow['kind'];
    issue_date: string;
    gross_cents: number;
    currency: string;
    customer_number: string;
    display_name: string;
    sha256: string | null;
    archived_at: string | null;
  }[];
  return {
    rows: rows.map((r) => ({
      invoiceId: r.id,
      number: r.number,
      kind: r.kind,
      issueDate: r.issue_date,
      customerNumber: r.customer_number,
      customerName: r.display_name,
      gross: toPlain(fromCents(r.gross_cents)),
      currency: r.currency,
      sha256: r.sha256,
      archivedAt: r.archived_at,
    })),
    total,
    offset: input.offset,
    limit: input.limit,
  };
}

// --- settings ----------------------------------------------------------------------------

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

function assertImage(logo: NonNullable<DocumentSettings['logo']>): void {
  const head = Buffer.from(logo.base64.slice(0, 16), 'base64');
  const magic = logo.mime === 'image/png' ? PNG_MAGIC : JPEG_MAGIC;
  if (!magic.every((b, i) => head[i] === b)) {
    throw fieldError('logo', logo.mime === 'image/png' ? 'Die Datei ist kein PNG-Bild' : 'Die Datei ist kein JPEG-Bild');
  }
}

export async function saveDocumentSettings(db: CompanyDb, settings: DocumentSettings, who: Actor): Promise<DocumentSettings> {
  if (settings.logo) assertImage(settings.logo);
  await db.transaction((m) => setSetting(m, DOCUMENT_SETTINGS_KEY, settings, who));
  return readDocumentSettings(db.dataSource.manager);
}

/** A sample invoice with the company's profile and the given settings, for the settings screen. */
export function sampleDocument(profile: CompanyProfile, settings: DocumentSettings, sandbox: boolean, today: string): InvoiceDocument {
  return {
    kind: 'INVOICE',
    number: 'MUSTER-0001',
    issueDate: today,
    currency: 'EUR',
    issuer: issuerFrom(profile as unknown as Readonly<Record<string, unknown>>, settings),
    recipient: { customerNumber: 'K-00000', name: 'Beispielkunde GmbH', contact: 'z. Hd. Frau Beispiel', street: 'Musterweg 1', zip: '12345', city: 'Musterstadt', country: 'DE', vatId: null },
    contractNumber: null,
    refersTo: null,
    lines: [
      { position: 1, description: 'Abo-Box (Beispiel)', quantity: '1', unit: 'Monat', unitPrice: '84.0336', discountPercent: null, net: '84.03', taxRate: '19', periodStart: today, periodEnd: addDays(today, 29), serviceDate: null },
    ],
    taxes: [{ treatment: 'STANDARD', rate: '19', net: '84.03', tax: '15.97', note: null }],
    netTotal: '84.03',
    taxTotal: '15.97',
    grossTotal: '100.00',
    creditApplied: '0.00',
    amountDue: '100.00',
    remainingCredit: null,
    payment: { method: 'TRANSFER', dueDate: addDays(today, 14), terms: paymentTermsText(settings.paymentTermsText, 14) },
    introText: settings.introText,
    closingText: settings.closingText,
    sandbox,
  };
}

export async function samplePdf(profile: CompanyProfile, settings: DocumentSettings, sandbox: boolean, today: string): Promise<PdfFile> {
  if (settings.logo) assertImage(settings.logo);
  const pdf = await renderInvoicePdf(sampleDocument(profile, settings, sandbox, today));
  return { invoiceId: 0, fileName: 'Musterrechnung.pdf', sha256: sha256Hex(pdf), base64: pdf.toString('base64'), archivedAt: today };
}
