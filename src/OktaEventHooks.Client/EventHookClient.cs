using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using RestSharp;

namespace OktaEventHooks.Client;

/// <summary>The eight Okta Event Hooks operations. Thread-safe; every call takes a cancellation token.</summary>
public sealed class EventHookClient : IDisposable
{
    private const string BasePath = "api/v1/eventHooks";

    /// <summary>Okta waits 3 s for the endpoint and retries once; leave room for both attempts.</summary>
    private static readonly TimeSpan MinimumVerifyTimeout = TimeSpan.FromSeconds(15);

    private readonly OktaHttpTransport _transport;

    public EventHookClient(OktaClientOptions options)
    {
        _transport = new OktaHttpTransport(options);
    }

    public OktaClientOptions Options => _transport.Options;

    /// <summary>What Okta last said about this connection's rate limit.</summary>
    public RateLimitPacer RateLimit => _transport.RateLimit;

    /// <summary>Gets an OAuth access token now (a no-op for API tokens), so that bad credentials fail early.</summary>
    public async Task<bool> FetchTokenAsync(CancellationToken cancellationToken)
    {
        await Options.Authorizer.AuthorizeAsync("GET", new Uri(Options.OrgUrl, BasePath), _transport, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<IReadOnlyList<EventHook>> ListAsync(CancellationToken cancellationToken) =>
        SendAsync(Method.Get, BasePath, null, null, EventHookJson.ReadHookList, cancellationToken);

    public Task<EventHook> GetAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(Method.Get, HookPath(id), null, null, EventHookJson.ReadHook, cancellationToken);

    /// <summary>
    /// Creates a hook. A create is not safe to repeat blindly: when it fails in a way that may have reached
    /// Okta, the hooks are listed and a hook just created with the same name, endpoint and event types is
    /// returned instead of creating a second one.
    /// </summary>
    public async Task<EventHook> CreateAsync(EventHookDefinition definition, CancellationToken cancellationToken)
    {
        var body = EventHookJson.WriteDefinition(definition);
        var startedUtc = DateTime.UtcNow;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await _transport.SendAsync(Method.Post, BasePath, body, null, safeToRepeat: false, cancellationToken).ConfigureAwait(false);
                return Read(response, EventHookJson.ReadHook);
            }
            catch (OktaApiException ex) when (attempt <= Options.MaxRetries && MayHaveCreated(ex.Error))
            {
                RequestTrace.Write($"Create of '{definition.Name}' ended in doubt ({ex.Error.Kind}, HTTP {(int?)ex.Error.StatusCode}); checking by name before creating again.");
                var created = (await ListAsync(cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(h => IsSameNewHook(h, definition, startedUtc));
                if (created != null)
                {
                    RequestTrace.Write($"The create had reached Okta: found {created.Name} ({created.Id}).");
                    return created;
                }

                RequestTrace.Write($"No hook named '{definition.Name}' was created; sending the create again.");
            }
        }
    }

    public Task<EventHook> ReplaceAsync(string id, EventHookDefinition definition, CancellationToken cancellationToken) =>
        SendAsync(Method.Put, HookPath(id), EventHookJson.WriteDefinition(definition), null, EventHookJson.ReadHook, cancellationToken);

    public Task<EventHook> ActivateAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(Method.Post, HookPath(id) + "/lifecycle/activate", null, null, EventHookJson.ReadHook, cancellationToken);

    public Task<EventHook> DeactivateAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(Method.Post, HookPath(id) + "/lifecycle/deactivate", null, null, EventHookJson.ReadHook, cancellationToken);

    public Task<EventHook> VerifyAsync(string id, CancellationToken cancellationToken)
    {
        var timeout = Options.Timeout < MinimumVerifyTimeout ? MinimumVerifyTimeout : Options.Timeout;
        return SendAsync(Method.Post, HookPath(id) + "/lifecycle/verify", null, timeout, EventHookJson.ReadHook, cancellationToken);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await _transport.SendAsync(Method.Delete, HookPath(id), null, null, safeToRepeat: true, cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException ex) when (ex.Error.Attempts > 1 && ex.Error.StatusCode == HttpStatusCode.NotFound)
        {
            // A retried delete whose first attempt went through finds nothing left to delete: that is success.
        }
    }

    /// <summary>Every operation but create is safe to repeat; an answer that is not Okta's JSON is asked for again.</summary>
    private async Task<T> SendAsync<T>(
        Method method, string path, string? body, TimeSpan? timeout, Func<string, T> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await _transport.SendAsync(method, path, body, timeout, safeToRepeat: true, cancellationToken).ConfigureAwait(false);
            try
            {
                return Read(response, read);
            }
            catch (OktaApiException ex) when (attempt <= Options.MaxRetries)
            {
                RequestTrace.Write($"{ex.Message} Asking again ({attempt} of {Options.MaxRetries}).");
            }
        }
    }

    private static bool MayHaveCreated(OktaApiError error) =>
        error.MayHaveReachedOkta
        && error.Kind != OktaFailureKind.Timeout
        && (error.Kind == OktaFailureKind.Network
            || (error.StatusCode is HttpStatusCode status && ((int)status >= 500 || (int)status < 300)));

    private static bool IsSameNewHook(EventHook hook, EventHookDefinition definition, DateTime startedUtc) =>
        hook.Name == definition.Name
        && hook.Uri == definition.Uri
        && hook.EventTypes.OrderBy(t => t, StringComparer.Ordinal).SequenceEqual(definition.EventTypes.OrderBy(t => t, StringComparer.Ordinal))
        && hook.Created?.ToUniversalTime() >= startedUtc.AddMinutes(-1);

    private static T Read<T>(OktaResponse response, Func<string, T> read)
    {
        try
        {
            return read(response.Content ?? string.Empty);
        }
        catch (JsonException ex)
        {
            throw new OktaApiException(
                new OktaApiError
                {
                    Kind = OktaFailureKind.UnexpectedResponse,
                    StatusCode = response.StatusCode,
                    RequestId = response.RequestId,
                    ErrorSummary = "the success body is not the JSON Okta sends: " + ex.Message,
                },
                ex);
        }
    }

    private static string HookPath(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("The event hook id is empty.", nameof(id));
        }

        return BasePath + "/" + Uri.EscapeDataString(id.Trim());
    }

    public void Dispose() => _transport.Dispose();
}
