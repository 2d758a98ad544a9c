import { smtpOptionsFromUrl } from './smtp-options';

describe('smtpOptionsFromUrl', () => {
  it('reads host, port and credentials', () => {
    expect(smtpOptionsFromUrl('smtp://tandem:s%40cret@mail.library.org:2525')).toMatchObject({
      host: 'mail.library.org',
      port: 2525,
      secure: false,
      auth: { user: 'tandem', pass: 's@cret' },
    });
  });

  it('uses implicit TLS on 465 for smtps', () => {
    expect(smtpOptionsFromUrl('smtps://mail.library.org')).toMatchObject({ port: 465, secure: true, auth: undefined });
  });

  it('honours ignoreTLS for local sinks', () => {
    expect(smtpOptionsFromUrl('smtp://127.0.0.1:1025?ignoreTLS=true')).toMatchObject({ port: 1025, ignoreTLS: true });
  });
});
