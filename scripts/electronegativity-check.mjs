// `npm run lint:security`: Electronegativity over the Electron shell and the built page.
// The tool always exits 0, so its SARIF output is read and compared with a reviewed baseline:
// any finding not in security/electronegativity-baseline.json fails the run.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const baseline = JSON.parse(readFileSync(join(root, 'security/electronegativity-baseline.json'), 'utf8')).accepted;

// The page's CSP is injected at build time; build the renderer if it is missing.
if (!existsSync(join(root, 'dist/renderer/index.html'))) {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--only=renderer', '--quiet'], { stdio: 'inherit', cwd: root });
}

const input = mkdtempSync(join(tmpdir(), 'abowerk-electronegativity-'));
const output = join(input, 'result.sarif');
try {
  mkdirSync(join(input, 'src'));
  for (const f of readdirSync(join(root, 'main/app'))) copyFileSync(join(root, 'main/app', f), join(input, 'src', f));
  copyFileSync(join(root, 'dist/renderer/index.html'), join(input, 'src', 'index.html'));
  execFileSync(
    process.execPath,
    ['-r', join(root, 'scripts/electronegativity-resolve.cjs'), join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'),
      '-i', join(input, 'src'), '-e', electronVersion, '-o', output, '-r', '-v', 'false'],
    { stdio: ['ignore', 'ignore', 'ignore'], cwd: root, timeout: 120_000 },
  );
  if (!existsSync(output)) throw new Error('Electronegativity hat keine SARIF-Datei geschrieben.');
  const results = JSON.parse(readFileSync(output, 'utf8')).runs?.[0]?.results ?? [];
  const findings = results.map((r) => ({
    rule: r.ruleId,
    file: basename(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? ''),
    line: r.locations?.[0]?.physicalLocation?.region?.startLine,
    message: r.message?.text ?? '',
  }));
  const unaccepted = findings.filter((f) => !baseline.some((b) => b.rule === f.rule && b.file === f.file));
  for (const f of findings) {
    const ok = !unaccepted.includes(f);
    process.stdout.write(`${ok ? 'geprüft' : 'NEU    '}  ${f.rule}  ${f.file}:${f.line ?? '-'}  ${ok ? '' : f.message}\n`);
  }
  if (unaccepted.length > 0) {
    process.stderr.write(`lint:security: ${unaccepted.length} neue Electronegativity-Befunde. Beheben oder begründet in security/electronegativity-baseline.json aufnehmen.\n`);
    process.exit(1);
  }
  process.stdout.write(`lint:security: ${findings.length} Befunde, alle geprüft (Electron ${electronVersion}).\n`);
} finally {
  rmSync(input, { recursive: true, force: true });
}
