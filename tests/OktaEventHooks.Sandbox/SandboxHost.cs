using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OktaEventHooks.Sandbox.Admin;
using OktaEventHooks.Sandbox.Api;
using OktaEventHooks.Sandbox.Delivery;
using OktaEventHooks.Sandbox.Faults;
using OktaEventHooks.Sandbox.Hooks;
using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.OAuth;
using OktaEventHooks.Sandbox.RateLimiting;
using OktaEventHooks.Sandbox.Receiver;
using OktaEventHooks.Sandbox.SystemLog;
using OktaEventHooks.Sandbox.Verification;

namespace OktaEventHooks.Sandbox;

/// <summary>
/// A running sandbox org: an in-process Kestrel server on 127.0.0.1 that answers like Okta's
/// Event Hooks management API. Used by the command line and directly by xunit tests.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    /// <summary>A minute: far beyond any batching, and short enough that a test cannot hang on it.</summary>
    public const int MaxDeliveryBatchWindowMilliseconds = 60_000;

    private readonly WebApplication _app;
    private int _stopped;

    private SandboxHost(WebApplication app, int port, string apiToken)
    {
        _app = app;
        BaseAddress = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        BaseUrl = new Uri(BaseAddress);
        ApiToken = apiToken;
    }

    /// <summary>The org URL, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The org URL without a trailing slash, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string BaseAddress { get; }

    /// <summary>The token clients must send as <c>Authorization: SSWS &lt;token&gt;</c>.</summary>
    public string ApiToken { get; }

    /// <summary>
    /// Writes one line per request served to <paramref name="writer"/> from now on (null: stops). The command line
    /// turns this on after its start-up line, unless --quiet.
    /// </summary>
    public void WriteRequestLinesTo(TextWriter? writer) => _app.Services.GetRequiredService<RequestConsole>().WriteTo(writer);

    /// <summary>For tests that must set up what the API cannot (e.g. a VERIFIED hook on a non-loopback URI).</summary>
    internal IServiceProvider Services => _app.Services;

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be between 0 and 65535.");
        }

        if (options.DeliveryBatchWindowMilliseconds is < 0 or > MaxDeliveryBatchWindowMilliseconds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.DeliveryBatchWindowMilliseconds, $"DeliveryBatchWindowMilliseconds must be from 0 to {MaxDeliveryBatchWindowMilliseconds}.");
        }

        if (RateLimitSettings.From(options).Problem() is { } rateLimitProblem)
        {
            throw new ArgumentOutOfRangeException(nameof(options), rateLimitProblem);
        }

        var apiToken = options.ApiToken ?? OktaIds.NewApiToken();
        if (apiToken.Length == 0 || apiToken.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("ApiToken must be non-empty and contain no whitespace.", nameof(options));
        }

        var app = Build(options, apiToken);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var host = new SandboxHost(app, port, apiToken);
        app.Services.GetRequiredService<SandboxState>().BaseAddress = host.BaseAddress;
        return host;
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(SandboxOptions options, string apiToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // stdout belongs to the command line's "Sandbox listening on …" contract: logs go to stderr, warnings only.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        // Loopback only, whatever ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS say in the environment.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.UseSetting("http_ports", string.Empty);
        builder.WebHost.UseSetting("https_ports", string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        // The command line handles Ctrl+C/SIGTERM itself; an in-process host must not hook the test runner's signals.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();

        builder.Services.AddSingleton(new SandboxState(apiToken));
        builder.Services.AddSingleton<RequestConsole>();
        builder.Services.AddSingleton(EligibleEventTypes.LoadEmbedded());
        builder.Services.AddSingleton<EventHookValidator>();
        builder.Services.AddSingleton<EventHookStore>();
        builder.Services.AddSingleton(new EventTypeOrdering(options.EventTypeOrder));
        builder.Services.AddSingleton<ApiAuthenticator>();
        builder.Services.AddSingleton(new RateLimitBucket(RateLimitSettings.From(options)));
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<ReceiverLog>();
        builder.Services.AddSingleton<ReceiverSwitches>();
        builder.Services.AddSingleton<HookVerifier>();
        builder.Services.AddSingleton<VerificationLog>();
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddSingleton<HookDeliverer>();
        builder.Services.AddSingleton(new DeliveryBatchWindow(TimeSpan.FromMilliseconds(options.DeliveryBatchWindowMilliseconds)));
        builder.Services.AddSingleton<DeliveryBatcher>();
        builder.Services.AddSingleton(new OAuthState(options.OAuthClients.Select(OAuthClientRegistration.FromStartup).ToList()));
        builder.Services.AddSingleton<AccessTokenAuthenticator>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SystemLogStore>();
        builder.Services.AddSingleton<SystemLogWriter>();
        builder.Services.AddSingleton<SystemLogSettings>();

        var app = builder.Build();
        var console = app.Services.GetRequiredService<RequestConsole>();
        app.Use((context, next) => console.InvokeAsync(context, next));
        app.UseMiddleware<OktaApiMiddleware>();
        EventHookEndpoints.Map(app);
        AdminEndpoints.Map(app);
        EventDeliveryEndpoints.Map(app);
        TokenEndpoint.Map(app);
        OAuthAdminEndpoints.Map(app);
        ReceiverEndpoints.Map(app);
        SystemLogEndpoints.Map(app);
        return app;
    }

    /// <summary>A host lifetime that neither waits for nor listens to console signals.</summary>
    private sealed class PassiveHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
