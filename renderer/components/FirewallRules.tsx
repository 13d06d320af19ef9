// The firewall rules this app made (named with its prefix), each removable through the same
// two-phase step as everything else.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLine } from '../error-text';
import type { StepResult } from '../../shared/licensing/cleanup-schema';
import { useApi } from '../app-context';
import { CleanupStep } from './CleanupStep';

/** Lists our block rules; reloads when `version` changes. */
export function FirewallRules(props: {
  item: string;
  version: number;
  onChange: (r: StepResult | null) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [rules, setRules] = useState<{ ips: string[]; error?: string } | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void api.cleanup.firewallRules().then((r) => {
      if (live) setRules(r.ok ? r.value : { ips: [], error: errorLine(t, r.error) });
    });
    return () => {
      live = false;
    };
  }, [api, props.version, reload, t]);

  return (
    <section aria-labelledby="cleanup-rules-title">
      <h3 id="cleanup-rules-title">{t('cleanup.guide.rulesTitle')}</h3>
      {rules?.error && <p role="alert">{t('cleanup.guide.rulesError', { error: rules.error })}</p>}
      {rules && rules.ips.length === 0 && !rules.error && <p>{t('cleanup.guide.rulesNone')}</p>}
      {rules && rules.ips.length > 0 && (
        <ul className="steps">
          {rules.ips.map((ip) => (
            <CleanupStep
              key={ip}
              item={props.item}
              label={t('cleanup.guide.step.removeRule', { ip })}
              request={{ step: 'remove-block-rule', ip }}
              onChange={props.onChange}
            />
          ))}
        </ul>
      )}
      <button type="button" className="small" onClick={() => setReload((n) => n + 1)}>
        {t('cleanup.guide.rulesRefresh')}
      </button>
    </section>
  );
}
