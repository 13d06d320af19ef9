// The self-check's verdict, worded for a non-specialist. The state comes from the one rule in
// shared/scan/verdict.ts; this view only says it: a headline per state, then, apart from it, what
// else is worth knowing (signs beside an infection, an ended connection, the sample list, notices,
// names the hosts file blocks) as information that does not change the headline.
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../shared/domain';
import { endpoint } from '../../shared/ipc/connection-rows';
import type { CrackedProduct, Verdict } from '../../shared/scan/verdict';
import { useApp } from '../app-context';
import { targetOfRow } from './cleanup-target';
import { CampaignContacts, ItContact } from './Contacts';
import { StateIcon } from './HomeStatus';

const connectionKey = (f: Finding) =>
  f.connection
    ? `${f.connection.pid ?? ''}|${f.connection.remoteAddress}|${f.connection.remotePort}|${f.connection.localPort}`
    : `${f.via}|${f.indicator}|${f.domain ?? ''}`;

const unique = (list: Finding[]) => {
  const seen = new Set<string>();
  return list.filter((f) => {
    const k = connectionKey(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

function ProductList({ products }: { products: CrackedProduct[] }) {
  const { t } = useTranslation();
  return (
    <ul className="products">
      {products.map((p) => (
        <li key={`${p.kind}|${p.name}`}>{t(`verdict.product.${p.kind}`, { name: p.name })}</li>
      ))}
    </ul>
  );
}

function RecentList({ recent }: { recent: Finding[] }) {
  const { t } = useTranslation();
  return (
    <ul className="recent">
      {unique(recent).map((f) => (
        <li key={connectionKey(f)}>
          {t('verdict.recentItem', {
            remote: f.connection
              ? endpoint(f.connection.remoteAddress, f.connection.remotePort)
              : f.indicator,
            indicator: f.domain ?? f.indicator,
            state: f.connection?.state || '?',
          })}
        </li>
      ))}
    </ul>
  );
}

function Infected({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  const connections = unique(verdict.findings.filter((f) => f.via === 'connection' && f.connection));
  const names = unique(verdict.findings.filter((f) => f.via !== 'connection'));
  return (
    <>
      <h2 tabIndex={-1}>{t('check.flagged_title')}</h2>
      {connections.length > 0 && (
        <>
          <p className="verdict-count">{t('check.flagged', { count: connections.length })}</p>
          <p>{t('check.programs')}</p>
          <ul className="programs">
            {connections.map((f) => (
              <li key={connectionKey(f)}>
                {t('check.program', {
                  name: f.connection!.processName ?? t('check.unknownProgram'),
                  pid: f.connection!.pid ?? '?',
                  remote: endpoint(f.connection!.remoteAddress, f.connection!.remotePort),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {names.length > 0 && (
        <>
          <p className={connections.length === 0 ? 'verdict-count' : undefined}>
            {t('verdict.names', { count: names.length })}
          </p>
          <ul>
            {names.map((f) => (
              <li key={connectionKey(f)}>
                {t(`verdict.via.${f.via === 'hosts-file' ? 'hosts-file' : 'dns-cache'}`, {
                  name: f.domain ?? f.indicator,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('check.next_title')}</h3>
      <ol>
        <li>{t('check.next1')}</li>
        <li>{t('check.next2')}</li>
        <li>{t('check.next3')}</li>
      </ol>
    </>
  );
}

const TONE = { infected: 'bad', recent: 'warn', cracked: 'warn', sample: 'info', clean: 'ok' } as const;

const CLASS: Record<Verdict['state'], string> = {
  infected: 'verdict verdict-bad',
  recent: 'verdict verdict-warn',
  cracked: 'verdict verdict-warn',
  sample: 'verdict verdict-info',
  clean: 'verdict verdict-ok',
};

/** The verdict box of the self-check for one decided verdict. */
export function VerdictView({
  verdict,
  connectionsChecked,
  children,
}: {
  verdict: Verdict;
  connectionsChecked: number;
  /** Notes shown above the buttons (warnings, when the check ran). */
  children?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const go = useApp((s) => s.go);
  const rows = useApp((s) => s.rows);
  const startCleanup = useApp((s) => s.startCleanup);
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { state } = verdict;
  // The guided cleanup starts on the first flagged connection (Details lists every one).
  const flagged = rows.find((r) => r.flagged && r.pid !== null) ?? rows.find((r) => r.flagged);
  return (
    <div className={CLASS[state]} data-verdict={state}>
      <StateIcon tone={TONE[state]} />
      <div className="verdict-body">
        {state === 'infected' && <Infected verdict={verdict} />}
        {state === 'recent' && (
          <>
            <h2 tabIndex={-1}>{t('verdict.recent_title')}</h2>
            <p>{t('verdict.recent')}</p>
            <RecentList recent={verdict.recent} />
            <p>{t('verdict.recentNext')}</p>
          </>
        )}
        {state === 'cracked' && (
          <>
            <h2 tabIndex={-1}>{t('verdict.cracked_title')}</h2>
            <p>{t('verdict.cracked')}</p>
            <ProductList products={verdict.products} />
            <p>{t('verdict.crackedNext')}</p>
          </>
        )}
        {state === 'sample' && (
          <>
            <h2 tabIndex={-1}>{t('verdict.sample_title')}</h2>
            <p>{t('verdict.sample')}</p>
            <p>{t('verdict.sampleNext')}</p>
          </>
        )}
        {state === 'clean' && (
          <>
            <h2 tabIndex={-1}>{t('check.clean_title')}</h2>
            <p>{t('check.clean', { count: connectionsChecked })}</p>
            <p>{t('check.cleanNext')}</p>
          </>
        )}

        {state !== 'recent' && verdict.recent.length > 0 && (
          <section className="verdict-extra" aria-label={t('verdict.recent_title')}>
            <h3>{t('verdict.recent_title')}</h3>
            <p>{t('verdict.recentAlso')}</p>
            <RecentList recent={verdict.recent} />
          </section>
        )}
        {state !== 'cracked' && verdict.products.length > 0 && (
          <section className="verdict-extra" aria-label={t('verdict.cracked_title')}>
            <h3>{t('verdict.cracked_title')}</h3>
            <ProductList products={verdict.products} />
          </section>
        )}
        {state !== 'sample' && verdict.sample && <p className="verdict-extra">{t('verdict.sampleAlso')}</p>}
        {(verdict.notices.length > 0 || verdict.blocked.length > 0) && (
          <section className="verdict-notes" aria-label={t('verdict.info_title')}>
            <h3>{t('verdict.info_title')}</h3>
            <ul>
              {verdict.notices.map((f, i) => (
                <li key={`n${i}`}>
                  {f.kind === 'not-activated'
                    ? t('verdict.notActivated', { name: f.indicator })
                    : (f.explanation?.[lang] ?? f.indicator)}
                </li>
              ))}
              {verdict.blocked.map((b, i) => (
                <li key={`b${i}`}>{t('verdict.blocked', { name: b.domain, address: b.address })}</li>
              ))}
            </ul>
          </section>
        )}
        {state === 'infected' && (
          <div className="contacts">
            <ItContact />
            <CampaignContacts />
          </div>
        )}
        {children}
        <div className="actions">
          {state === 'infected' && flagged && (
            <button
              type="button"
              className="primary-outline"
              onClick={() => startCleanup(targetOfRow(flagged))}
            >
              {t('verdict.toGuided')}
            </button>
          )}
          {verdict.products.length > 0 && (
            <button
              type="button"
              className={state === 'cracked' ? 'primary-outline' : undefined}
              onClick={() => go('cracked')}
            >
              {t('verdict.toCracked')}
            </button>
          )}
          {verdict.sample && (
            <button type="button" onClick={() => go('settings')}>
              {t('verdict.toSettings')}
            </button>
          )}
          <button type="button" onClick={() => go('details')}>
            {t('check.toDetails')}
          </button>
          {state === 'infected' && (
            <button type="button" onClick={() => go('cleanup')}>
              {t('check.toCleanup')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
