// "Lưu dữ liệu cho cán bộ CNTT": saves this PC's capture folder (the same files as collect.cmd) with
// a progress bar, then says where the folder is and what could not be saved, so IT staff can copy
// it to a USB stick or a share and read it with `sachmadoc scan --captures`.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../shared/ipc/contract';
import { useApi } from '../app-context';

interface Saved {
  folder: string;
  files: { name: string; bytes: number }[];
  failed: { name: string; reason: string }[];
}

/** The save-captures block of the network-monitoring screen. */
export function SaveCaptures() {
  const { t } = useTranslation();
  const api = useApi();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; file: string } | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const save = async () => {
    setRunning(true);
    setSaved(null);
    setError(null);
    setProgress(null);
    const off = api.captures.onProgress((p) => setProgress(p));
    try {
      const r = await api.captures.save({});
      if (r.ok) setSaved(r.value);
      else setError(r.error);
    } finally {
      off();
      setRunning(false);
    }
  };

  return (
    <section aria-labelledby="captures-title" className="captures">
      <h2 id="captures-title">{t('hunt.captures.title')}</h2>
      <p>{t('hunt.captures.intro')}</p>
      <button type="button" onClick={() => void save()} disabled={running}>
        {t('hunt.captures.button')}
      </button>
      {running && (
        <div>
          <progress
            aria-label={t('hunt.captures.progressLabel')}
            value={progress?.done ?? 0}
            max={progress?.total ?? 1}
          />
          {progress && (
            <p>
              {t('hunt.captures.progress', {
                file: progress.file,
                done: progress.done,
                total: progress.total,
              })}
            </p>
          )}
        </div>
      )}
      {error && (
        <div role="alert" className="error">
          <p>{error.message}</p>
          {error.hint && <p>{error.hint}</p>}
        </div>
      )}
      {saved && !running && (
        <div role="status">
          <p>
            {t('hunt.captures.saved', { count: saved.files.length })} <code>{saved.folder}</code>
          </p>
          <p>{t('hunt.captures.next')}</p>
          {saved.failed.length > 0 && (
            <>
              <p>{t('hunt.captures.failed', { count: saved.failed.length })}</p>
              <ul>
                {saved.failed.map((f) => (
                  <li key={f.name}>
                    <code>{f.name}</code>: {f.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
