// Picks the person's unit from the list the tally publishes, so the code sent is one the tally
// knows (an unknown unit is refused there with 422). Typing the code by hand stays possible.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLine } from '../error-text';
import type { UnitList } from '../../shared/tally/units';
import { useApi, useApp } from '../app-context';

/** "Load the unit list" then a select; saves the tally address first, since main reads it from Settings. */
export function UnitPicker({
  tallyUrl,
  unitCode,
  onPick,
}: {
  tallyUrl: string;
  unitCode: string;
  onPick: (code: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const save = useApp((s) => s.saveSettings);
  const [units, setUnits] = useState<UnitList | null>(null);
  const [note, setNote] = useState('');
  const [loading, setLoading] = useState(false);
  const selectId = useId();

  const load = async () => {
    setLoading(true);
    setNote('');
    try {
      if (!(await save({ tallyUrl }))) return;
      const r = await api.tally.units();
      if (r.ok) {
        setUnits(r.value);
        setNote(t('settings.unitsLoaded', { count: r.value.length }));
      } else setNote(errorLine(t, r.error));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="unit-picker">
      <button type="button" onClick={() => void load()} disabled={loading || tallyUrl === ''}>
        {loading ? t('settings.unitsLoading') : t('settings.loadUnits')}
      </button>
      {units && units.length > 0 && (
        <>
          <label htmlFor={selectId}>{t('settings.pickUnit')}</label>
          <select id={selectId} value={unitCode} onChange={(e) => onPick(e.target.value)}>
            <option value="">{t('settings.pickUnitNone')}</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name} ({u.code})
              </option>
            ))}
          </select>
        </>
      )}
      <p role="status" className="note">
        {note}
      </p>
    </div>
  );
}
