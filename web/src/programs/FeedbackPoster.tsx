import type { PosterText } from './poster';
import { QrCode } from './QrCode';

/**
 * The feedback poster: the program's name, the lead in one language or two side by side (each
 * with its own `lang`, for screen readers and hyphenation), one QR code and the address. The same
 * markup is the dialog's preview and what the printer gets (print.css styles both).
 */
export function FeedbackPoster({
  programName,
  text,
  url,
  className,
  testId,
  urlTestId,
}: {
  programName: string;
  text: PosterText;
  url: string;
  className: string;
  testId?: string;
  urlTestId?: string;
}) {
  const display = url.replace(/^https?:\/\//, '');
  const both = text.parts.length > 1;
  return (
    <div
      className={`tandem-poster ${both ? 'tandem-poster-both' : ''} ${className}`}
      lang={text.language}
      data-testid={testId}
    >
      <p className="tandem-poster-title">{programName}</p>
      {text.parts.map((part) => (
        <p key={part.language} className="tandem-poster-lead" lang={part.language}>
          {part.lead}
        </p>
      ))}
      <QrCode value={url} label={text.qrLabel} />
      <p className="tandem-poster-url" data-testid={urlTestId}>
        {display}
      </p>
    </div>
  );
}
