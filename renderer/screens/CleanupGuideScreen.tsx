// Guided cleanup for IT staff, for one flagged connection or licensing sign: the evidence, the steps
// (each proposed by main, shown exactly, then confirmed), our firewall rules, the action log and the
// evidence report. Reached from "Clean up" on a Details row or a sign on the cracked-software screen.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLine } from '../error-text';
import type { ProcessEvidence, StepResult } from '../../shared/licensing/cleanup-schema';
import { endpoint } from '../../shared/ipc/connection-rows';
import { useApi, useApp } from '../app-context';
import { CleanupLog, CleanupReport } from '../components/CleanupLog';
import { CleanupStep } from '../components/CleanupStep';
import type { CleanupTarget } from '../components/cleanup-target';
import { EvidencePanel, persistenceText } from '../components/EvidencePanel';
import { FirewallRules } from '../components/FirewallRules';

function useEvidence(target: CleanupTarget) {
  const api = useApi();
  const { t } = useTranslation();
  const [state, setState] = useState<{
    evidence: ProcessEvidence | null;
    error: string | null;
    busy: boolean;
  }>({
    evidence: null,
    error: null,
    busy: false,
  });
  const gather = useCallback(async () => {
    setState({ evidence: null, error: null, busy: true });
    const r = await api.cleanup.evidence({ item: target.item, pid: target.pid, path: target.processPath });
    setState(
      r.ok
        ? { evidence: r.value, error: null, busy: false }
        : { evidence: null, error: errorLine(t, r.error), busy: false },
    );
  }, [api, target, t]);
  return { ...state, gather };
}

/** The guided cleanup screen. */
export function CleanupGuideScreen() {
  const { t } = useTranslation();
  const target = useApp((s) => s.cleanupTarget);
  const go = useApp((s) => s.go);
  return (
    <section aria-labelledby="guide-title" className="guide">
      <h1 id="guide-title" tabIndex={-1}>
        {t('cleanup.guide.title')}
      </h1>
      {target ? (
        <Guide key={target.item} target={target} />
      ) : (
        <>
          <p>{t('cleanup.guide.none')}</p>
          <button type="button" onClick={() => go('details')}>
            {t('cleanup.guide.back')}
          </button>
        </>
      )}
    </section>
  );
}

