import { validateApiEnv } from '../api.config';
import { webAuthEnvProblems } from './web-auth.config';

describe('web sign-in settings', () => {
  it('accepts none, or an issuer with its client', () => {
    expect(webAuthEnvProblems({})).toEqual([]);
    expect(
      webAuthEnvProblems({
        OIDC_ISSUER: 'http://127.0.0.1:8090',
        OIDC_CLIENT_ID: 'reglife-web',
        OIDC_CLIENT_SECRET: 's',
        OIDC_REDIRECT_URI: 'https://api.example/auth/callback',
        OIDC_SCOPE: 'openid profile email',
        WEB_SESSION_TTL_SECONDS: '3600',
      }),
    ).toEqual([]);
  });

  it('names each wrong setting', () => {
    expect(webAuthEnvProblems({ OIDC_ISSUER: 'ftp://idp', OIDC_REDIRECT_URI: 'not a url', OIDC_SCOPE: 'profile', WEB_SESSION_TTL_SECONDS: '0' })).toEqual([
      'OIDC_ISSUER must be an http(s) URL',
      'OIDC_REDIRECT_URI must be an http(s) URL',
      'OIDC_SCOPE must include openid',
      'WEB_SESSION_TTL_SECONDS must be a positive integer',
    ]);
    expect(webAuthEnvProblems({ OIDC_CLIENT_SECRET: 's', OIDC_RESOURCE: 'urn:reglife:api' })).toEqual([
      'OIDC_CLIENT_SECRET, OIDC_RESOURCE need OIDC_ISSUER (the OpenID provider of the web sign-in)',
    ]);
  });

  it('stops the api start with them', () => {
    expect(() => validateApiEnv({ OIDC_ISSUER: 'nope' })).toThrow(/invalid configuration: .*OIDC_ISSUER must be an http\(s\) URL/);
  });
});
