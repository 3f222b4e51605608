using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using RestSharp;

namespace OktaEventHooks.Client
{
    /// <summary>The eight Okta Event Hooks operations. Thread-safe; every call takes a cancellation token.</summary>
    public sealed class EventHookClient : IDisposable
    {
        private const string BasePath = "api/v1/eventHooks";

        /// <summary>Okta waits 3 s for the endpoint and retries once; leave room for both attempts.</summary>
        private static readonly TimeSpan MinimumVerifyTimeout = TimeSpan.FromSeconds(15);

        private readonly OktaHttpTransport transport;

        public EventHookClient(OktaClientOptions options)
        {
            transport = new OktaHttpTransport(options);
        }

        public OktaClientOptions Options => transport.Options;

        public async Task<IReadOnlyList<EventHook>> ListAsync(CancellationToken cancellationToken)
        {
            var response = await transport.SendAsync(Method.Get, BasePath, null, null, cancellationToken).ConfigureAwait(false);
            return Read(response, EventHookJson.ReadHookList);
        }

        public Task<EventHook> GetAsync(string id, CancellationToken cancellationToken) =>
            SendForHookAsync(Method.Get, HookPath(id), null, null, cancellationToken);

        public Task<EventHook> CreateAsync(EventHookDefinition definition, CancellationToken cancellationToken) =>
            SendForHookAsync(Method.Post, BasePath, EventHookJson.WriteDefinition(definition), null, cancellationToken);

        public Task<EventHook> ReplaceAsync(string id, EventHookDefinition definition, CancellationToken cancellationToken) =>
            SendForHookAsync(Method.Put, HookPath(id), EventHookJson.WriteDefinition(definition), null, cancellationToken);

        public Task<EventHook> ActivateAsync(string id, CancellationToken cancellationToken) =>
            SendForHookAsync(Method.Post, HookPath(id) + "/lifecycle/activate", null, null, cancellationToken);

        public Task<EventHook> DeactivateAsync(string id, CancellationToken cancellationToken) =>
            SendForHookAsync(Method.Post, HookPath(id) + "/lifecycle/deactivate", null, null, cancellationToken);

        public Task<EventHook> VerifyAsync(string id, CancellationToken cancellationToken)
        {
            var timeout = Options.Timeout < MinimumVerifyTimeout ? MinimumVerifyTimeout : Options.Timeout;
            return SendForHookAsync(Method.Post, HookPath(id) + "/lifecycle/verify", null, timeout, cancellationToken);
        }

        public async Task DeleteAsync(string id, CancellationToken cancellationToken)
        {
            await transport.SendAsync(Method.Delete, HookPath(id), null, null, cancellationToken).ConfigureAwait(false);
        }

        private async Task<EventHook> SendForHookAsync(
            Method method, string path, string? body, TimeSpan? timeout, CancellationToken cancellationToken)
        {
            var response = await transport.SendAsync(method, path, body, timeout, cancellationToken).ConfigureAwait(false);
            return Read(response, EventHookJson.ReadHook);
        }

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

        public void Dispose() => transport.Dispose();
    }
}
