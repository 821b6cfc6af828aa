import type { AuthorizationDocument } from '../../../../shared/authorization/document';
import { PageHeading } from '../../components/PageHeading';
import './document-view.css';

interface DocumentViewProps {
  document: AuthorizationDocument;
  /** 1 in patient mode (the document is the page), 2 inside a staff page, 3 under a section heading. */
  titleLevel: 1 | 2 | 3;
  /** `large` for patient mode; `compact` for the preview beside the form. */
  size?: 'compact' | 'normal' | 'large';
}

/**
 * The authorization as the patient sees it: the same blocks feed the live
 * preview, patient mode and the PDF, and their text is what the signature's
 * hash covers.
 */
export function DocumentView({ document, titleLevel, size = 'normal' }: DocumentViewProps) {
  const SectionHeading = titleLevel === 1 ? 'h2' : titleLevel === 2 ? 'h3' : 'h4';
  const title =
    titleLevel === 1 ? (
      <PageHeading>{document.title}</PageHeading>
    ) : titleLevel === 2 ? (
      <h2 className="document-title">{document.title}</h2>
    ) : (
      <h3 className="document-title">{document.title}</h3>
    );
  return (
    <article className={`authorization-text authorization-text-${size}`} lang={document.language}>
      {title}
      {document.blocks.map((block, index) => {
        const key = `${index}-${block.kind}`;
        switch (block.kind) {
          case 'heading':
            return (
              <SectionHeading key={key} className="document-heading">
                {block.text}
              </SectionHeading>
            );
          case 'paragraph':
            return <p key={key}>{block.text}</p>;
          case 'list':
            return block.items.length ? (
              <ul key={key}>
                {block.items.map((item, i) => (
                  <li key={`${i}-${item}`}>{item}</li>
                ))}
              </ul>
            ) : null;
        }
      })}
    </article>
  );
}
