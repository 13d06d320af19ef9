// One guided-cleanup step, two-phase: the first press asks main to PROPOSE it and shows exactly what
// will be done (command and arguments, or the entry and where its backup goes); only "Confirm" runs
// it. A refusal (a critical process, a bad address) and a needs-administrator answer are shown plainly.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLine } from '../error-text';
import type { StepRequest, StepResult } from '../../shared/licensing/cleanup-schema';
import { useApi } from '../app-context';

type Text2 = { vi: string; en: string };
type Phase =
  | { kind: 'idle' }
  | { kind: 'proposing' }
  | { kind: 'proposed'; token: string; summary: Text2 }
  | { kind: 'running' }
  | { kind: 'refused'; message: string }
  | { kind: 'done'; result: StepResult };

export interface CleanupStepProps {
  item: string;
  /** What the button says, e.g. "Terminate node (PID 42)". */
  label: string;
  request: StepRequest;
  /** Called after the proposal and after the step ran, so the log and lists refresh. */
  onChange?: (result: StepResult | null) => void;
}

/** The progress bar of a watched re-scan (main pushes how far the watch is). */
function RescanProgress({ item }: { item: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [p, setP] = useState<{ elapsedMs: number; totalMs: number; samples: number } | null>(null);
  useEffect(
    () =>
      api.cleanup.onRescanProgress((e) => {
        if (e.item === item) setP(e);
      }),
    [api, item],
  );
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const text = p
    ? t('cleanup.rescan.progress', {
        elapsed: seconds(p.elapsedMs),
        total: seconds(p.totalMs),
        samples: p.samples,
      })
    : t('cleanup.rescan.starting');
  return (
    <div className="progress">
      <progress
        max={p?.totalMs ?? 1}
        value={p?.elapsedMs ?? 0}
        aria-label={t('cleanup.rescan.label')}
        aria-valuetext={text}
      />
      <p className="note">{text}</p>
    </div>
  );
}

/** A step button with its proposal, confirmation and result. */
export function CleanupStep({ item, label, request, onChange }: CleanupStepProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const confirmRef = useRef<HTMLButtonElement>(null);
  const lang = i18n.language === 'en' ? 'en' : 'vi';

  useEffect(() => {
    // Keyboard users land on the confirmation, right after the text that says what will run.
    if (phase.kind === 'proposed') confirmRef.current?.focus();
  }, [phase.kind]);

  const propose = async () => {
    setPhase({ kind: 'proposing' });
    const r = await api.cleanup.propose({ item, request });
    onChange?.(null);
    if (!r.ok) return setPhase({ kind: 'refused', message: errorLine(t, r.error) });
    const v = r.value;
    setPhase(
      v.status === 'proposed'
        ? { kind: 'proposed', token: v.token, summary: v.summary }
        : { kind: 'refused', message: v.message[lang] },
    );
  };
  const confirm = async (token: string) => {
    setPhase({ kind: 'running' });
    const r = await api.cleanup.confirm({ token });
    if (!r.ok) return setPhase({ kind: 'refused', message: errorLine(t, r.error) });
    setPhase({ kind: 'done', result: r.value });
    onChange?.(r.value);
  };

  const busy = phase.kind === 'proposing' || phase.kind === 'running';
  return (
    <li className="cleanup-step">
      <button type="button" disabled={busy || phase.kind === 'proposed'} onClick={() => void propose()}>
        {label}
      </button>
      {phase.kind === 'proposed' && (
        <div className="proposal" role="group" aria-label={t('cleanup.guide.confirmStep', { step: label })}>
          <p>
            {t('cleanup.guide.proposed')} <code>{phase.summary[lang]}</code>
          </p>
          <button
            type="button"
            ref={confirmRef}
            className="primary-outline"
            aria-label={t('cleanup.guide.confirmStep', { step: label })}
            onClick={() => void confirm(phase.token)}
          >
            {t('cleanup.guide.confirm')}
          </button>{' '}
          <button type="button" onClick={() => setPhase({ kind: 'idle' })}>
            {t('cleanup.guide.cancel')}
          </button>
        </div>
      )}
      {busy && (
        <p role="status" className="note">
          {t('cleanup.guide.running')}
        </p>
      )}
      {phase.kind === 'running' && request.step === 'rescan' && <RescanProgress item={item} />}
      {phase.kind === 'refused' && (
        <p role="alert" className="step-refused">
          {t('cleanup.guide.refused', { message: phase.message })}
        </p>
      )}
      {phase.kind === 'done' && (
        <div role="status" className={`step-result outcome-${phase.result.outcome}`}>
          <p>
            <strong>{t(`cleanup.guide.outcome.${phase.result.outcome}`)}:</strong>{' '}
            {phase.result.message[lang]}
          </p>
          {phase.result.step === 'rescan' && typeof phase.result.data?.gone === 'boolean' && (
            <p>{t(phase.result.data.gone ? 'cleanup.guide.rescanGone' : 'cleanup.guide.rescanStill')}</p>
          )}
        </div>
      )}
    </li>
  );
}
