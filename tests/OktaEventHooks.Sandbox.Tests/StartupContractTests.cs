using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>The command-line contract scripts rely on, exercised on the built dll in a child process.</summary>
public sealed partial class StartupContractTests
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task FirstStdoutLineAnnouncesUrlAndTokenAndSigtermExitsZero()
    {
        using var process = StartSandboxProcess("--port", "0", "--api-token", "abc");
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(StartupTimeout);
            var match = ListeningLine().Match(firstLine ?? string.Empty);
            Assert.True(match.Success, $"Unexpected first stdout line: '{firstLine}'");
            Assert.NotEqual("0", match.Groups["port"].Value);
            Assert.Equal("abc", match.Groups["token"].Value);

            using var http = new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/eventHooks");
            request.Headers.TryAddWithoutValidation("Authorization", "SSWS abc");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("[]", await response.Content.ReadAsStringAsync());

            if (OperatingSystem.IsWindows())
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                Assert.True(process.HasExited);
            }
            else
            {
                // SIGTERM is what service managers and scripts send; it must be a clean stop, exit code 0.
                using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(0, process.ExitCode);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task WithoutTokenArgumentARandomUrlSafeTokenIsAnnounced()
    {
        using var process = StartSandboxProcess();
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(StartupTimeout);
            var match = ListeningLine().Match(firstLine ?? string.Empty);
            Assert.True(match.Success, $"Unexpected first stdout line: '{firstLine}'");
            Assert.Matches("^[A-Za-z0-9_-]{40}$", match.Groups["token"].Value);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "70000")]
    [InlineData("--port")]
    [InlineData("--bogus")]
    [InlineData("--api-token", "")]
    [InlineData("--rate-limit", "0")]
    [InlineData("--rate-limit", "ten")]
    [InlineData("--rate-limit-window", "0")]
    [InlineData("--concurrent-limit", "-1")]
    [InlineData("--rate-limit", "5", "--rate-limit", "6")]
    [InlineData("--oauth-client", "0oaX=/nonexistent/key.pem")]
    [InlineData("--oauth-client", "no-equals-sign")]
    public async Task BadArgumentsExitWithCodeTwoAndMessageOnStderr(params string[] arguments)
    {
        using var process = StartSandboxProcess(arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(StartupTimeout);

        Assert.Equal(2, process.ExitCode);
        Assert.Equal(string.Empty, await stdout);
        Assert.NotEqual(string.Empty, (await stderr).Trim());
    }

    [Fact]
    public async Task RateLimitArgumentsShapeTheBucket()
    {
        using var process = StartSandboxProcess("--rate-limit", "7", "--rate-limit-window=3", "--concurrent-limit", "2", "--api-token", "abc");
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(StartupTimeout);
            var match = ListeningLine().Match(firstLine ?? string.Empty);
            Assert.True(match.Success, $"Unexpected first stdout line: '{firstLine}'");

            using var http = new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/eventHooks");
            request.Headers.TryAddWithoutValidation("Authorization", "SSWS abc");
            using var response = await http.SendAsync(request);
            var status = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/sandbox/rate-limit"))!;

            Assert.Equal("7", string.Join(",", response.Headers.GetValues("X-Rate-Limit-Limit")));
            Assert.Equal("6", string.Join(",", response.Headers.GetValues("X-Rate-Limit-Remaining")));
            Assert.Equal(7, (int)status["limit"]!);
            Assert.Equal(3, (int)status["windowSeconds"]!);
            Assert.Equal(2, (int)status["concurrentLimit"]!);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AfterTheFirstLineSaysHowToStopThenOneLinePerRequestUnlessQuiet(bool quiet)
    {
        using var process = quiet ? StartSandboxProcess("--api-token", "abc", "--quiet") : StartSandboxProcess("--api-token", "abc");
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(StartupTimeout);
            var match = ListeningLine().Match(firstLine ?? string.Empty);
            Assert.True(match.Success, $"Unexpected first stdout line: '{firstLine}'");
            var secondLine = await process.StandardOutput.ReadLineAsync().WaitAsync(StartupTimeout);
            Assert.StartsWith("Ctrl+C to stop.", secondLine, StringComparison.Ordinal);

            using var http = new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value) };
            using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/eventHooks"))
            {
                request.Headers.TryAddWithoutValidation("Authorization", "SSWS abc");
                using var response = await http.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            if (!quiet)
            {
                var requestLine = await process.StandardOutput.ReadLineAsync().WaitAsync(StartupTimeout);
                Assert.Matches(@"^\d\d:\d\d:\d\d GET /api/v1/eventHooks 200 \d+ ms$", requestLine);
                Assert.DoesNotContain("abc", requestLine, StringComparison.Ordinal);
            }

            process.Kill(entireProcessTree: true);
            var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(StartupTimeout);
            Assert.Equal(string.Empty, rest);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process StartSandboxProcess(params string[] arguments)
    {
        // The project reference copies the sandbox (dll + runtimeconfig) next to the test assembly.
        var dll = Path.Combine(AppContext.BaseDirectory, "OktaEventHooks.Sandbox.dll");
        Assert.True(File.Exists(dll), $"Sandbox not built at {dll}");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the sandbox process.");
    }

    [GeneratedRegex(@"^Sandbox listening on (?<url>http://127\.0\.0\.1:(?<port>[0-9]{1,5})) token=(?<token>\S+)$")]
    private static partial Regex ListeningLine();
}
