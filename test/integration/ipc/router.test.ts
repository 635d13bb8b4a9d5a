import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels, type ChannelName } from '../../../shared/api';
import { createRouter, type HandlerMap } from '../../../main/ipc/router';
import { createTestCompany, type TestCompany } from '../../support/company';

/** A handler map that records every call: proves validation happens before any handler. */
function spyHandlers(calls: string[]): HandlerMap {
  return new Proxy({} as HandlerMap, {
    get: (_target, name: string) => async () => {
      calls.push(name);
      return null;
    },
  });
}

describe('router', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  const malformed: readonly unknown[] = [42, 'kaputt', [1, 2, 3], true];

  it('rejects a malformed payload on every channel before any handler runs, and writes nothing', async () => {
    const calls: string[] = [];
    const router = createRouter(spyHandlers(calls));
    const raw = t.session.company().db.raw;
    const changesBefore = raw.prepare('SELECT total_changes() AS n').get() as { n: number };
    const names = Object.keys(channels) as ChannelName[];
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      for (const payload of malformed) {
        const result = await router.call(name, payload, t.session.context());
        expect(result.ok, `${name} mit ${JSON.stringify(payload)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('VALIDATION');
          expect(result.error.message).toMatch(/ungültig/);
        }
      }
    }
    expect(calls).toEqual([]);
    expect(raw.prepare('SELECT total_changes() AS n').get()).toEqual(changesBefore);
  });

  it('refuses unknown channels', async () => {
    const result = await t.tryCall('customers.dropAll', {});
    expect(result.ok ? null : result.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('maps a database trigger abort to IMMUTABLE with its German message, no stack trace', async () => {
    const calls: string[] = [];
    const router = createRouter({
      ...spyHandlers(calls),
      'customers.list': async () => {
        t.session.company().db.raw.prepare(`DELETE FROM audit_log`).run();
        return { rows: [], total: 0, offset: 0, limit: 50 };
      },
    } as HandlerMap);
    const result = await router.call('customers.list', {}, t.session.context());
    expect(result).toEqual({ ok: false, error: { code: 'IMMUTABLE', message: 'Das Protokoll ist unveränderlich' } });
  });

  it('hides unexpected errors behind a German INTERNAL message', async () => {
    const reported: unknown[] = [];
    const router = createRouter(
      {
        ...spyHandlers([]),
        'customers.list': async () => {
          throw new TypeError('secret internals at /home/x.ts:12');
        },
      } as HandlerMap,
      { onInternalError: (_c, e) => reported.push(e) },
    );
    const result = await router.call('customers.list', {}, t.session.context());
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Interner Fehler. Der Vorgang wurde nicht ausgeführt.' } });
    expect(reported).toHaveLength(1);
  });

  it('answers NO_COMPANY_OPEN in German when no company file is open', async () => {
    await t.session.shutdown();
    const result = await t.tryCall('customers.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'NO_COMPANY_OPEN', message: 'Es ist keine Firmendatei geöffnet.' } });
  });
});
