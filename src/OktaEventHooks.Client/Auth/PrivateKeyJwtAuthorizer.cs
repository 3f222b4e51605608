using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.Auth;

/// <summary>
/// OAuth 2.0 client credentials with a <c>private_key_jwt</c> assertion against the org authorization server.
/// The access token is cached in memory and renewed before it expires. When Okta binds the token to a DPoP
/// key (the app requires DPoP), every request carries a fresh DPoP proof signed by a key made for this
/// connection only. Thread-safe.
/// </summary>
public sealed class PrivateKeyJwtAuthorizer : IRequestAuthorizer, IDisposable
{
    public static readonly IReadOnlyList<string> DefaultScopes = OktaEndpoints.EventHookScopes;

    private static readonly JsonWebTokenHandler Tokens = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };

    private readonly string _clientId;
    private readonly SigningKey _assertionKey;
    private readonly SigningKey _dpopKey = SigningKey.NewDpopKey();
    private readonly string _scope;
    private readonly SemaphoreSlim _renewal = new SemaphoreSlim(1, 1);
    private readonly object _proofGate = new object();

    private string? _accessToken;
    private string? _tokenType;
    private DateTimeOffset _expiresAt;
    private string? _tokenNonce;
    private string? _resourceNonce;

    public PrivateKeyJwtAuthorizer(string clientId, SigningKey assertionKey, IEnumerable<string>? scopes = null)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new ArgumentException("The client id is empty.", nameof(clientId));
        }

        _clientId = clientId.Trim();
        _assertionKey = assertionKey ?? throw new ArgumentNullException(nameof(assertionKey));
        var list = (scopes ?? DefaultScopes).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        _scope = string.Join(" ", list.Count > 0 ? list : DefaultScopes.ToList());
    }

    public string ClientId => _clientId;

    public IReadOnlyList<string> Scopes => _scope.Split(' ');

    public string Mode => _tokenType == "DPoP" ? "PrivateKey+DPoP" : "PrivateKey";

    /// <summary>When the cached access token expires; null before the first token.</summary>
    public DateTimeOffset? TokenExpiresAt => _accessToken == null ? (DateTimeOffset?)null : _expiresAt;

    public async Task<RequestCredentials> AuthorizeAsync(string method, Uri url, ITokenEndpoint tokenEndpoint, CancellationToken cancellationToken)
    {
        var (token, type) = await GetTokenAsync(tokenEndpoint, cancellationToken).ConfigureAwait(false);
        if (type != "DPoP")
        {
            return new RequestCredentials("Bearer " + token);
        }

        var ath = Base64UrlEncoder.Encode(Sha256(Encoding.ASCII.GetBytes(token)));
        return new RequestCredentials("DPoP " + token, Proof(method, url, _resourceNonce, ath));
    }

    /// <summary>The access token in use, the one secret of this authorizer that a server could echo; the rest are JWTs.</summary>
    public IEnumerable<string> KnownSecrets => _accessToken == null ? Array.Empty<string>() : new[] { _accessToken };

    public bool ShouldRetryAfterChallenge(int status, string? wwwAuthenticate, string? dpopNonce)
    {
        if (dpopNonce != null && _tokenType == "DPoP")
        {
            _resourceNonce = dpopNonce;
            return true;
        }

        if (status == 401)
        {
            // A token revoked or expired early: drop it so the next attempt gets a new one.
            _accessToken = null;
            return true;
        }

        return false;
    }

    private async Task<(string Token, string Type)> GetTokenAsync(ITokenEndpoint endpoint, CancellationToken cancellationToken)
    {
        var token = _accessToken;
        if (token != null && DateTimeOffset.UtcNow < RenewAt())
        {
            return (token, _tokenType!);
        }

        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_accessToken != null && DateTimeOffset.UtcNow < RenewAt())
            {
                return (_accessToken, _tokenType!);
            }

            return await RequestTokenAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>Renew five minutes before expiry, or after four fifths of a short lifetime.</summary>
    private DateTimeOffset RenewAt()
    {
        var lifetime = _expiresAt - _issuedAt;
        var early = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, lifetime.Ticks / 5));
        return _expiresAt - early;
    }

    private DateTimeOffset _issuedAt;

    private async Task<(string Token, string Type)> RequestTokenAsync(ITokenEndpoint endpoint, CancellationToken cancellationToken)
    {
        // At most: one answer asking for a DPoP nonce, one more if that nonce went stale meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            var form = "grant_type=client_credentials"
                + "&scope=" + Uri.EscapeDataString(_scope)
                + "&client_assertion_type=" + Uri.EscapeDataString("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + Uri.EscapeDataString(Assertion(endpoint.TokenUrl));

            // Like Okta's SDKs, always offer a DPoP proof; the token type says whether the org bound the token to it.
            var proof = Proof("POST", endpoint.TokenUrl, _tokenNonce, null);
            var sentAt = DateTimeOffset.UtcNow;
            var response = await endpoint.PostAsync(form, proof, cancellationToken).ConfigureAwait(false);
            var body = ParseObject(response.Content);
            var error = Text(body?["error"]);
            if (response.Status == 400 && error == "use_dpop_nonce" && response.DpopNonce != null && attempt <= 2)
            {
                _tokenNonce = response.DpopNonce;
                RequestTrace.Write("The org asked for a DPoP nonce; requesting the token again with it.");
                continue;
            }

            var accessToken = Text(body?["access_token"]);
            if (response.Status != 200 || body == null || accessToken == null)
            {
                throw TokenError(response, body);
            }

            _accessToken = accessToken;
            _tokenType = string.Equals(Text(body["token_type"]), "DPoP", StringComparison.OrdinalIgnoreCase) ? "DPoP" : "Bearer";
            var lifetime = body["expires_in"] is JValue expires && expires.Type == JTokenType.Integer && (long)expires >= 0 && (long)expires < int.MaxValue
                ? (int)(long)expires
                : 3600;
            _issuedAt = sentAt;
            _expiresAt = sentAt.AddSeconds(lifetime);
            RequestTrace.Write(string.Format(
                CultureInfo.InvariantCulture,
                "Got a {0} access token for client {1}, valid {2} s, scopes: {3}.",
                _tokenType, _clientId, lifetime, Text(body["scope"]) ?? _scope));
            return (_accessToken, _tokenType);
        }
    }

    private OktaApiException TokenError(TokenEndpointResponse response, JObject? body)
    {
        // OAuth errors are {"error", "error_description"}; an outage answers in Okta's usual {"errorCode", "errorSummary"}.
        var error = Text(body?["error"]) ?? Text(body?["errorCode"]);
        var description = Text(body?["error_description"]) ?? Text(body?["errorSummary"]);
        var summary = error == null
            ? $"The token endpoint answered HTTP {response.Status} without an OAuth or Okta error body"
            : $"Okta refused a token for client {_clientId}: {error}" + (description == null ? string.Empty : " (" + description.TrimEnd('.') + ")");
        return new OktaApiException(new OktaApiError
        {
            Kind = error == null ? OktaFailureKind.UnexpectedResponse : OktaFailureKind.OktaError,
            StatusCode = (HttpStatusCode)response.Status,
            ErrorCode = error,
            ErrorSummary = summary,
            RequestId = response.RequestId,
            Request = "POST oauth2/v1/token",
            Attempts = response.Attempts,
        }.Scrubbed(_accessToken));
    }

    /// <summary>The client assertion: iss = sub = client id, aud = token URL, a fresh jti, five minutes to live.</summary>
    private string Assertion(Uri tokenUrl)
    {
        var now = DateTimeOffset.UtcNow;
        return Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = _clientId,
                ["sub"] = _clientId,
                ["aud"] = tokenUrl.AbsoluteUri,
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            },
            SigningCredentials = _assertionKey.Credentials,
        });
    }

    /// <summary>A DPoP proof (RFC 9449) for one request: fresh jti, htm, htu without query, and ath on API calls.</summary>
    private string Proof(string method, Uri url, string? nonce, string? ath)
    {
        var claims = new Dictionary<string, object>
        {
            ["htm"] = method.ToUpperInvariant(),
            ["htu"] = url.GetLeftPart(UriPartial.Path),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (nonce != null)
        {
            claims["nonce"] = nonce;
        }

        if (ath != null)
        {
            claims["ath"] = ath;
        }

        lock (_proofGate)
        {
            return Tokens.CreateToken(new SecurityTokenDescriptor
            {
                TokenType = "dpop+jwt",
                AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = _dpopKey.PublicJwk() },
                Claims = claims,
                SigningCredentials = _dpopKey.Credentials,
            });
        }
    }

    /// <summary>A string value; a field of another type (a gateway's nested error object) is not text.</summary>
    private static string? Text(JToken? token) => token is JValue value && value.Type == JTokenType.String ? (string?)value : null;

    private static JObject? ParseObject(string? content)
    {
        try
        {
            return string.IsNullOrWhiteSpace(content) ? null : JsonConvert.DeserializeObject(content!, JsonSettings.Reading) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Sha256(byte[] data)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
    }

    public void Dispose()
    {
        _renewal.Dispose();
        _dpopKey.Dispose();
        _assertionKey.Dispose();
    }

    public override string ToString() => "PrivateKey " + _clientId;
}
