using OktaEventHooks.Client.Auth;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Http;
using OktaEventHooks.Sandbox;

namespace OktaEventHooks.Client.Tests;

/// <summary>One in-process sandbox org for the whole test class.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxHost Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await SandboxHost.StartAsync(new SandboxOptions());

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    public EventHookClient CreateClient(string? token = null, Uri? orgUrl = null, TimeSpan? timeout = null) =>
        new(new OktaClientOptions(orgUrl ?? Sandbox.BaseUrl, new ApiTokenAuthorizer(token ?? Sandbox.ApiToken))
        {
            UserAgent = "OktaEventHooks/9.9.9 (tests)",
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        });

    public static EventHookDefinition Definition(string name, string uri, string? secret = null) => new()
    {
        Name = name,
        Uri = uri,
        EventTypes = ["user.lifecycle.create"],
        AuthHeaderName = secret == null ? null : "Authorization",
        AuthHeaderValue = secret,
    };
}
