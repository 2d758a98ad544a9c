import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './eventually';

/** An in-process SMTP server that keeps what it receives, for asserting on real email. */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  private rejectNext = 0;
  private rejectCode = 550;
  /**
   * Asked before each message is accepted (before the 250 reply): resolve `accept`, or `drop` to
   * answer 421 and keep nothing (the client never learns the message was taken).
   */
  beforeAccept?: (mail: ParsedMail) => Promise<'accept' | 'drop'>;
  private server: SMTPServer;

  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        if (this.rejectNext > 0) {
          this.rejectNext -= 1;
          stream.resume();
          const text = this.rejectCode >= 500 ? 'Mailbox unavailable' : 'Try again later';
          const error = Object.assign(new Error(text), { responseCode: this.rejectCode });
          stream.on('end', () => callback(error));
          return;
        }
        simpleParser(stream)
          .then(async (mail) => {
            if (this.beforeAccept && (await this.beforeAccept(mail)) === 'drop') {
              callback(Object.assign(new Error('Service not available'), { responseCode: 421 }));
              return;
            }
            this.messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}?ignoreTLS=true`;
  }

  /** The next `count` messages are refused: a permanent 550 unless another code is given (451: transient). */
  rejectNextMessages(count = 1, code = 550): void {
    this.rejectNext = count;
    this.rejectCode = code;
  }

  /**
   * Messages as a mail store keeps them: one per Message-ID (a second copy of the same message —
   * the same Message-ID — is dropped, as Gmail and most stores do).
   */
  stored(): ParsedMail[] {
    const seen = new Set<string>();
    return this.messages.filter((mail) => {
      const id = mail.messageId ?? '';
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((mail) =>
      [mail.to].flat().some((to) => to?.value.some((entry) => entry.address?.toLowerCase() === address.toLowerCase())),
    );
  }

  async waitFor(address: string, count = 1, timeoutMs = 5000): Promise<ParsedMail[]> {
    return eventually(
      `${count} email(s) to ${address}`,
      () => {
        const received = this.to(address);
        if (received.length < count) throw new Error(`got ${received.length}`);
        return received;
      },
      { timeoutMs },
    );
  }

  /** The X-Tandem-Delivery ids of the messages received, in order (duplicates kept). */
  deliveryIds(): string[] {
    return this.messages.map((mail) => {
      const id = mail.headers.get('x-tandem-delivery');
      return typeof id === 'string' ? id : '';
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
