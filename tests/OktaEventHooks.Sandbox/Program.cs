// Command line: dotnet OktaEventHooks.Sandbox.dll [--port <n>] [--api-token <t>]
//   [--rate-limit <requests per window>] [--rate-limit-window <seconds>] [--concurrent-limit <n, 0 = none>]
//   [--oauth-client <clientId>=<public key file: PEM, JWK or JWKS>]...  (repeatable)  [--quiet]
// Contract relied on by scripts: the FIRST stdout line is exactly
//   Sandbox listening on http://127.0.0.1:<port> token=<token>
// nothing precedes it on stdout; Ctrl+C / SIGTERM stop cleanly with exit code 0; bad arguments exit 2.
// For a person: the second line says how to stop it; then, unless --quiet, one line per request served. A script
// that reads only the first line passes --quiet, so that stdout, which nobody drains, cannot fill up and block.
using System.Globalization;
using System.Runtime.InteropServices;
using OktaEventHooks.Sandbox;
using OktaEventHooks.Sandbox.OAuth;
using OktaEventHooks.Sandbox.RateLimiting;

const int ExitOk = 0;
const int ExitStartFailed = 1;
const int ExitUsage = 2;
const string Usage = "Usage: OktaEventHooks.Sandbox [--port <0-65535>] [--api-token <token>]"
    + " [--rate-limit <requests per window, default 600>] [--rate-limit-window <seconds, default 60>]"
    + " [--concurrent-limit <requests in flight, default 0 = none>]"
    + " [--oauth-client <clientId>=<public key PEM/JWK/JWKS file>]..."
    + " [--quiet (no line per request)]";

if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.Out.WriteLine(Usage);
    return ExitOk;
}

// --quiet takes no value; every other argument has one.
var quiet = args.Contains("--quiet", StringComparer.Ordinal);
if (ParseArguments(args.Where(a => a != "--quiet").ToArray()) is not { } options)
{
    Console.Error.WriteLine(Usage);
    return ExitUsage;
}

var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true; // we stop gracefully ourselves and exit 0
    stopRequested.TrySetResult();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

SandboxHost host;
try
{
    host = await SandboxHost.StartAsync(options);
}
catch (Exception ex) when (ex is IOException or InvalidOperationException)
{
    Console.Error.WriteLine($"Sandbox could not start on 127.0.0.1:{options.Port}: {ex.Message}");
    return ExitStartFailed;
}

await using (host)
{
    Console.Out.WriteLine($"Sandbox listening on {host.BaseAddress} token={host.ApiToken}");
    Console.Out.WriteLine(quiet ? "Ctrl+C to stop." : "Ctrl+C to stop. Each request served is shown below (--quiet: none).");
    Console.Out.Flush();
    if (!quiet)
    {
        host.WriteRequestLinesTo(Console.Out);
    }

    await stopRequested.Task;
    await host.StopAsync();
}

return ExitOk;

static SandboxOptions? ParseArguments(string[] args)
{
    var options = new SandboxOptions();
    var seen = new HashSet<string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        // Accept both "--port 5000" and "--port=5000".
        var name = args[i];
        string? value = null;
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
        {
            value = name[(equals + 1)..];
            name = name[..equals];
        }

        if (name is not ("--port" or "--api-token" or "--rate-limit" or "--rate-limit-window" or "--concurrent-limit" or "--oauth-client"))
        {
            Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
            return null;
        }

        // --oauth-client is the one argument meant to be repeated: one per client.
        if (name != "--oauth-client" && !seen.Add(name))
        {
            Console.Error.WriteLine($"Argument '{name}' is given more than once.");
            return null;
        }

        if (value is null)
        {
            if (i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"Argument '{name}' needs a value.");
                return null;
            }

            value = args[++i];
        }

        switch (name)
        {
            case "--port":
                if (!TryParseCount(value, out var port) || port > 65535)
                {
                    Console.Error.WriteLine($"Invalid port '{value}': expected a number from 0 to 65535.");
                    return null;
                }

                options.Port = port;
                break;
            case "--api-token":
                if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    Console.Error.WriteLine("Invalid API token: it must be non-empty and contain no whitespace.");
                    return null;
                }

                options.ApiToken = value;
                break;
            case "--rate-limit":
                if (!TryParseCount(value, out var limit) || limit < 1)
                {
                    Console.Error.WriteLine($"Invalid rate limit '{value}': expected a whole number of requests, at least 1.");
                    return null;
                }

                options.RateLimit = limit;
                break;
            case "--rate-limit-window":
                if (!TryParseCount(value, out var seconds) || seconds is < 1 or > RateLimitSettings.MaxWindowSeconds)
                {
                    Console.Error.WriteLine($"Invalid rate-limit window '{value}': expected whole seconds from 1 to {RateLimitSettings.MaxWindowSeconds}.");
                    return null;
                }

                options.RateLimitWindowSeconds = seconds;
                break;
            case "--oauth-client":
                if (ParseOAuthClient(value, options.OAuthClients) is { } problem)
                {
                    Console.Error.WriteLine($"Invalid OAuth client '{value}': {problem}");
                    return null;
                }

                break;
            default: // --concurrent-limit
                if (!TryParseCount(value, out var concurrent))
                {
                    Console.Error.WriteLine($"Invalid concurrent limit '{value}': expected a whole number, 0 for none.");
                    return null;
                }

                options.ConcurrentLimit = concurrent;
                break;
        }
    }

    return options;
}

// "<clientId>=<path>": reads the key file now, so a bad key is a usage error (exit 2) rather than a failed start.
static string? ParseOAuthClient(string value, IList<SandboxOAuthClient> clients)
{
    var equals = value.IndexOf('=', StringComparison.Ordinal);
    if (equals <= 0 || equals == value.Length - 1)
    {
        return "expected <clientId>=<path to a public key PEM, JWK or JWKS file>.";
    }

    var client = new SandboxOAuthClient(value[..equals], string.Empty);
    if (clients.Any(c => c.ClientId == client.ClientId))
    {
        return "that client id is given more than once.";
    }

    try
    {
        client = client with { PublicKey = File.ReadAllText(value[(equals + 1)..]) };
        OAuthClientRegistration.FromStartup(client);
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
    {
        return ex.Message;
    }

    clients.Add(client);
    return null;
}

static bool TryParseCount(string value, out int number) =>
    int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
