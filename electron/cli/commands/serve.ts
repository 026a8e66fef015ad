import type { Command } from 'commander';
import { createCore } from '../../core/createCore';
import { CoreError } from '../../core/errors';
import { defaultDataDir } from '../../core/store/dataDir';
import { startHost } from '../../host/server';
import { openBrowser } from '../openBrowser';
import { fail, printJson } from '../output';
import { VERSION } from '../version';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run Sightline in browser mode: the backend on 127.0.0.1, the UI at the printed URL (which carries the one-time token).')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--data-dir <dir>', 'where the library lives (default: $SIGHTLINE_DATA_DIR or the per-user app data folder)')
    .option('--open', 'open the UI in a Chromium app window or the default browser')
    .option('--json', 'print {url, port, dataDir} as JSON')
    .action(async (opts: { port: string; dataDir?: string; open?: boolean; json?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(new CoreError('INVALID_INPUT', `--port must be a number from 0 to 65535, not "${opts.port}".`), !!opts.json);
      const dataDir = opts.dataDir ?? defaultDataDir();
      let core;
      let host;
      try {
        core = createCore({ dataDir, door: 'browser', version: VERSION });
        host = await startHost({ core, port });
      } catch (e) {
        core?.close();
        fail(e, !!opts.json);
      }
      if (opts.json) printJson({ url: host.url, port: host.port, dataDir: core.dataDir });
      else {
        process.stdout.write(`Sightline ${VERSION} (browser mode)\n  data: ${core.dataDir}\n  open: ${host.url}\n`);
      }
      if (opts.open) process.stdout.write(`  opened in ${openBrowser(host.url, core.dataDir)}\n`);
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await host.close();
        core.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
