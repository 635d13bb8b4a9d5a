// Electronegativity's TypeScript parser (typescript-estree 4) needs the TypeScript 4/5 API,
// which TypeScript 7 (our compiler) no longer has. npm hoists the parser next to TS 7, so
// point its `typescript` at the copy electronegativity ships itself. Only used by lint:security.
const Module = require('node:module');
const path = require('node:path');

const bundled = path.join(__dirname, '..', 'node_modules', '@doyensec', 'electronegativity', 'node_modules', 'typescript');
const original = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  if (request === 'typescript' && parent && parent.filename && parent.filename.includes(`${path.sep}@typescript-eslint${path.sep}`)) {
    return original.call(this, bundled, parent, ...rest);
  }
  return original.call(this, request, parent, ...rest);
};
