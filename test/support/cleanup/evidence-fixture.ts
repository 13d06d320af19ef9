// Evidence as the Windows evidence step returns it, for session tests that bind steps to it.
import type { PersistenceEntry, ProcessEvidence } from '../../../services/cleanup/types';

/** Real-shaped evidence of a KMSpico service process with the given persistence entries. */
export function evidenceWith(pid: number | null, persistence: PersistenceEntry[]): ProcessEvidence {
  return {
    pid,
    name: 'Service_KMS.exe',
    path: 'C:\\Program Files\\KMSpico\\Service_KMS.exe',
    sha256: null,
    commandLine: null,
    parentPid: 640,
    parentName: 'services.exe',
    startTime: '2026-11-23T07:12:03.0000000Z',
    signature: null,
    persistence,
    notes: [],
  };
}
