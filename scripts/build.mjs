// One build for main, preload, web host, CLI, workers, bench and the renderer.
// Node targets: esbuild bundles our code, node_modules stay external (electron-builder packs them).
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { argv } from 'node:process';

const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const quiet = argv.includes('--quiet');

const nodeTargets = {
  main: { entry: 'main/app/main.ts', out: 'dist/main/main.js' },
  preload: { entry: 'main/app/preload.ts', out: 'dist/main/preload.js' },
  web: { entry: 'main/web-host/web-host.ts', out: 'dist/web-host/web-host.js' },
  cli: { entry: 'main/cli/cli.ts', out: 'dist/cli/cli.js' },
  jobs: { entry: 'main/jobs/worker.ts', out: 'dist/jobs/worker.js' },
  pdf: { entry: 'main/documents/render-worker.ts', out: 'dist/documents/render-worker.js' },
  bench: { entry: 'test/bench/index.ts', out: 'dist/bench/bench.js' },
};

const wanted = (name) => !only || only.includes(name);

for (const [name, t] of Object.entries(nodeTargets)) {
  if (!wanted(name) || !existsSync(t.entry)) continue;
  await esbuild({
    entryPoints: [t.entry],
    outfile: t.out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    packages: 'external',
    logLevel: quiet ? 'error' : 'info',
  });
}

if (wanted('renderer')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: 'vite.config.mts', logLevel: quiet ? 'error' : 'info' });
}
