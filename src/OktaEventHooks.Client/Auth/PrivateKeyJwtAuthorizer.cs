using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>A nonce asked for once, then once more if that nonce went stale meanwhile: at most three requests per renewal.</summary>
    private const int MaxTokenRounds = 3;

    private readonly string _clientId;
    private readonly SigningKey _assertionKey;
    private readonly SigningKey _dpopKey = SigningKey.NewDpopKey();
    private readonly string _scope;
    private readonly object _proofGate = new object();

    /// <summary>The access token in hand, replaced whole (never changed in place) so a reader sees one consistent token.</summary>
    private HeldToken? _token;
    private string? _tokenType;
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

    /// <summary>When the access token in hand expires; null before the first token and after Okta refused it.</summary>
    public DateTimeOffset? TokenExpiresAt => _token?.ExpiresAt;

    /// <summary>A new token is needed when there is none, or when the one in hand is due for renewal.</summary>
    public bool NeedsToken => !(_token is HeldToken token && DateTimeOffset.UtcNow < token.RenewAt);

    public TokenRequest NewTokenRequest(Uri tokenUrl) => NewTokenRequest(tokenUrl, 1);

    public TokenRequest? TakeTokenAnswer(TokenRequest request, TokenEndpointResponse answer)
    {
        if (request == null || answer == null)
        {
            throw new ArgumentNullException(request == null ? nameof(request) : nameof(answer));
        }

        var body = ParseObject(answer.Content);
        if (answer.Status == 400 && Text(body?["error"]) == "use_dpop_nonce" && answer.DpopNonce != null && request.Round < MaxTokenRounds)
        {
            _tokenNonce = answer.DpopNonce;
            RequestTrace.Write("The org asked for a DPoP nonce; requesting the token again with it.");
            return NewTokenRequest(request.Url, request.Round + 1);
        }

        var accessToken = Text(body?["access_token"]);
        if (answer.Status != 200 || body == null || accessToken == null)
        {
            throw TokenError(answer, body);
        }

        _tokenType = string.Equals(Text(body["token_type"]), "DPoP", StringComparison.OrdinalIgnoreCase) ? "DPoP" : "Bearer";
        var lifetime = body["expires_in"] is JValue expires && expires.Type == JTokenType.Integer && (long)expires >= 0 && (long)expires < int.MaxValue
            ? (int)(long)expires
            : 3600;
        _token = new HeldToken(accessToken, _tokenType, request.CreatedAt, request.CreatedAt.AddSeconds(lifetime));
        RequestTrace.Write(string.Format(
            CultureInfo.InvariantCulture,
            "Got a {0} access token for client {1}, valid {2} s, scopes: {3}.",
            _tokenType, _clientId, lifetime, Text(body["scope"]) ?? _scope));
        return null;
    }

    public RequestCredentials? Credentials(string method, Uri url)
    {
        var token = _token;
        if (token == null)
        {
            return null;
        }

        if (token.Type != "DPoP")
        {
            return new RequestCredentials("Bearer " + token.Value);
        }

        var ath = Base64UrlEncoder.Encode(Sha256(Encoding.ASCII.GetBytes(token.Value)));
        return new RequestCredentials("DPoP " + token.Value, Proof(method, url, _resourceNonce, ath));
    }

    /// <summary>The access token in use, the one secret of this authorizer that a server could echo; the rest are JWTs.</summary>
    public IEnumerable<string> KnownSecrets => _token is HeldToken token ? new[] { token.Value } : Array.Empty<string>();

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
            _token = null;
            return true;
        }

        return false;
    }

    /// <summary>
    /// A token request: the client assertion, and (like Okta's SDKs) always a DPoP proof; the token type of the answer
    /// says whether the org bound the token to it.
    /// </summary>
    private TokenRequest NewTokenRequest(Uri tokenUrl, int round)
    {
        var form = "grant_type=client_credentials"
            + "&scope=" + Uri.EscapeDataString(_scope)
            + "&client_assertion_type=" + Uri.EscapeDataString("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            + "&client_assertion=" + Uri.EscapeDataString(Assertion(tokenUrl));
        return new TokenRequest(tokenUrl, form, Proof("POST", tokenUrl, _tokenNonce, null), round);
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
        }.Scrubbed(_token?.Value));
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
        _dpopKey.Dispose();
        _assertionKey.Dispose();
    }

    public override string ToString() => "PrivateKey " + _clientId;

    /// <summary>An access token and when to renew it: five minutes before expiry, or after four fifths of a short lifetime.</summary>
    private sealed class HeldToken
    {
        public HeldToken(string value, string type, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
        {
            Value = value;
            Type = type;
            ExpiresAt = expiresAt;
            var early = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, (expiresAt - issuedAt).Ticks / 5));
            RenewAt = expiresAt - early;
        }

        public string Value { get; }

        public string Type { get; }

        public DateTimeOffset ExpiresAt { get; }

        public DateTimeOffset RenewAt { get; }

        public override string ToString() => Type + " ***";
    }
}
