import { useEffect, useState } from 'react';
import { EngineError } from '../api';
import { bridge, type PackExport, type PackFormat } from '../host';
import { ErrorSentence } from '../ui';

const FORMATS: Array<{ format: PackFormat; label: string; doing: string }> = [
  { format: 'pdf', label: 'Export PDF', doing: 'Printing the PDF' },
  { format: 'pptx', label: 'Export PowerPoint', doing: 'Writing the PowerPoint deck' },
  { format: 'xlsx', label: 'Export Excel', doing: 'Writing the Excel workbook' },
];

interface Running {
  format: PackFormat;
  started: number;
  /** Fraction of the file received (the browser downloads it); null while it is being made. */
  received: number | null;
}

/** A file name the user's system accepts: "Northwind — CX review 2026-Q2.pdf". */
export function packFileName(engagement: string, period: string, format: PackFormat): string {
  return (
    `${engagement} ${period}`
      .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() + `.${format}`
  );
}

/**
 * The three exports of the pack. The engine makes the file off this page's thread (the printer is
 * a browser of its own), so the screen stays usable; it shows what is being made, for how long,
 * and how much has arrived. Unsaved notes are saved first: a file never differs from the preview.
 */
export function ExportPanel({
  request,
  baseName,
  beforeExport,
  disabled,
}: {
  request: PackExport;
  baseName: { engagement: string; period: string };
  beforeExport: () => Promise<boolean>;
  disabled: boolean;
}) {
  const [running, setRunning] = useState<Running | null>(null);
  const [now, setNow] = useState(Date.now());
  const [done, setDone] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!running) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [running]);

  async function run(format: PackFormat) {
    setError(null);
    setDone('');
    if (!(await beforeExport())) return;
    const fileName = packFileName(baseName.engagement, baseName.period, format);
    setRunning({ format, started: Date.now(), received: null });
    setNow(Date.now());
    try {
      const result = await bridge().exportPack(format, request, fileName, (received) =>
        setRunning((r) => (r ? { ...r, received } : r)),
      );
      if (!result.ok) throw new EngineError(result.error);
      if (result.value === null) setDone('Export cancelled: nothing was written.');
      else setDone(result.value.savedTo ? `Saved ${result.value.savedTo}.` : `Downloaded ${fileName}.`);
    } catch (failure) {
      setError(failure);
    } finally {
      setRunning(null);
    }
  }

  const doing = FORMATS.find((f) => f.format === running?.format);
  const seconds = running ? Math.max(0, Math.floor((now - running.started) / 1000)) : 0;
  return (
    <div className="export-panel">
      <div className="export-buttons">
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className={format === 'pdf' ? 'primary' : undefined}
            disabled={disabled || running !== null}
            onClick={() => void run(format)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="export-status" aria-live="polite">
        {running && doing ? (
          <>
            <progress
              aria-label={doing.doing}
              {...(running.received === null ? {} : { value: running.received, max: 1 })}
            />
            <span className="muted" role="status" data-testid="export-progress">
              {running.received === null
                ? `${doing.doing}… ${seconds} s`
                : `Downloading… ${Math.round(running.received * 100)}%`}
            </span>
          </>
        ) : (
          <span role="status" data-testid="export-done" className="muted">
            {done || 'Each file holds the pack as the preview shows it, notes included.'}
          </span>
        )}
      </div>
      <ErrorSentence error={error} />
    </div>
  );
}
