#!/usr/bin/env node
// The sightline command line: runs the TypeScript sources through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
