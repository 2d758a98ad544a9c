/**
 * Why an email did not go out, in plain words, from the mail server's or the network's raw
 * answer (never shown as is: "connect ECONNREFUSED 127.0.0.1:1025" means nothing to an admin).
 * `notSetUp`: no mail server could be reached at all, the usual sign that email is not set up.
 */
export function mailProblemInWords(error: string | null): { sentence: string; notSetUp: boolean } {
  const raw = error ?? '';
  const tries = /gave up after (\d+) attempts/.exec(raw);
  const after = tries ? ` Tandem tried ${tries[1]} times.` : '';
  const say = (sentence: string, notSetUp = false) => ({ sentence: sentence + after, notSetUp });
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|getaddrinfo|EHOSTUNREACH|ENETUNREACH/i.test(raw))
    return say('Tandem could not reach a mail server: email is not set up yet, or the mail server is down.', true);
  if (/EAUTH|invalid login|authentication|\b53[045]\b/i.test(raw))
    return say('The mail server would not let Tandem sign in: the email settings need checking.');
  if (/certificate|\bTLS\b|\bSSL\b|wrong version number/i.test(raw))
    return say('Tandem could not open a secure connection to the mail server: the email settings need checking.');
  if (/ETIMEDOUT|timeout|timed out|greeting never received|ECONNRESET|socket|connection closed/i.test(raw))
    return say('The mail server did not answer in time.');
  if (/\b5\d\d\b/.test(raw))
    return say('The mail server refused this email: the address may be wrong or not take mail.');
  if (/\b4\d\d\b/.test(raw)) return say('The mail server was busy and asked Tandem to try again later.');
  return say('The email could not be sent.');
}