function Guide({ target }: { target: CleanupTarget }) {
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [toolNote, setToolNote] = useState('');
  const ev = useEvidence(target);
  const { gather } = ev;
  const canGather = target.pid !== null || target.processPath !== null;

  useEffect(() => {
    if (canGather) void gather();
  }, [canGather, gather]);

  const onChange = useCallback(
    (r: StepResult | null) => {
      setVersion((n) => n + 1);
      if (r?.step === 'open-cleanup-tool' && r.outcome === 'ok')
        void api.app.openOfficial({ target: 'cleanup-tool' }).then((o) => {
          if (!o.ok) setToolNote(errorLine(t, o.error));
          else
            setToolNote(
              o.value.opened ? t('common.openedInBrowser') : t('common.openManually', { url: o.value.url }),
            );
        });
    },
    [api, t],
  );

  // The re-check after removing a hosts block: the same check as "Kiểm tra ngay", said here in words.
  const runScan = useApp((s) => s.runScan);
  const scanning = useApp((s) => s.scanning);
  const [recheckNote, setRecheckNote] = useState('');
  const recheck = async () => {
    setRecheckNote('');
    const report = await runScan();
    const still = report?.findings.some(
      (f) => f.kind === 'hosts-activation-block' && f.indicator === target.sign?.name,
    );
    setRecheckNote(
      still
        ? t('cleanup.guide.hosts.stillThere', { name: target.sign?.name ?? '' })
        : t('cleanup.guide.hosts.gone', { name: target.sign?.name ?? '' }),
    );
  };

  const unknown = t('cleanup.guide.unknown');
  const name = target.processName ?? unknown;
  const remote = target.remoteAddress;
  return (
    <>
      <p className="target">
        <strong>{t('cleanup.guide.target')}:</strong>{' '}
        {target.kind === 'connection'
          ? t('cleanup.guide.targetConnection', {
              process: name,
              pid: target.pid ?? unknown,
              remote: remote ? endpoint(remote, target.remotePort ?? 0) : unknown,
            })
          : t('cleanup.guide.targetSign', { name: target.sign?.name ?? unknown })}
      </p>
      {target.sign?.evidence && <code className="evidence">{target.sign.evidence}</code>}

      <section aria-labelledby="guide-evidence-title">
        <h2 id="guide-evidence-title">{t('cleanup.guide.evidenceTitle')}</h2>
        {ev.busy && <p role="status">{t('cleanup.guide.evidenceLoading')}</p>}
        {ev.error && <p role="alert">{ev.error}</p>}
        {ev.evidence && <EvidencePanel evidence={ev.evidence} />}
        {canGather && !ev.busy && (
          <button type="button" className="small" onClick={() => void gather()}>
            {t('cleanup.guide.evidenceLoad')}
          </button>
        )}
      </section>

      <section aria-labelledby="guide-steps-title">
        <h2 id="guide-steps-title">{t('cleanup.guide.stepsTitle')}</h2>
        <p>{t('cleanup.guide.stepsIntro')}</p>
        <ol className="steps">
          {target.pid !== null && (
            <CleanupStep
              item={target.item}
              label={t('cleanup.guide.step.terminate', { name, pid: target.pid })}
              request={{ step: 'terminate', pid: target.pid, name: ev.evidence?.name ?? name }}
              onChange={onChange}
            />
          )}
          {remote && (
            <CleanupStep
              item={target.item}
              label={t('cleanup.guide.step.block', { ip: remote })}
              request={{ step: 'block-address', ip: remote }}
              onChange={onChange}
            />
          )}
          {ev.evidence?.persistence.map((entry, i) => (
            <CleanupStep
              key={i}
              item={target.item}
              label={`${t('cleanup.guide.step.removePersistence')}: ${persistenceText(entry)}`}
              request={{ step: 'remove-persistence', entry }}
              onChange={onChange}
            />
          ))}
          {target.sign?.kind === 'hosts-activation-block' && target.sign.evidence && (
            <li className="hosts-step">
              <p>{t('cleanup.guide.hosts.explain', { name: target.sign.name })}</p>
              <p className="note">{t('cleanup.guide.hosts.admin')}</p>
              <ol className="steps">
                <CleanupStep
                  item={target.item}
                  label={t('cleanup.guide.hosts.step', { name: target.sign.name })}
                  request={{
                    step: 'remove-hosts-block',
                    vendor: target.sign.name,
                    evidence: target.sign.evidence,
                  }}
                  onChange={onChange}
                />
              </ol>
              <button type="button" onClick={() => void recheck()} disabled={scanning}>
                {scanning ? t('check.running') : t('cleanup.guide.hosts.recheck')}
              </button>
              <p role="status" className="note">
                {recheckNote}
              </p>
            </li>
          )}
          <CleanupStep
            item={target.item}
            label={t('cleanup.guide.step.openTool')}
            request={{ step: 'open-cleanup-tool' }}
            onChange={onChange}
          />
          {remote && (
            <CleanupStep
              item={target.item}
              label={t('cleanup.guide.step.rescan')}
              request={{
                step: 'rescan',
                target: {
                  remoteAddress: remote,
                  ...(target.remotePort !== null ? { remotePort: target.remotePort } : {}),
                  ...(target.pid !== null ? { pid: target.pid } : {}),
                  ...(target.domain ? { domain: target.domain } : {}),
                },
              }}
              onChange={onChange}
            />
          )}
        </ol>
        <p role="status" className="note">
          {toolNote}
        </p>
        <FirewallRules item={target.item} version={version} onChange={onChange} />
      </section>

      <CleanupLog item={target.item} version={version} />
      <CleanupReport />
    </>
  );
}
