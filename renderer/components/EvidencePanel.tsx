// The evidence of one cleanup target: executable, hash, signer, parent, command line, start time and
// the startup entries, gathered by main once per target (Authenticode runs per cleanup, not per scan).
import { useTranslation } from 'react-i18next';
import type { PersistenceEntry, ProcessEvidence } from '../../shared/licensing/cleanup-schema';
import { TechnicalDetails } from './TechnicalDetails';

/** One line describing a startup entry (the key/value, shortcut, task or service). */
export function persistenceText(p: PersistenceEntry): string {
  switch (p.type) {
    case 'run-key':
      return `${p.key} : ${p.valueName || '(Default)'} = ${p.data}`;
    case 'startup-shortcut':
      return p.path;
    case 'scheduled-task':
      return `${p.taskPath} → ${p.command}`;
    case 'service':
      return `${p.name} → ${p.imagePath}`;
  }
}

/** The evidence as a description list; `null` fields show "(unknown)". */
export function EvidencePanel({ evidence }: { evidence: ProcessEvidence }) {
  const { t } = useTranslation();
  const unknown = t('cleanup.guide.unknown');
  const sig = evidence.signature;
  const rows: [string, string][] = [
    [t('cleanup.guide.ev.path'), evidence.path ?? unknown],
    [t('cleanup.guide.ev.sha256'), evidence.sha256 ?? unknown],
    [t('cleanup.guide.ev.signer'), sig ? `${sig.signer ?? unknown} (${sig.status})` : unknown],
    [
      t('cleanup.guide.ev.parent'),
      evidence.parentPid === null ? unknown : `${evidence.parentName ?? unknown} (PID ${evidence.parentPid})`,
    ],
    [t('cleanup.guide.ev.commandLine'), evidence.commandLine ?? unknown],
    [t('cleanup.guide.ev.startTime'), evidence.startTime ?? unknown],
  ];
  return (
    <>
      <dl className="evidence-list">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              <code>{v}</code>
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('cleanup.guide.ev.persistence')}</dt>
          <dd>
            {evidence.persistence.length === 0 ? (
              t('cleanup.guide.ev.noPersistence')
            ) : (
              <ul>
                {evidence.persistence.map((p, i) => (
                  <li key={i}>
                    <code>{persistenceText(p)}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {evidence.notes.length > 0 && (
          <div>
            <dt>{t('cleanup.guide.ev.notes')}</dt>
            <dd>
              <ul>
                {evidence.notes.map((n, i) => (
                  <li key={i}>
                    {t(n.code, n.params ?? {})}
                    <TechnicalDetails text={n.detail} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}
