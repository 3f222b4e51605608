using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using Newtonsoft.Json;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.Http;
using OktaEventHooks.Client.RateLimits;
using OktaEventHooks.Client.SystemLog;

namespace OktaEventHooks.Client.EventHooks;

/// <summary>The eight Okta Event Hooks operations. Thread-safe; every call takes a cancellation token.</summary>
public sealed class EventHookClient : IDisposable
{
    /// <summary>Okta waits 3 s for the endpoint and retries once; leave room for both attempts.</summary>
    private static readonly TimeSpan MinimumVerifyTimeout = TimeSpan.FromSeconds(15);

    private readonly OktaHttpTransport _transport;

    public EventHookClient(OktaClientOptions options)
    {
        _transport = new OktaHttpTransport(options);
    }

    public OktaClientOptions Options => _transport.Options;

    /// <summary><paramref name="text"/> without this connection's secrets or anything shaped like a credential.</summary>
    public string Scrub(string text) => SecretScrubber.Scrub(text, Options.Authorizer.KnownSecrets) ?? string.Empty;

    /// <summary>What Okta last said about this connection's rate limit.</summary>
    public RateLimitPacer RateLimit => _transport.RateLimit;

    /// <summary>Gets an OAuth access token now (a no-op for API tokens), so that bad credentials fail early.</summary>
    public async Task<bool> FetchTokenAsync(CancellationToken cancellationToken)
    {
        await _transport.FetchCredentialsAsync(new Uri(Options.OrgUrl, OktaEndpoints.ListEventHooks.Path()), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A reader of the System Log records about event hooks that <paramref name="query"/> asks for, page by page.</summary>
    public SystemLogReader ReadSystemLog(SystemLogQuery query) => new SystemLogReader(_transport, query);

    public async Task<IReadOnlyList<EventHook>> ListAsync(CancellationToken cancellationToken) =>
        (await ListAsync(_transport.NewBudget(), cancellationToken).ConfigureAwait(false)).Hooks;

    public Task<EventHook> GetAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(OktaEndpoints.GetEventHook, id, null, null, EventHookJson.ReadHook, _transport.NewBudget(), cancellationToken);

    /// <summary>
    /// Creates a hook. A create is not safe to repeat blindly: when it fails in a way that may have reached Okta, the
    /// hooks are listed and a hook created since the call began (by the org's clock) with the same name, endpoint and
    /// event types is returned instead of creating a second one. When that check itself fails, the outcome is
    /// unknown and the error says so.
    /// </summary>
    public async Task<EventHook> CreateAsync(EventHookDefinition definition, CancellationToken cancellationToken)
    {
        if (definition == null)
        {
            throw new ArgumentNullException(nameof(definition));
        }

        var body = EventHookJson.WriteDefinition(definition);
        var budget = _transport.NewBudget();
        while (true)
        {
            try
            {
                var response = await Send(OktaEndpoints.CreateEventHook, null, body, null, safeToRepeat: false, budget, cancellationToken).ConfigureAwait(false);
                return Read(response, EventHookJson.ReadHook);
            }
            catch (OktaApiException ex) when (MayHaveCreated(ex.Error))
            {
                var created = await FindCreatedAsync(definition, ex, budget, cancellationToken).ConfigureAwait(false);
                if (created != null)
                {
                    return created;
                }

                if (!budget.TryTakeRetry(TimeSpan.Zero))
                {
                    ex.Error.ErrorCauses.Add($"No hook named '{definition.Name}' was created: the org was checked afterwards");
                    throw new OktaApiException(ex.Error.Scrubbed(definition.AuthHeaderValue), ex);
                }

                RequestTrace.Write($"No hook named '{definition.Name}' was created; sending the create again.");
            }
            catch (OktaApiException ex)
            {
                throw Scrubbed(ex, definition.AuthHeaderValue);
            }
        }
    }

    public Task<EventHook> ReplaceAsync(string id, EventHookDefinition definition, CancellationToken cancellationToken) =>
        ReplaceAsync(id, definition, null, cancellationToken);

    /// <summary>
    /// Replaces the hook (PUT) with <paramref name="definition"/>, carrying every field of <paramref name="asRead"/>
    /// (the hook as this client read it) that the definition does not model.
    /// </summary>
    public async Task<EventHook> ReplaceAsync(string id, EventHookDefinition definition, EventHook? asRead, CancellationToken cancellationToken)
    {
        if (definition == null)
        {
            throw new ArgumentNullException(nameof(definition));
        }

        try
        {
            return await SendAsync(OktaEndpoints.ReplaceEventHook, id, EventHookJson.WriteReplacement(definition, asRead), null, EventHookJson.ReadHook, _transport.NewBudget(), cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException ex)
        {
            throw Scrubbed(ex, definition.AuthHeaderValue);
        }
    }

    public Task<EventHook> ActivateAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(OktaEndpoints.ActivateEventHook, id, null, null, EventHookJson.ReadHook, _transport.NewBudget(), cancellationToken);

    public Task<EventHook> DeactivateAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(OktaEndpoints.DeactivateEventHook, id, null, null, EventHookJson.ReadHook, _transport.NewBudget(), cancellationToken);

    public Task<EventHook> VerifyAsync(string id, CancellationToken cancellationToken)
    {
        var timeout = Options.Timeout < MinimumVerifyTimeout ? MinimumVerifyTimeout : Options.Timeout;
        return SendAsync(OktaEndpoints.VerifyEventHook, id, null, timeout, EventHookJson.ReadHook, _transport.NewBudget(), cancellationToken);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await Send(OktaEndpoints.DeleteEventHook, id, null, null, safeToRepeat: true, _transport.NewBudget(), cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException ex) when (ex.Error.Attempts > 1 && ex.Error.StatusCode == HttpStatusCode.NotFound)
        {
            // A retried delete whose first attempt went through finds nothing left to delete: that is success.
        }
    }

    private async Task<(IReadOnlyList<EventHook> Hooks, DateTimeOffset? ServerTime)> ListAsync(CallBudget budget, CancellationToken cancellationToken)
    {
        var response = await SendResponseAsync(OktaEndpoints.ListEventHooks, null, null, null, EventHookJson.ReadHookList, budget, cancellationToken).ConfigureAwait(false);
        return (response.Value, response.Date);
    }

    /// <summary>
    /// After a create that may have reached Okta: the hook it made, if the org has one with the same name, endpoint
    /// and event types created since the call began. "Since" is judged by the org's clock (the list answer's Date
    /// header less the time this call has taken), never by ours. Throws the outcome-unknown error when the org cannot be checked.
    /// </summary>
    private async Task<EventHook?> FindCreatedAsync(EventHookDefinition definition, OktaApiException failure, CallBudget budget, CancellationToken cancellationToken)
    {
        RequestTrace.Write($"Create of '{definition.Name}' ended in doubt ({failure.Error.Kind}, HTTP {(int?)failure.Error.StatusCode}); checking by name before creating again.");
        IReadOnlyList<EventHook> hooks;
        DateTimeOffset? serverNow;
        try
        {
            (hooks, serverNow) = await ListAsync(budget, cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException check)
        {
            throw new OktaApiException(
                new OktaApiError
                {
                    Kind = OktaFailureKind.OutcomeUnknown,
                    StatusCode = failure.Error.StatusCode,
                    RequestId = failure.Error.RequestId,
                    Request = failure.Error.Request,
                    Attempts = budget.Attempts,
                    ErrorSummary = $"The create of event hook '{definition.Name}' may or may not have reached Okta ({failure.Message.TrimEnd('.')}), " +
                                   $"and checking the org for it failed ({check.Message.TrimEnd('.')})",
                }.Scrubbed(definition.AuthHeaderValue),
                failure);
        }

        // The call began budget.Elapsed before the list was answered. Okta's created and Date have whole seconds:
        // allow two of them. Only an answer without a Date header leaves the local clock to judge by.
        var since = (serverNow ?? DateTimeOffset.UtcNow) - budget.Elapsed - TimeSpan.FromSeconds(2);
        var created = hooks.FirstOrDefault(h => IsSameNewHook(h, definition, since));
        if (created != null)
        {
            RequestTrace.Write($"The create had reached Okta: found {created.Name} ({created.Id}).");
        }

        return created;
    }

    private async Task<T> SendAsync<T>(
        OktaEndpoint endpoint, string? id, string? body, TimeSpan? timeout, Func<string, T> read, CallBudget budget, CancellationToken cancellationToken) =>
        (await SendResponseAsync(endpoint, id, body, timeout, read, budget, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Every operation but create is safe to repeat; an answer that is not Okta's JSON is asked for again, from the same budget.</summary>
    private async Task<(T Value, DateTimeOffset? Date)> SendResponseAsync<T>(
        OktaEndpoint endpoint, string? id, string? body, TimeSpan? timeout, Func<string, T> read, CallBudget budget, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await Send(endpoint, id, body, timeout, safeToRepeat: true, budget, cancellationToken).ConfigureAwait(false);
            try
            {
                return (Read(response, read), response.Date);
            }
            catch (OktaApiException ex) when (budget.TryTakeRetry(TimeSpan.Zero))
            {
                RequestTrace.Write($"{ex.Message} Asking again (retry {budget.Retries} of {budget.MaxRetries}).");
            }
            catch (OktaApiException ex)
            {
                throw About(ex, endpoint, id);
            }
        }
    }

    /// <summary>One request of <paramref name="endpoint"/>; a failure carries the hook id and the scope the call needed.</summary>
    private async Task<OktaResponse> Send(
        OktaEndpoint endpoint, string? id, string? body, TimeSpan? timeout, bool safeToRepeat, CallBudget budget, CancellationToken cancellationToken)
    {
        var path = endpoint.Path(id == null ? null : CheckedId(id));
        try
        {
            return await _transport.SendAsync(endpoint.Method, path, body, timeout, safeToRepeat, budget, cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException ex)
        {
            throw About(ex, endpoint, id);
        }
    }

    private static OktaApiException About(OktaApiException ex, OktaEndpoint endpoint, string? id)
    {
        ex.Error.HookId ??= id;
        ex.Error.Scope ??= endpoint.Scope;
        ex.Error.IsVerification = endpoint == OktaEndpoints.VerifyEventHook;
        return ex;
    }

    private static OktaApiException Scrubbed(OktaApiException ex, string? secret) =>
        secret == null ? ex : new OktaApiException(ex.Error.Scrubbed(secret), ex.InnerException);

    private static bool MayHaveCreated(OktaApiError error) =>
        error.MayHaveReachedOkta
        && error.Kind != OktaFailureKind.Timeout
        && (error.Kind == OktaFailureKind.Network
            || (error.StatusCode is HttpStatusCode status && ((int)status >= 500 || (int)status < 300)));

    private static bool IsSameNewHook(EventHook hook, EventHookDefinition definition, DateTimeOffset since) =>
        hook.Name == definition.Name
        && hook.Uri == definition.Uri
        && new HashSet<string>(hook.EventTypes, StringComparer.Ordinal).SetEquals(definition.EventTypes)
        && hook.Created is DateTime created && new DateTimeOffset(created.ToUniversalTime(), TimeSpan.Zero) >= since;

    private static T Read<T>(OktaResponse response, Func<string, T> read)
    {
        try
        {
            return read(response.Content ?? string.Empty);
        }
        catch (JsonException)
        {
            // The parser's own message quotes the body and repeats positions; say plainly what was wrong.
            throw new OktaApiException(
                new OktaApiError
                {
                    Kind = OktaFailureKind.UnexpectedResponse,
                    StatusCode = response.StatusCode,
                    RequestId = response.RequestId,
                    ErrorSummary = string.Format(
                        CultureInfo.InvariantCulture,
                        "a success body of {0} characters that is cut short or not an event hook",
                        response.Content?.Length ?? 0),
                });
        }
    }

    private static string CheckedId(string id)
    {
        var problem = EventHookRules.IdProblem(id);
        if (problem != null)
        {
            // Ids the user types are checked at the parameter; this is an id the org returned (a hostile or broken org).
            throw new OktaApiException(new OktaApiError
            {
                Kind = OktaFailureKind.UnaddressableHook,
                ErrorSummary = "The org returned an event hook whose id cannot be used in a request path, so this module cannot address it. " +
                               problem + " Nothing was sent",
                MayHaveReachedOkta = false,
            });
        }

        return id;
    }

    public void Dispose() => _transport.Dispose();
}
