import { ArgumentsHost, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotFoundError, TooManyRequestsError, ValidationFailedError } from '../errors/domain-error';
import { publicBodyInput } from './public-body.interceptor';
import { minutesToWait } from './public-page';
import { PublicPageFilter, PublicPages } from './public-page.filter';
import { setPostedBody, setPublicLink } from './public-request';

class LinkNotFoundError extends NotFoundError {
  constructor() {
    super('LINK_NOT_FOUND', 'No such link.');
  }
}

const PAGES: PublicPages<{ name: string; language?: string }> = {
  name: 'test',
  preferredLanguage: (link) => link.language ?? null,
  errorPage: (error, locale) =>
    error instanceof LinkNotFoundError ? `<p>not found (${locale.language})</p>` : undefined,
  formPage: ({ link, token, body, isForm }, errors, locale) =>
    `form of ${link.name} at ${token}: ${JSON.stringify(body)} ${String(isForm)} ${errors.map((e) => e.field).join()} ${locale.language}`,
};

interface Sent {
  status?: number;
  type?: string;
  body?: string;
  headers: Record<string, string>;
}

function call(thrown: unknown, request: Partial<Request>, pages: PublicPages<never> = PAGES): Sent {
  const sent: Sent = { headers: {} };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    set(headers: Record<string, string>) {
      Object.assign(sent.headers, headers);
      return this;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  };
  const req = { path: '/x', params: { token: 'tok' }, headers: {}, query: {}, ...request } as Request;
  const host = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => response as unknown as Response }),
  } as ArgumentsHost;
  new PublicPageFilter(pages).catch(thrown, host);
  return sent;
}

const browser = (): Partial<Request> => ({ method: 'POST', is: () => 'application/x-www-form-urlencoded' });
const jsonClient = (): Partial<Request> => ({
  method: 'POST',
  is: () => false,
  accepts: (() => 'application/json') as Request['accepts'],
});

describe(PublicPageFilter.name, () => {
  // Refused posts and 500s are logged; that is not what these tests look at.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  it("answers a browser with the surface's page at the problem's status", () => {
    expect(call(new LinkNotFoundError(), browser())).toMatchObject({
      status: 404,
      type: 'html',
      body: '<p>not found (en)</p>',
    });
    expect(call(new LinkNotFoundError(), { method: 'GET', is: () => null })).toMatchObject({ status: 404 });
  });

  it('answers other clients, and errors without a page, with problem details', () => {
    expect(call(new LinkNotFoundError(), jsonClient())).toMatchObject({
      status: 404,
      type: 'application/problem+json',
    });
    expect(call(new Error('boom'), browser())).toMatchObject({ status: 500, type: 'application/problem+json' });
  });

  it('answers every 429 with the shared page and its Retry-After', () => {
    const sent = call(new TooManyRequestsError('TOO_MANY', 'slow down', 61), browser());
    expect(sent).toMatchObject({ status: 429, headers: { 'Retry-After': '61' } });
    expect(sent.body).toContain('Please try again in 2 minutes.');
  });

  it("speaks the browser's language, or the link's, on its pages", () => {
    const spanishPhone = { ...browser(), headers: { 'accept-language': 'es-US,es;q=0.9,en;q=0.5' } };
    const tooMany = call(new TooManyRequestsError('TOO_MANY', 'slow down', 61), spanishPhone);
    expect(tooMany.body).toMatch(/<html lang="es">[\s\S]*Inténtalo otra vez en 2 minutos\./);
    expect(call(new LinkNotFoundError(), spanishPhone).body).toBe('<p>not found (es)</p>');
    const request = browser() as Request;
    setPublicLink(request, { name: 'Tareas', language: 'es' }, 'link-1');
    setPostedBody(request, { body: { rating: 'x' }, isForm: true });
    const errors = new ValidationFailedError([{ field: 'rating', message: 'must be an integer number' }]);
    expect(call(errors, request).body).toMatch(/ es$/);
    expect(call(errors, { ...request, query: { lang: 'en' } }).body).toMatch(/ en$/);
  });

  it('shows the form again with what was posted, once the link is resolved', () => {
    const request = browser() as Request;
    const errors = new ValidationFailedError([{ field: 'rating', message: 'must be an integer number' }]);
    expect(call(errors, request)).toMatchObject({ type: 'application/problem+json' });
    setPublicLink(request, { name: 'Drop-in' }, 'link-1');
    setPostedBody(request, { body: { rating: 'x' }, isForm: true });
    expect(call(errors, request)).toMatchObject({
      status: 400,
      body: 'form of Drop-in at tok: {"rating":"x"} true rating en',
    });
  });

  it('answers pages to every client on an always-HTML surface', () => {
    expect(call(new LinkNotFoundError(), jsonClient(), { ...PAGES, alwaysHtml: true })).toMatchObject({
      status: 404,
      type: 'html',
    });
  });
});

describe(publicBodyInput.name, () => {
  const toBody = (form: Record<string, unknown>) => ({
    input: { n: Number(form.n) },
    unknownFields: Object.keys(form).filter((key) => key !== 'n'),
  });
  const fieldsOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as ValidationFailedError).errors;
    }
    return [];
  };

  it('keeps a JSON object and maps a form', () => {
    expect(publicBodyInput({ n: 1 }, false, toBody)).toEqual({ n: 1 });
    expect(publicBodyInput({ n: '2' }, true, toBody)).toEqual({ n: 2 });
  });

  it('refuses a body that is not an object, and form fields the form does not have', () => {
    for (const body of [null, undefined, [1], 'x'])
      expect(fieldsOf(() => publicBodyInput(body, false, toBody))).toEqual([
        { field: 'body', message: 'must be a JSON object or a form post' },
      ]);
    expect(fieldsOf(() => publicBodyInput({ n: '1', ['x'.repeat(100)]: '' }, true, toBody))).toEqual([
      { field: 'x'.repeat(60), message: 'is not an allowed field' },
    ]);
  });
});

describe('minutesToWait', () => {
  it('says the wait of a 429 in plain words, rounded up', () => {
    expect(minutesToWait(1)).toBe('1 minute');
    expect(minutesToWait(61)).toBe('2 minutes');
    expect(minutesToWait(599)).toBe('10 minutes');
    expect(minutesToWait(3599)).toBe('1 hour');
    expect(minutesToWait(3600)).toBe('1 hour');
    expect(minutesToWait(3601)).toBe('about 2 hours');
    expect(minutesToWait(86_400)).toBe('about 24 hours');
  });
});
