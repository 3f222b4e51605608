using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using OktaEventHooks.Client.Auth;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Http;
using OktaEventHooks.Client.SystemLog;

namespace OktaEventHooks.DesktopSmoke;

/// <summary>
/// Usage: mono --assembly-loader=strict OktaEventHooks.DesktopSmoke.exe &lt;staged module folder&gt; &lt;org url&gt;, with the
/// API token in OKTAEH_SMOKE_TOKEN. Registers the module's loading exactly as its import does (DependencyLoader.Register),
/// then runs every Event Hooks operation and a System Log page through the client, and an endpoint test. Exit code 0 when all passed.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 2 || Environment.GetEnvironmentVariable("OKTAEH_SMOKE_TOKEN") is not { Length: > 0 } token)
        {
            Console.Error.WriteLine("usage: OktaEventHooks.DesktopSmoke.exe <staged module folder> <org url>, token in OKTAEH_SMOKE_TOKEN");
            return 2;
        }

        var module = Assembly.LoadFrom(Path.Combine(args[0], "OktaEventHooks.dll"));
        var loader = module.GetType("OktaEventHooks.DependencyLoader", throwOnError: true)!;
        loader.GetMethod("Register", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null);
        Console.WriteLine($"Runtime: {typeof(object).Assembly.GetName().Name} {Environment.Version}; dependency set: {loader.GetProperty("DependencyDirectory")!.GetValue(null)}");

        int exitCode;
        try
        {
            exitCode = Run(new Uri(args[1]), token);
        }
        catch (Exception ex)
        {
            Console.WriteLine("FAILED: " + ex);
            exitCode = 1;
        }

        var resolver = loader.GetProperty("DesktopResolver", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null);
        var answers = resolver == null ? new List<string>() : ((IEnumerable<string>)resolver.GetType().GetProperty("Answers")!.GetValue(resolver)!).ToList();
        foreach (var answer in answers)
        {
            Console.WriteLine("  AssemblyResolve: " + answer.Replace(args[0], "<module>"));
        }

        Console.WriteLine($"AssemblyResolve answered {answers.Count} times by the module's Desktop resolver");
        return exitCode;
    }

    // Not inlined: compiling it needs OktaEventHooks.Client, which only the registered resolver can find.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Run(Uri org, string token) => RunAsync(org, token, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Uri org, string token, CancellationToken cancel)
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var client = new EventHookClient(new OktaClientOptions(org, new ApiTokenAuthorizer(token)) { UserAgent = "OktaEventHooks.DesktopSmoke" });
        var failures = 0;
        void Check(string step, bool passed, string detail)
        {
            Console.WriteLine($"  {(passed ? "ok  " : "FAIL")} {step}: {detail}");
            failures += passed ? 0 : 1;
        }

        var before = await client.ListAsync(cancel).ConfigureAwait(false);
        Check("list", true, $"{before.Count} hooks");
        var created = await client.CreateAsync(
            new EventHookDefinition { Name = "Mono smoke", Uri = new Uri(org, "receiver/ok/mono-smoke").ToString(), EventTypes = { "user.lifecycle.create" } },
            cancel).ConfigureAwait(false);
        Check("create", created.Status == "ACTIVE", $"{created.Name} ({created.Id}) {created.Status} {created.VerificationStatus}");
        var read = await client.GetAsync(created.Id, cancel).ConfigureAwait(false);
        Check("get", read.Id == created.Id, read.Name);
        var change = EventHookDefinition.From(read);
        change.Description = "replaced from a .NET Framework-profile runtime";
        var replaced = await client.ReplaceAsync(created.Id, change, cancel).ConfigureAwait(false);
        Check("replace", replaced.Description == change.Description, replaced.Description ?? "(none)");
        var inactive = await client.DeactivateAsync(created.Id, cancel).ConfigureAwait(false);
        Check("deactivate", inactive.Status == "INACTIVE", inactive.Status);
        var active = await client.ActivateAsync(created.Id, cancel).ConfigureAwait(false);
        Check("activate", active.Status == "ACTIVE", active.Status);
        var verified = await client.VerifyAsync(created.Id, cancel).ConfigureAwait(false);
        Check("verify", verified.VerificationStatus == "VERIFIED", verified.VerificationStatus);
        await client.DeactivateAsync(created.Id, cancel).ConfigureAwait(false);
        await client.DeleteAsync(created.Id, cancel).ConfigureAwait(false);
        var after = await client.ListAsync(cancel).ConfigureAwait(false);
        Check("delete", after.All(h => h.Id != created.Id), $"{after.Count} hooks left");
        var page = await client.ReadSystemLog(new SystemLogQuery(started, DateTimeOffset.UtcNow.AddMinutes(1))).ReadPageAsync(cancel).ConfigureAwait(false);
        var types = page?.Select(r => r.EventType).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList() ?? new List<string>();
        Check("System Log page", types.Contains("event_hook.created") && types.Contains("event_hook.deleted"), $"{page?.Count ?? 0} records: {string.Join(", ", types)}");

        // The endpoint test leaves through the same HTTP stack: a verification GET and a delivery POST to the receiver.
        using var probe = new OktaEventHooks.Client.Probe.EventHookEndpointProbe();
        var tested = await probe.TestAsync(new EventHookDefinition { Uri = new Uri(org, "receiver/ok/mono-smoke").ToString() }, cancel).ConfigureAwait(false);
        Check("endpoint test", tested.Passed, $"verification {tested.VerificationStatusCode}, delivery {tested.DeliveryStatusCode}{string.Concat(tested.Problems.Select(p => "; " + p))}");
        return failures == 0 ? 0 : 1;
    }
}
