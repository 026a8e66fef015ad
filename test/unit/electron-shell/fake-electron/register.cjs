// Preloaded with `node -r` so that require('electron') in the built bundles gets the stand-in below.
// Electron's binary cannot run here; this lets the real main.cjs and preload.cjs bundles execute under Node.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: the bundles require() it. */
const Module = require('node:module');
const path = require('node:path');

const fake = path.join(__dirname, 'electron.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? fake : resolve.call(this, request, ...rest);
};
