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
}

/** Sends email over SMTP_URL with nodemailer. Logs ids and outcomes, never addresses. */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(@Inject(mailConfig.KEY) private readonly config: MailConfig) {
    this.transport = createTransport(smtpOptionsFromUrl(config.smtpUrl));
  }

  /** Sends one email; rejects with the SMTP error when the server refuses it. */
  async send(mail: OutgoingMail, kind: string): Promise<string> {
    const info = await this.transport.sendMail({ from: this.config.from, ...mail });
    this.logger.log({ kind, messageId: info.messageId }, 'email sent');
    return info.messageId;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
