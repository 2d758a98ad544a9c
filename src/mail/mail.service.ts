import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { mailConfig, MailConfig } from '../config/configuration';
import { smtpOptionsFromUrl } from './smtp-options';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Our own Message-ID (`<…@…>`), stable across retries of the same email. */
  messageId?: string;
  /** RFC 2369/8058 unsubscribe: List-Unsubscribe (and One-Click with `oneClick`). */
  unsubscribeUrl?: string;
}

/** An SMTP refusal that retrying will not fix (a 5xx reply). */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** An SMTP error as it may be stored and shown: without any email address in it, at most 500 characters. */
export function describeSmtpError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>').slice(0, 500);
}

/**
 * Sends email over SMTP_URL with nodemailer, through a pool of MAIL_CONCURRENCY connections.
 * Logs ids and outcomes, never addresses.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(@Inject(mailConfig.KEY) private readonly config: MailConfig) {
    // Pooled connections stay open across messages (nodemailer would reconnect every 100).
    this.transport = createTransport({
      ...smtpOptionsFromUrl(config.smtpUrl),
      pool: true,
      maxConnections: config.concurrency,
      maxMessages: Infinity,
    });
  }

  /** Sends one email; rejects with the SMTP error when the server refuses it. */
  async send(mail: OutgoingMail, kind: string): Promise<string> {
    const { unsubscribeUrl, ...message } = mail;
    const info = await this.transport.sendMail({
      from: this.config.from,
      ...message,
      ...(unsubscribeUrl && { list: { unsubscribe: { url: unsubscribeUrl, comment: 'Stop these emails' } } }),
      headers: { ...mail.headers, ...(unsubscribeUrl && { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }) },
    });
    this.logger.debug({ kind, messageId: info.messageId }, 'email sent');
    return info.messageId;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
