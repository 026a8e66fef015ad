/** Signs that a native module was built for another runtime (Node vs Electron ABI, or another platform). */
const WRONG_BUILD = /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application|wrong ELF class|incompatible architecture|Could not locate the bindings file/i;

export interface StartupErrorText {
  title: string;
  message: string;
}

/** What the user reads in the error dialog when the core cannot start. */
export function describeStartupError(e: unknown, dataDir: string, nativeProblem?: string): StartupErrorText {
  const raw = e instanceof Error ? e.message : String(e);
  if (WRONG_BUILD.test(raw)) {
    return {
      title: 'Sightline cannot open its database module',
      message: `${nativeProblem ?? 'The SQLite module was built for a different runtime than this Electron. Run `npm run rebuild:electron`, then start again.'}\n\nDetails: ${raw}\n\nBrowser mode (\`npx sightline serve\`) keeps working meanwhile.`,
    };
  }
  if ((e as { code?: unknown } | null)?.code === 'CONFLICT') {
    return { title: 'Sightline is already running', message: raw };
  }
  return {
    title: 'Sightline could not start',
    message: `Sightline could not open its data folder ${dataDir}: ${raw}`,
  };
}
