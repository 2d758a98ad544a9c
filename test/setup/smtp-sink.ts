import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An in-process SMTP server that keeps what it receives, for asserting on real email. */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  private rejectNext = 0;
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
          const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
          stream.on('end', () => callback(error));
          return;
        }
        simpleParser(stream)
          .then((mail) => {
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

  /** The next `count` messages are refused with a permanent 550. */
  rejectNextMessages(count = 1): void {
    this.rejectNext = count;
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((mail) =>
      [mail.to].flat().some((to) => to?.value.some((entry) => entry.address?.toLowerCase() === address.toLowerCase())),
    );
  }

  async waitFor(address: string, count = 1, timeoutMs = 5000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} email(s) to ${address}, got ${this.to(address).length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.to(address);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
