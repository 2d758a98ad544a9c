import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/**
 * nodemailer SMTP options from SMTP_URL (`smtp://user:pass@host:587`, `smtps://…:465`), with
 * timeouts so a dead server fails a send within seconds instead of hanging it.
 * `?ignoreTLS=true` and `?requireTLS=true` are honoured.
 */
export function smtpOptionsFromUrl(url: string): SMTPTransport.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username
      ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
      : undefined,
    ignoreTLS: parsed.searchParams.get('ignoreTLS') === 'true',
    requireTLS: parsed.searchParams.get('requireTLS') === 'true',
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  };
}
