// A fresh, migrated company file in a temp folder, with the real router in front of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/api';
import type { CompanyKind, CompanyProfileInput } from '../../shared/api/company';
import { companyProfileSchema } from '../../shared/api/company';
import type { AppErrorData, CallResult } from '../../shared/errors';
import { AppSession } from '../../main/company/session';
import { fixedClock } from '../../main/ipc/clock';
import { EventBus } from '../../main/ipc/event-bus';
import { handlers } from '../../main/ipc/handlers';
import { createRouter, type Router } from '../../main/ipc/router';
import type { Clock } from '../../main/ipc/types';

export const TEST_PROFILE: CompanyProfileInput = {
  name: 'Musterfirma Abo GmbH',
  street: 'Hauptstraße 1',
  zip: '10115',
  city: 'Berlin',
  country: 'DE',
  vatId: 'DE123456789',
  taxNumber: '30/123/45678',
  bankName: 'Berliner Sparkasse',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  email: 'buchhaltung@musterfirma.example',
  phone: '030 1234567',
};

/** A clock whose instant tests can move. */
export class TestClock implements Clock {
  private instant: Date;
  constructor(start: string) {
    this.instant = new Date(start);
  }
  now(): Date {
    return new Date(this.instant);
  }
  today(): string {
    return fixedClock(this.instant).today();
  }
  set(instant: string): void {
    this.instant = new Date(instant);
  }
}

export interface TestCompany {
  readonly dir: string;
  readonly session: AppSession;
  readonly router: Router;
  readonly clock: TestClock;
  readonly events: EventBus;
  /** Calls a channel through the router; throws the AppError data on failure. */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Calls a channel and returns the raw result (for error assertions). */
  tryCall(channel: string, input: unknown): Promise<CallResult<unknown>>;
  close(): Promise<void>;
}

export class CallFailed extends Error {
  constructor(readonly error: AppErrorData) {
    super(`${error.code}: ${error.message}`);
  }
}

export interface TestCompanyOptions {
  readonly kind?: CompanyKind;
  readonly now?: string;
  readonly profile?: Partial<CompanyProfileInput>;
  /** Use this data folder (kept on close) instead of a new temporary one. */
  readonly dataDir?: string;
}

export async function createTestCompany(options: TestCompanyOptions = {}): Promise<TestCompany> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'abowerk-test-'));
  const clock = new TestClock(options.now ?? '2026-11-28T09:00:00Z');
  const events = new EventBus();
  const session = new AppSession(dir, clock, 'test', events);
  const router = createRouter(handlers);
  const profile = companyProfileSchema.parse({ ...TEST_PROFILE, ...options.profile });
  await session.create(options.kind ?? 'PRODUCTION', profile, join(dir, 'firma.abowerk'));
  const tryCall = (channel: string, input: unknown) => router.call(channel, input, session.context());
  return {
    dir,
    session,
    router,
    clock,
    events,
    tryCall,
    async call(channel, input) {
      const result = await tryCall(channel, input);
      if (!result.ok) throw new CallFailed(result.error);
      return result.value as never;
    },
    async close() {
      await session.shutdown();
      if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Asserts a VALIDATION failure with the given German message on a field path. */
export function fieldErrorOf(result: CallResult<unknown>, field: string): string | undefined {
  if (result.ok) throw new Error(`Erwartet: Fehler für ${field}, erhalten: Erfolg`);
  return result.error.details?.fields?.[field];
}
