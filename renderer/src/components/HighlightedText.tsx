import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import './highlighted-text.css';

/** A stretch of text to mark, [start, end) in UTF-16 code units as the backend reports it. */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * Text with some stretches marked, each followed by its number in the list
 * that explains it (the list is the caller's, in the same order). Spans that
 * overlap an earlier one are clipped, so no character is marked twice.
 */
export function HighlightedText({ text, spans, label }: { text: string; spans: readonly TextSpan[]; label: string }) {
  const { t } = useTranslation(['components', 'common']);
  const parts: ReactNode[] = [];
  let cursor = 0;
  spans.forEach((span, index) => {
    const start = Math.max(span.start, cursor);
    const end = Math.min(span.end, text.length);
    if (end <= start) return;
    if (start > cursor) parts.push(text.slice(cursor, start));
    parts.push(
      <mark key={index} className="highlight">
        {text.slice(start, end)}
        <span className="highlight-ref">
          <span className="visually-hidden"> {t('highlightedText.note')} </span>
          {index + 1}
          <span className="visually-hidden">)</span>
        </span>
      </mark>,
    );
    cursor = end;
  });
  if (cursor < text.length) parts.push(text.slice(cursor));
  return (
    <blockquote className="highlighted-text" aria-label={label}>
      {parts}
    </blockquote>
  );
}

/** The numbered explanations that go with a HighlightedText's marks. */
export function HighlightNotes({ notes }: { notes: readonly { text: string; message: string }[] }) {
  return (
    <ol className="highlight-notes">
      {notes.map((note, index) => (
        <li key={index}>
          <q className="highlight-quote">{note.text}</q> {note.message}
        </li>
      ))}
    </ol>
  );
}
