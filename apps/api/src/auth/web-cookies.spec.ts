import { parseCookies, safeReturnTo, serializeCookie } from './web-cookies';

describe('safeReturnTo', () => {
  it('keeps paths of this origin, with their query', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo('')).toBe('/');
    expect(safeReturnTo('/')).toBe('/');
    expect(safeReturnTo('/regulations?ward=hang-bac&stage=vote')).toBe('/regulations?ward=hang-bac&stage=vote');
    expect(safeReturnTo('/quy-uoc/ti%E1%BA%BFng-vi%E1%BB%87t#comments')).toBe('/quy-uoc/ti%E1%BA%BFng-vi%E1%BB%87t#comments');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'regulations',
    'javascript:alert(1)',
    '/a\nSet-Cookie: x=1',
    '/a\u0000',
    `/${'a'.repeat(2000)}`,
  ])('refuses %j', (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });

  it('refuses a non-string (a repeated query parameter)', () => {
    expect(safeReturnTo(['/a', '/b'])).toBeNull();
  });
});

describe('cookies', () => {
  it('parses a Cookie header; the first of a repeated name wins; quoted values unquoted', () => {
    const cookies = parseCookies('reglife_session=abc; other="q v"; reglife_session=second; broken; =x');
    expect([...cookies]).toEqual([
      ['reglife_session', 'abc'],
      ['other', 'q v'],
    ]);
    expect(parseCookies(undefined).size).toBe(0);
  });

  it('serializes HttpOnly, SameSite=Lax, Path=/ cookies, Secure only when asked, and deletions', () => {
    expect(serializeCookie('reglife_session', 'v', { maxAge: 3600.7, secure: false })).toBe('reglife_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600');
    expect(serializeCookie('reglife_session', 'v', { maxAge: 60, secure: true })).toBe('reglife_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure');
    expect(serializeCookie('reglife_login', '', { maxAge: 0, secure: false })).toBe(
      'reglife_login=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    );
  });
});
