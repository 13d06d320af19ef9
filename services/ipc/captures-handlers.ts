// The `captures:save` handler ("Lưu dữ liệu cho cán bộ CNTT"): one save at a time (a second press
// joins the running one), progress pushed per step, the folder and what failed in the answer.
import { userError } from '../../shared/errors';
import type { Emit, Handlers } from '../../shared/ipc/dispatch';
import type { CaptureProgress, CaptureSaveResult } from '../captures/save-captures';

export interface CaptureHandlerDeps {
  /** Saves this PC's capture folder; absent where the commands do not exist (not Windows). */
  save?: (onProgress: (p: CaptureProgress) => void) => Promise<CaptureSaveResult>;
  emit: Emit;
}

/** Builds the captures handler. */
export function createCaptureHandlers(deps: CaptureHandlerDeps): Pick<Handlers, 'captures:save'> {
  let running: Promise<CaptureSaveResult> | null = null;
  return {
    'captures:save': () => {
      const save = deps.save;
      if (!save) throw userError('msg.app.capturesWindowsOnly', { hint: 'msg.app.capturesWindowsOnlyHint' });
      running ??= save((p) => deps.emit('captures:progress', p)).finally(() => (running = null));
      return running;
    },
  };
}
