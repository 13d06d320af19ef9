// The IPC handler tests' stand-ins: services a test does not exercise, and the harness's glue.
import type { AppServices } from '../../services/app-services';
import type { PlatformGlue } from '../../services/ipc/platform-glue';

const unused = () => Promise.reject(new Error('unused'));

/**
 * AppServices whose every required call rejects with "unused", so a handler that reaches a service
 * its test did not mean it to reach fails loudly; the test passes the ones it exercises.
 */
export function unusedServices(services: Partial<AppServices> = {}): AppServices {
  return {
    scan: unused,
    feedStatus: unused,
    updateFeed: unused,
    tallyUnits: unused,
    tallyPreview: unused,
    tallySend: unused,
    tallyQueue: unused,
    tallyResend: unused,
    tallyDeleteRefused: unused,
    tallyRetries: unused,
    newCleanupSession: unused,
    ...services,
  };
}

/** The browser harness's glue: no default browser, no clipboard, exports as downloads. */
export function harnessGlue(glue: Partial<PlatformGlue> = {}): PlatformGlue {
  return {
    runtime: 'harness',
    openInBrowser: () => Promise.resolve(false),
    copyText: () => Promise.resolve(false),
    saveExport: (f) => Promise.resolve({ kind: 'download', ...f }),
    ...glue,
  };
}
