using System;
using System.Threading;
using System.Threading.Tasks;
using OktaEventHooks.Client.Errors;

namespace OktaEventHooks.Client.Auth;

/// <summary>
/// The first step of every API request: its credential headers, after getting an access token when the connection
/// needs one. The token requests are sent by <c>sendTokenRequest</c> (the transport's own send, on the budget of the
/// call that needs the token); one renewal at a time, so many requests at once share one new token.
/// </summary>
public sealed class CredentialsStep : IDisposable
{
    /// <summary>A token dropped by a concurrent 401 right after it was got is fetched again, this many times at most.</summary>
    private const int MaxPasses = 3;

    private readonly IRequestAuthorizer _authorizer;
    private readonly Uri _tokenUrl;
    private readonly SemaphoreSlim _renewal = new SemaphoreSlim(1, 1);

    public CredentialsStep(IRequestAuthorizer authorizer, Uri tokenUrl)
    {
        _authorizer = authorizer ?? throw new ArgumentNullException(nameof(authorizer));
        _tokenUrl = tokenUrl ?? throw new ArgumentNullException(nameof(tokenUrl));
    }

    public async Task<RequestCredentials> ForAsync(
        string method, Uri url, Func<TokenRequest, CancellationToken, Task<TokenEndpointResponse>> sendTokenRequest, CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            if (_authorizer.NeedsToken)
            {
                await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    // Asked again under the gate: another request may have renewed the token meanwhile.
                    for (var request = _authorizer.NeedsToken ? _authorizer.NewTokenRequest(_tokenUrl) : null; request != null;)
                    {
                        var answer = await sendTokenRequest(request, cancellationToken).ConfigureAwait(false);
                        request = _authorizer.TakeTokenAnswer(request, answer);
                    }
                }
                finally
                {
                    _renewal.Release();
                }
            }

            var credentials = _authorizer.Credentials(method, url);
            if (credentials != null)
            {
                return credentials;
            }

            if (pass == MaxPasses)
            {
                throw new OktaApiException(new OktaApiError
                {
                    Kind = OktaFailureKind.InvalidCredentials,
                    ErrorSummary = $"Okta kept refusing the access token right after granting it ({MaxPasses} tokens in a row)",
                    Request = method.ToUpperInvariant() + " " + url.AbsolutePath.TrimStart('/'),
                    MayHaveReachedOkta = false,
                });
            }
        }
    }

    public void Dispose() => _renewal.Dispose();
}
