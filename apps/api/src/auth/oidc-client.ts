/**
 * The api's side of the web sign-in, with panva's openid-client: discovery of the provider (lazy, retried after a
 * failure), the authorization request (code + PKCE S256, state, nonce, and the api's resource indicator), the code
 * exchange with every check of the ID token, the renewal of an expired access token with the refresh token, and the
 * end-session URL.
 */
import { Logger } from '@nestjs/common';
import type * as OpenIdClient from 'openid-client';
import { requireNative } from '@app/config';
import { IdentityProviderUnavailableError, SignInFailedError } from './auth.errors';
import type { TrustedProvider } from './token-verifier';
import type { WebAuthConfig } from './web-auth.config';

type Client = typeof OpenIdClient;

export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
  nonce: string;
}

export interface SignInTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string | null;
  /** The ID token's `name`, if any. */
  name: string | null;
  /** The ID token's `sub`: must be the access token's. */
  subject: string;
}

/** A renewal's tokens; the refresh and ID tokens only when the provider sent new ones (else the old ones stand). */
export interface RenewedTokens {
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
}

/** The provider refused the refresh token (expired, revoked, or its session ended there): the session is over. */
export class RefreshRefusedError extends Error {}

export class OidcClient implements TrustedProvider {
  private readonly client: Client = requireNative<Client>('openid-client');
  private configuration?: Promise<OpenIdClient.Configuration>;
  private readonly logger = new Logger(OidcClient.name);

  constructor(private readonly config: WebAuthConfig & { issuer: string }) {}

  get issuer(): string {
    return this.config.issuer;
  }

  /** The provider's metadata, discovered once; a failed discovery is tried again on the next call. */
  private discover(): Promise<OpenIdClient.Configuration> {
    const { client, config } = this;
    this.configuration ??= client
      .discovery(
        new URL(config.issuer),
        config.clientId,
        config.clientSecret ?? undefined,
        config.clientSecret ? client.ClientSecretBasic(config.clientSecret) : client.None(),
        // A provider on plain http is a local one (npm start, tests); production issuers are https.
        new URL(config.issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .then((configuration) => {
        this.logger.log(`OpenID provider ${config.issuer} discovered`);
        return configuration;
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.warn(`OpenID provider ${config.issuer} could not be discovered: ${(error as Error).message}`);
        throw new IdentityProviderUnavailableError();
      });
    return this.configuration;
  }

  async jwksUri(): Promise<string> {
    const uri = (await this.discover()).serverMetadata().jwks_uri;
    if (!uri) throw new IdentityProviderUnavailableError();
    return uri;
  }

  async authorizationRequest(redirectUri: string): Promise<AuthorizationRequest> {
    const configuration = await this.discover();
    const { client } = this;
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.config.scope,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(this.config.resource ? { resource: this.config.resource } : {}),
    });
    return { url: url.href, state, codeVerifier, nonce };
  }

  /** Exchanges the callback's code; every refusal (a bad code, a forged ID token) is AUTH.SIGN_IN_FAILED. */
  async exchange(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<SignInTokens> {
    const configuration = await this.discover();
    let tokens: OpenIdClient.TokenEndpointResponse & OpenIdClient.TokenEndpointResponseHelpers;
    try {
      tokens = await this.client.authorizationCodeGrant(
        configuration,
        callbackUrl,
        { pkceCodeVerifier: expected.codeVerifier, expectedState: expected.state, expectedNonce: expected.nonce, idTokenExpected: true },
        this.config.resource ? { resource: this.config.resource } : undefined,
      );
    } catch (error) {
      const { error: oauthError, code } = error as { code?: string; error?: string };
      const reason = `${oauthError ?? code ?? 'error'}: ${(error as Error).message}`;
      this.logger.warn(`sign-in code exchange refused: ${reason}`);
      throw new SignInFailedError(String(reason));
    }
    const claims = tokens.claims();
    if (!tokens.id_token || !claims) throw new SignInFailedError('no ID token');
    return {
      accessToken: tokens.access_token,
      idToken: tokens.id_token,
      refreshToken: tokens.refresh_token ?? null,
      name: typeof claims.name === 'string' ? claims.name : null,
      subject: claims.sub,
    };
  }

  /**
   * A new access token for the refresh token (the api's resource again). A refusal by the provider (an OAuth error
   * answer) is RefreshRefusedError; a provider that cannot be reached is AUTH.PROVIDER_UNAVAILABLE.
   */
  async refresh(refreshToken: string): Promise<RenewedTokens> {
    const configuration = await this.discover();
    let tokens: OpenIdClient.TokenEndpointResponse;
    try {
      tokens = await this.client.refreshTokenGrant(configuration, refreshToken, this.config.resource ? { resource: this.config.resource } : undefined);
    } catch (error) {
      const { error: oauthError } = error as { error?: string };
      if (oauthError) {
        this.logger.log(`refresh token refused: ${oauthError}`);
        throw new RefreshRefusedError(oauthError);
      }
      this.logger.warn(`token endpoint of ${this.config.issuer} unreachable: ${(error as Error).message}`);
      throw new IdentityProviderUnavailableError();
    }
    return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? null, idToken: tokens.id_token ?? null };
  }

  /** The provider's end-session URL for the browser to visit, or null when the provider has none. */
  async endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | null> {
    const configuration = await this.discover();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return this.client.buildEndSessionUrl(configuration, {
      ...(idToken ? { id_token_hint: idToken } : {}),
      post_logout_redirect_uri: postLogoutRedirectUri,
      client_id: this.config.clientId,
    }).href;
  }
}
