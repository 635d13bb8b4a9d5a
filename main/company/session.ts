// The open company file of this process and the context every handler receives.
import { existsSync } from 'node:fs';
import type { CompanyInfo, CompanyKind, CompanyProfile } from '../../shared/api/company';
import { AppError } from '../../shared/errors';
import { openCompanyDb } from '../db/company-db';
import { abortOrphanedRuns } from '../jobs/lock';
import type { EventBus } from '../ipc/event-bus';
import type { CallContext, Clock, DesktopServices, OpenCompany } from '../ipc/types';
import { CompanyFileRegistry, createCompanyFile, readCompanyInfo } from './company-files';

export class AppSession {
  private current: OpenCompany | null = null;
  readonly registry: CompanyFileRegistry;
  /** Set by the Electron shell; null in the web host and the CLI. */
  desktop: DesktopServices | null = null;

  constructor(
    dataDir: string,
    readonly clock: Clock,
    readonly actor: string,
    readonly events: EventBus,
  ) {
    this.registry = new CompanyFileRegistry(dataDir);
  }

  get dataDir(): string {
    return this.registry.dataDir;
  }

  company(): OpenCompany {
    if (!this.current) throw new AppError('NO_COMPANY_OPEN', 'Es ist keine Firmendatei geöffnet.');
    return this.current;
  }

  info(): CompanyInfo | null {
    return this.current?.info ?? null;
  }

  async create(kind: CompanyKind, profile: CompanyProfile, filePath?: string): Promise<CompanyInfo> {
    const path = filePath ?? this.registry.newFilePath(profile.name, kind);
    const db = await createCompanyFile({ filePath: path, kind, profile, actor: this.actor, at: this.clock.now().toISOString() });
    return this.switchTo({ db, info: await readCompanyInfo(db) });
  }

  async open(filePath: string): Promise<CompanyInfo> {
    if (this.current?.db.filePath === filePath) return this.current.info;
    if (!existsSync(filePath)) throw new AppError('NOT_FOUND', `Die Firmendatei ${filePath} wurde nicht gefunden.`);
    const db = await openCompanyDb(filePath);
    try {
      const info = await readCompanyInfo(db);
      // A run left RUNNING (its process is gone, or this one no longer runs it) would keep its job "läuft bereits".
      await abortOrphanedRuns(db, this.clock.now());
      return await this.switchTo({ db, info });
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  /** On start: reopen the file used last, if it is still there. */
  async reopenLast(): Promise<CompanyInfo | null> {
    const last = this.registry.lastOpened();
    if (!last || !existsSync(last)) return null;
    try {
      return await this.open(last);
    } catch {
      this.registry.forgetLastOpened();
      return null;
    }
  }

  async refreshInfo(): Promise<CompanyInfo> {
    const current = this.company();
    this.current = { db: current.db, info: await readCompanyInfo(current.db) };
    this.events.emit('company.changed', { info: this.current.info });
    return this.current.info;
  }

  // Closing a file waits for the jobs running in it (CompanyDb.close): their result and freed lock
  // must reach the file. The session lets go of the file first, so no new call or job reaches it.

  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    this.registry.forgetLastOpened();
    this.events.emit('company.changed', { info: null });
    if (current) await current.db.close();
  }

  /** Closes without forgetting the last file (process shutdown, restore). */
  async shutdown(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (current) await current.db.close();
  }

  private async switchTo(next: OpenCompany): Promise<CompanyInfo> {
    const previous = this.current;
    this.current = next;
    this.registry.remember(next.info, this.clock.now().toISOString());
    this.events.emit('company.changed', { info: next.info });
    if (previous) await previous.db.close();
    return next.info;
  }

  context(): CallContext {
    return {
      company: () => this.company(),
      clock: this.clock,
      actor: this.actor,
      emit: (event, payload) => this.events.emit(event, payload),
      session: this,
      desktop: this.desktop,
    };
  }
}
